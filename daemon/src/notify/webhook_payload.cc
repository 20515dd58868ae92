#include "notify/webhook_payload.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>
#include <chrono>

#include "notify/mime_message.h"

namespace govwatch::notify {
namespace {

namespace json = boost::json;

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::string MarkdownText(const core::Notification& n, std::string_view heading_prefix,
                         std::string_view heading_suffix) {
  std::string text(heading_prefix);
  text += n.subject;
  text += heading_suffix;
  text += "\n\n";
  text += n.text;
  return text;
}

}  // namespace

std::string TruncateUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  static constexpr std::string_view kEllipsis = "…";
  if (max_bytes < kEllipsis.size()) return {};
  size_t end = max_bytes - kEllipsis.size();
  // Back off continuation bytes so the cut falls before a character's first byte.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;
  return std::string(text.substr(0, end)) + std::string(kEllipsis);
}

std::string GenericWebhookBody(const core::Notification& n) {
  json::object body;
  body["subject"] = n.subject;
  body["text"] = n.text;
  body["html"] = n.html;
  body["channel"] = n.channel;
  body["created_at"] = core::FormatIso8601(n.created_at, std::chrono::seconds{0}, true);
  body["dedup_key"] = n.dedup_key;
  return json::serialize(body);
}

std::string DingTalkBody(const core::Notification& n) {
  json::object markdown;
  markdown["title"] = n.subject;
  markdown["text"] = TruncateUtf8(MarkdownText(n, "#### ", ""), kDingTalkMaxBytes);
  json::object body;
  body["msgtype"] = "markdown";
  body["markdown"] = std::move(markdown);
  return json::serialize(body);
}

std::string WeComBody(const core::Notification& n) {
  json::object markdown;
  markdown["content"] = TruncateUtf8(MarkdownText(n, "**", "**"), kWeComMaxBytes);
  json::object body;
  body["msgtype"] = "markdown";
  body["markdown"] = std::move(markdown);
  return json::serialize(body);
}

std::string WebhookBody(config::Channel::Type type, const core::Notification& n) {
  switch (type) {
    case config::Channel::Type::kDingTalk:
      return DingTalkBody(n);
    case config::Channel::Type::kWeCom:
      return WeComBody(n);
    case config::Channel::Type::kWebhook:
    case config::Channel::Type::kEmail:
      break;
  }
  return GenericWebhookBody(n);
}

std::string DingTalkSignature(std::int64_t timestamp_ms, std::string_view secret) {
  const std::string to_sign = std::to_string(timestamp_ms) + "\n" + std::string(secret);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(to_sign.data()), to_sign.size(), digest, &length);
  return PercentEncode(Base64(std::string_view(reinterpret_cast<const char*>(digest), length)));
}

std::string DingTalkSignedUrl(std::string_view url, std::int64_t timestamp_ms,
                              std::string_view secret) {
  std::string signed_url(url);
  signed_url += url.find('?') == std::string_view::npos ? '?' : '&';
  signed_url += "timestamp=" + std::to_string(timestamp_ms);
  signed_url += "&sign=" + DingTalkSignature(timestamp_ms, secret);
  return signed_url;
}

SendOutcome ClassifyHttpReply(config::Channel::Type type, long status, std::string_view body) {
  const std::string http = "http " + std::to_string(status);
  if (status == 408 || status == 429 || status >= 500) return SendOutcome::Retry(http);
  if (status < 200 || status >= 300) {
    return SendOutcome::Permanent(http + ": " + TruncateUtf8(body, 200));
  }
  const bool robot =
      type == config::Channel::Type::kDingTalk || type == config::Channel::Type::kWeCom;
  if (!robot) return SendOutcome::Sent(http);
  boost::system::error_code ec;
  const json::value reply = json::parse(body, ec);
  if (ec || !reply.is_object()) {
    return SendOutcome::Retry(http + ": robot reply is not JSON: " + TruncateUtf8(body, 200));
  }
  const json::object& object = reply.as_object();
  const json::value* errcode = object.if_contains("errcode");
  if (errcode == nullptr) return SendOutcome::Sent(http);
  if (!errcode->is_int64()) return SendOutcome::Retry(http + ": robot errcode is not a number");
  const std::int64_t code = errcode->as_int64();
  if (code == 0) return SendOutcome::Sent(http);
  std::string detail = http + ": robot errcode " + std::to_string(code);
  if (const json::value* errmsg = object.if_contains("errmsg"); errmsg && errmsg->is_string()) {
    detail += " (" + std::string(errmsg->as_string()) + ")";
  }
  // -1: system busy; 130101 (DingTalk) / 45009 (WeCom): sending too fast.
  if (code == -1 || code == 130101 || code == 45009) return SendOutcome::Retry(detail);
  return SendOutcome::Permanent(detail);
}

}  // namespace govwatch::notify
