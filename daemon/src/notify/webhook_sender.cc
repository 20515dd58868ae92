#include "notify/webhook_sender.h"

#include <curl/curl.h>

#include "notify/curl_easy.h"
#include "notify/webhook_payload.h"

namespace govwatch::notify {
namespace {

constexpr size_t kMaxReplyBytes = 64 * 1024;

size_t CollectReply(char* data, size_t size, size_t count, void* user) {
  auto* reply = static_cast<std::string*>(user);
  const size_t n = size * count;
  if (reply->size() < kMaxReplyBytes) reply->append(data, std::min(n, kMaxReplyBytes - reply->size()));
  return n;  // the rest is dropped, not an error
}

}  // namespace

SendOutcome SendWebhook(const config::Channel& channel, const core::Notification& notification,
                        const Envelope& envelope) {
  if (channel.url.empty()) return SendOutcome::Permanent("webhook: channel has no url");
  std::string url = channel.url;
  if (channel.type == config::Channel::Type::kDingTalk && channel.secret &&
      !channel.secret->empty()) {
    const std::int64_t timestamp_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(envelope.now.time_since_epoch())
            .count();
    url = DingTalkSignedUrl(channel.url, timestamp_ms, *channel.secret);
  }
  const std::string body = WebhookBody(channel.type, notification);

  CurlEasy curl;
  if (!curl.ok()) return SendOutcome::Retry("webhook: cannot create a libcurl handle");
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_slist* headers = nullptr;
  bool has_content_type = false;
  for (const auto& [name, value] : channel.headers) {
    if (name.find_first_of("\r\n:") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      return SendOutcome::Permanent("webhook: invalid header '" + name + "'");
    }
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    has_content_type = has_content_type || lower == "content-type";
    curl.Append(headers, name + ": " + value);
  }
  if (!has_content_type) curl.Append(headers, "Content-Type: application/json; charset=utf-8");
  // No "Expect: 100-continue" round trip for small bodies.
  curl.Append(headers, "Expect:");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "govwatch");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  const long timeout_ms = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(envelope.timeout).count());
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  std::string reply;
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, CollectReply);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply);

  const CURLcode rc = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (rc != CURLE_OK) {
    // HTTP status codes are judged below; a transfer error here had no complete answer, so its
    // "response code" must not be read as an SMTP-style 5xx.
    return OutcomeOfCurlError(rc, status == 0 ? 0 : 1, "webhook: " + curl.ErrorText(rc));
  }
  SendOutcome outcome = ClassifyHttpReply(channel.type, status, reply);
  outcome.detail = "webhook: " + outcome.detail;
  return outcome;
}

}  // namespace govwatch::notify
