// Notification: one message for people, as the alert engine composes it and the outbox delivers
// it (issue 4). The alert module produces them; the notify module stores them in the outbox
// first and delivers from there, so nothing composed is lost when a channel is down.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace govwatch::core {

struct Notification {
  std::string channel;              // a configured channel's name (config::Channel::name)
  std::vector<std::string> to;      // e-mail recipients; empty: the channel's own recipients
  std::string subject;              // UTF-8, Chinese; encoded per RFC 2047 by the e-mail channel
  std::string text;                 // plain-text body (also the webhook/markdown text)
  std::string html;                 // HTML body; empty: text only
  // Unique per logical message (e.g. "fire:<alert id>:<n>", "digest:<unit>:<date>"): enqueuing
  // the same key twice stores one message, so a restart never sends a notification twice.
  std::string dedup_key;
  Timestamp created_at;
};

// Where the alert engine hands its notifications. Enqueue must be durable when it returns ok.
class NotificationSink {
 public:
  virtual ~NotificationSink() = default;
  virtual Status Enqueue(const Notification& notification) = 0;
};

}  // namespace govwatch::core
