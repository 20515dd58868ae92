// E-mail over SMTP with libcurl: smtp:// with STARTTLS when the server offers it (required when
// smtp_require_tls), smtps:// (implicit TLS), AUTH when a username is configured, several
// recipients, a multipart text + HTML message in UTF-8 (mime_message.h).
//
// Recipients: the channel's `to` plus the notification's `to`, duplicates removed, in order.
// The password is the channel's `password`, else the first line of `password_file`, read at each
// send so a rotated secret takes effect without a reload.
//
// Thread-safety: a free function; each call uses its own connection.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "core/notification.h"
#include "notify/transport.h"

namespace govwatch::notify {

// The display name of the sender: "govwatch 监测" <from>.
inline constexpr std::string_view kSenderName = "govwatch 监测";

std::vector<std::string> MailRecipients(const config::Channel& channel,
                                        const core::Notification& notification);

SendOutcome SendMail(const config::Channel& channel, const core::Notification& notification,
                     const Envelope& envelope);

}  // namespace govwatch::notify
