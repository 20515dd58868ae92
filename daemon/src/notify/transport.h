// Transport: sends one message over one configured channel, right now, and says how it went.
//
// The one seam between delivery policy (Deliverer: outbox, retries, back-off, dead letters) and
// the wire (SMTP, HTTP). The production implementation (MakeCurlTransport) dispatches on
// config::Channel::type to the e-mail sender (smtp_sender.h) or the webhook sender
// (webhook_sender.h); tests of the policy use a scripted fake.
//
// Thread-safety: an implementation may be used by one thread at a time; make one per thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "config/config.h"
#include "core/notification.h"
#include "core/time.h"

namespace govwatch::notify {

struct SendOutcome {
  enum class Kind {
    kSent,       // the server accepted the message
    kRetry,      // transient: connection refused, timeout, 5xx, 429, SMTP 4xx — try again later
    kPermanent,  // will not succeed by repeating: HTTP 4xx, SMTP 5xx, robot errcode, bad config
  };
  Kind kind = Kind::kRetry;
  std::string detail;  // English, for logs and last_error: "smtp: 550 mailbox unavailable"
  // The channel's server could not be reached at all (connect failed or timed out): the
  // Deliverer stops trying that channel's other messages for the rest of its pass.
  bool unreachable = false;

  static SendOutcome Sent(std::string detail = "") { return {Kind::kSent, std::move(detail), false}; }
  static SendOutcome Retry(std::string detail, bool unreachable = false) {
    return {Kind::kRetry, std::move(detail), unreachable};
  }
  static SendOutcome Permanent(std::string detail) {
    return {Kind::kPermanent, std::move(detail), false};
  }
};

// What a transport needs to know about the message beyond the notification itself.
struct Envelope {
  std::int64_t outbox_id = 0;   // 0 for messages that never went through the outbox (notify-test)
  core::Timestamp now;          // the e-mail Date header; the DingTalk signature timestamp
  std::chrono::seconds timeout{30};  // the whole exchange with the server
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Blocks until the server answered or `envelope.timeout` passed.
  virtual SendOutcome Send(const config::Channel& channel, const core::Notification& notification,
                           const Envelope& envelope) = 0;
};

// E-mail over SMTP(S) and webhook/DingTalk/WeCom over HTTP(S), both with libcurl.
std::unique_ptr<Transport> MakeCurlTransport();

}  // namespace govwatch::notify
