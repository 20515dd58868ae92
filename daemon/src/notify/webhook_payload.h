// Webhook request bodies and reply classification (pure): the generic JSON POST, the DingTalk
// and WeCom group-robot markdown messages, DingTalk's 加签 signature, and how a server's answer
// maps onto sent / retry / permanent.
//
// Thread-safety: free functions on values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.h"
#include "core/notification.h"
#include "notify/transport.h"

namespace govwatch::notify {

// Robots reject long messages: DingTalk markdown text up to 20,000 bytes, WeCom markdown content
// up to 4,096 bytes. Longer text is cut at a UTF-8 character boundary and ends in "…".
inline constexpr size_t kDingTalkMaxBytes = 20000;
inline constexpr size_t kWeComMaxBytes = 4096;
std::string TruncateUtf8(std::string_view text, size_t max_bytes);

// {"subject","text","html","channel","created_at" (RFC 3339 UTC),"dedup_key"}.
std::string GenericWebhookBody(const core::Notification& notification);
// {"msgtype":"markdown","markdown":{"title":subject,"text":"#### subject\n\ntext"}}.
std::string DingTalkBody(const core::Notification& notification);
// {"msgtype":"markdown","markdown":{"content":"**subject**\n\ntext"}}.
std::string WeComBody(const core::Notification& notification);
// The body for the channel's type (generic for kWebhook).
std::string WebhookBody(config::Channel::Type type, const core::Notification& notification);

// DingTalk 加签: base64(HMAC-SHA256(key = secret, "timestamp_ms\nsecret")), URL-encoded.
std::string DingTalkSignature(std::int64_t timestamp_ms, std::string_view secret);
// `url` + "&timestamp=…&sign=…" ('?' when the URL has no query yet).
std::string DingTalkSignedUrl(std::string_view url, std::int64_t timestamp_ms,
                              std::string_view secret);

// The verdict on an HTTP answer: 2xx is sent (for robots only when the JSON errcode is 0 or
// absent); 408, 429 and 5xx are transient; other statuses are permanent. Robot errcodes that mean
// "too fast / busy" (-1, 130101, 45009) are transient, all others permanent; a robot answer that
// is not JSON is transient.
SendOutcome ClassifyHttpReply(config::Channel::Type type, long status, std::string_view body);

}  // namespace govwatch::notify
