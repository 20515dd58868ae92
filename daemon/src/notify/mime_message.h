// MIME e-mail rendering (pure): RFC 5322 headers with RFC 2047 encoded words for Chinese subjects
// and display names, and a multipart/alternative body (text + HTML) in UTF-8, base64-encoded.
//
// Lines end in CRLF as SMTP requires; no line is longer than 76 characters, so relays never
// re-fold or re-encode. No I/O, no clock: the date and ids come in as values.
// Thread-safety: free functions on values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace govwatch::notify {

// RFC 4648 base64 of `bytes`, one line.
std::string Base64(std::string_view bytes);

// A header value as RFC 2047 "B" encoded words when it is not plain printable ASCII (or contains
// "=?"); plain text unchanged. Each line holds at most 76 characters: `first_line_used` is how
// many the header name already took ("Subject: " = 9); further words go on continuation lines
// ("\r\n "). Words split only between UTF-8 characters, so each decodes on its own. Invalid UTF-8
// is encoded byte for byte (the receiver shows replacement characters; nothing is lost).
std::string EncodeHeaderText(std::string_view utf8, size_t first_line_used);

// `"display name" <address>` with the name encoded when needed; just the address when the name
// is empty.
std::string FormatMailbox(std::string_view display_name, std::string_view address,
                          size_t first_line_used);

// "Tue, 29 Jun 2021 16:05:00 +0000".
std::string FormatMailDate(core::Timestamp t);

// A stable Message-ID for one outbox message: the same on every (re)send, so a duplicate after a
// crash can be recognised. "<govwatch.<id>.<hash of dedup key>@<domain of from>>".
std::string MakeMessageId(std::int64_t outbox_id, std::string_view dedup_key,
                          std::string_view from_address);

// True for a plausible addr-spec: local@domain, no whitespace, control characters or <>",
// so it cannot inject headers or SMTP commands.
bool IsSafeAddress(std::string_view address);

struct MailMessage {
  std::string from_name;     // display name, UTF-8
  std::string from_address;  // addr-spec
  std::vector<std::string> to;
  std::string subject;  // UTF-8
  std::string text;     // UTF-8 plain text
  std::string html;     // UTF-8 HTML; empty: a single text/plain part
  core::Timestamp date;
  std::string message_id;  // with angle brackets
};

// The whole message (headers, blank line, body). Error when an address is unsafe or there are
// no recipients.
core::Result<std::string> RenderMail(const MailMessage& message);

}  // namespace govwatch::notify
