#include "notify/smtp_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <fstream>

#include "notify/curl_easy.h"
#include "notify/mime_message.h"

namespace govwatch::notify {
namespace {

struct Upload {
  std::string_view data;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// The password for AUTH: configured, else the file's first line. nullopt with `error` set when
// the file cannot be read.
std::optional<std::string> Password(const config::Channel& channel, std::string& error) {
  if (channel.password) return *channel.password;
  if (!channel.password_file) return std::string();
  std::ifstream in(*channel.password_file);
  std::string line;
  if (!in || !std::getline(in, line)) {
    error = "cannot read password_file '" + *channel.password_file + "'";
    return std::nullopt;
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

}  // namespace

std::vector<std::string> MailRecipients(const config::Channel& channel,
                                        const core::Notification& notification) {
  std::vector<std::string> all;
  for (const auto* list : {&channel.to, &notification.to}) {
    for (const std::string& address : *list) {
      if (std::find(all.begin(), all.end(), address) == all.end()) all.push_back(address);
    }
  }
  return all;
}

SendOutcome SendMail(const config::Channel& channel, const core::Notification& notification,
                     const Envelope& envelope) {
  MailMessage mail;
  mail.from_name = std::string(kSenderName);
  mail.from_address = channel.from;
  mail.to = MailRecipients(channel, notification);
  mail.subject = notification.subject;
  mail.text = notification.text;
  mail.html = notification.html;
  mail.date = envelope.now;
  // notify-test and other direct sends have no outbox id; the creation time keeps ids distinct.
  mail.message_id = MakeMessageId(
      envelope.outbox_id != 0 ? envelope.outbox_id
                              : notification.created_at.time_since_epoch().count(),
      notification.dedup_key, channel.from);
  auto rendered = RenderMail(mail);
  if (!rendered) return SendOutcome::Permanent(rendered.error().message);

  std::string password_error;
  const auto password = Password(channel, password_error);
  if (!password) return SendOutcome::Permanent("smtp: " + password_error);

  CurlEasy curl;
  if (!curl.ok()) return SendOutcome::Retry("smtp: cannot create a libcurl handle");
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, channel.smtp_url.c_str());
  const bool implicit_tls = channel.smtp_url.starts_with("smtps://");
  if (!implicit_tls) {
    curl_easy_setopt(h, CURLOPT_USE_SSL,
                     channel.smtp_require_tls ? static_cast<long>(CURLUSESSL_ALL)
                                              : static_cast<long>(CURLUSESSL_TRY));
  }
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, channel.verify_tls ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, channel.verify_tls ? 2L : 0L);
  if (channel.username && !channel.username->empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, channel.username->c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, password->c_str());
  }
  const std::string mail_from = "<" + channel.from + ">";
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_slist* recipients = nullptr;
  for (const std::string& to : mail.to) curl.Append(recipients, "<" + to + ">");
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
  Upload upload{*rendered};
  curl_easy_setopt(h, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  const long timeout_ms = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(envelope.timeout).count());
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);

  const CURLcode rc = curl_easy_perform(h);
  long response = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response);
  if (rc != CURLE_OK) {
    std::string detail = "smtp: " + curl.ErrorText(rc);
    if (response != 0) detail += " (last reply " + std::to_string(response) + ")";
    return OutcomeOfCurlError(rc, response, std::move(detail));
  }
  return SendOutcome::Sent("smtp: " + std::to_string(response) + " to " +
                           std::to_string(mail.to.size()) + " recipient(s)");
}

}  // namespace govwatch::notify
