#include "notify/mime_message.h"

#include <chrono>
#include <cstdio>

namespace govwatch::notify {
namespace {

constexpr size_t kMaxLine = 76;
constexpr std::string_view kWordPrefix = "=?UTF-8?B?";
constexpr std::string_view kWordSuffix = "?=";
constexpr std::string_view kCrlf = "\r\n";

bool NeedsEncoding(std::string_view text) {
  if (text.find("=?") != std::string_view::npos) return true;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) return true;
  }
  return false;
}

// Length in bytes of the UTF-8 character starting at text[pos]; 1 for a byte that does not
// start a valid sequence (encoded on its own).
size_t CharLength(std::string_view text, size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  size_t n = 1;
  if (lead >= 0xc2 && lead <= 0xdf) n = 2;
  else if (lead >= 0xe0 && lead <= 0xef) n = 3;
  else if (lead >= 0xf0 && lead <= 0xf4) n = 4;
  if (pos + n > text.size()) return 1;
  for (size_t i = 1; i < n; ++i) {
    if ((static_cast<unsigned char>(text[pos + i]) & 0xc0) != 0x80) return 1;
  }
  return n;
}

// Most raw bytes whose encoded word fits in `room` characters.
size_t BytesFor(size_t room) {
  const size_t overhead = kWordPrefix.size() + kWordSuffix.size();
  if (room <= overhead + 4) return 0;
  return (room - overhead) / 4 * 3;
}

std::uint64_t Fnv1a(std::string_view data) {
  std::uint64_t hash = 14695981039346656037ull;
  for (char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string Hex(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

// Base64 in lines of 76 characters, each ending in CRLF.
std::string Base64Body(std::string_view bytes) {
  const std::string encoded = Base64(bytes);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / kMaxLine * 2 + 2);
  for (size_t pos = 0; pos < encoded.size(); pos += kMaxLine) {
    out.append(encoded, pos, kMaxLine);
    out += kCrlf;
  }
  return out;
}

std::string Part(std::string_view content_type, std::string_view body) {
  std::string part = "Content-Type: " + std::string(content_type) + "; charset=UTF-8\r\n";
  part += "Content-Transfer-Encoding: base64\r\n\r\n";
  part += Base64Body(body);
  return part;
}

}  // namespace

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = static_cast<unsigned char>(bytes[i]) << 16 |
                            static_cast<unsigned char>(bytes[i + 1]) << 8 |
                            static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += rest == 2 ? kAlphabet[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

std::string EncodeHeaderText(std::string_view utf8, size_t first_line_used) {
  if (!NeedsEncoding(utf8)) return std::string(utf8);
  std::string out;
  size_t pos = 0;
  // Continuation lines start with one space.
  size_t room = first_line_used < kMaxLine ? kMaxLine - first_line_used : 0;
  if (BytesFor(room) < 4) {
    // Too little room after a long header name for even one character: start on a new line.
    out += "\r\n ";
    room = kMaxLine - 1;
  }
  while (pos < utf8.size()) {
    const size_t budget = BytesFor(room);
    size_t end = pos;
    while (end < utf8.size()) {
      const size_t n = CharLength(utf8, end);
      if (end + n - pos > budget) break;
      end += n;
    }
    if (!out.empty() && !out.ends_with("\r\n ")) out += "\r\n ";
    out += kWordPrefix;
    out += Base64(utf8.substr(pos, end - pos));
    out += kWordSuffix;
    pos = end;
    room = kMaxLine - 1;
  }
  return out;
}

std::string FormatMailbox(std::string_view display_name, std::string_view address,
                          size_t first_line_used) {
  if (display_name.empty()) return std::string(address);
  std::string name;
  if (NeedsEncoding(display_name)) {
    name = EncodeHeaderText(display_name, first_line_used);
  } else {
    // A quoted-string, so commas and dots in the name are not read as syntax.
    name = "\"";
    for (char c : display_name) {
      if (c == '"' || c == '\\') name += '\\';
      name += c;
    }
    name += '"';
  }
  const size_t newline = name.rfind('\n');
  const size_t used = newline == std::string::npos ? first_line_used + name.size()
                                                   : name.size() - newline - 1;
  // Fold before the address when it would overflow the line.
  name += used + address.size() + 3 > kMaxLine ? "\r\n " : " ";
  return name + "<" + std::string(address) + ">";
}

std::string FormatMailDate(core::Timestamp t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::weekday weekday{days};
  const std::chrono::hh_mm_ss hms{t - days};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02ld:%02ld:%02ld +0000",
                kDays[weekday.c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()));
  return buffer;
}

std::string MakeMessageId(std::int64_t outbox_id, std::string_view dedup_key,
                          std::string_view from_address) {
  const size_t at = from_address.rfind('@');
  std::string_view domain =
      at == std::string_view::npos ? std::string_view("govwatch.invalid") : from_address.substr(at + 1);
  if (domain.empty()) domain = "govwatch.invalid";
  return "<govwatch." + std::to_string(outbox_id) + "." + Hex(Fnv1a(dedup_key)) + "@" +
         std::string(domain) + ">";
}

bool IsSafeAddress(std::string_view address) {
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
  for (char c : address) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == '\\') {
      return false;
    }
  }
  return true;
}

core::Result<std::string> RenderMail(const MailMessage& m) {
  if (!IsSafeAddress(m.from_address)) {
    return core::MakeError("mail: invalid sender address '" + m.from_address + "'");
  }
  if (m.to.empty()) return core::MakeError("mail: no recipients");
  for (const std::string& to : m.to) {
    if (!IsSafeAddress(to)) return core::MakeError("mail: invalid recipient address '" + to + "'");
  }
  std::string out;
  out += "From: " + FormatMailbox(m.from_name, m.from_address, 6) + "\r\n";
  out += "To: ";
  size_t line = 4;
  for (size_t i = 0; i < m.to.size(); ++i) {
    if (i > 0) {
      out += ',';
      ++line;
      if (line + m.to[i].size() + 1 > kMaxLine) {
        out += "\r\n";
        line = 0;
      }
      out += ' ';
      ++line;
    }
    out += m.to[i];
    line += m.to[i].size();
  }
  out += "\r\n";
  out += "Subject: " + EncodeHeaderText(m.subject, 9) + "\r\n";
  out += "Date: " + FormatMailDate(m.date) + "\r\n";
  out += "Message-ID: " + m.message_id + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  if (m.html.empty()) {
    out += Part("text/plain", m.text);
    return out;
  }
  // "=_" never occurs in base64 text, so the boundary cannot collide with a body line.
  const std::string boundary = "=_govwatch_" + Hex(Fnv1a(m.message_id));
  out += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n" + Part("text/plain", m.text);
  out += "--" + boundary + "\r\n" + Part("text/html", m.html);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace govwatch::notify
