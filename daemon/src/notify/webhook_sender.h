// Webhook over HTTP(S) with libcurl: one JSON POST per message (webhook_payload.h builds the body
// and judges the answer), with the channel's configured headers; DingTalk channels with a
// `secret` get the 加签 timestamp and sign appended to the URL. Redirects are not followed (a
// POST must not silently turn into a GET elsewhere); the reply body is read up to 64 KiB.
//
// Thread-safety: a free function; each call uses its own connection.
#pragma once

#include "config/config.h"
#include "core/notification.h"
#include "notify/transport.h"

namespace govwatch::notify {

SendOutcome SendWebhook(const config::Channel& channel, const core::Notification& notification,
                        const Envelope& envelope);

}  // namespace govwatch::notify
