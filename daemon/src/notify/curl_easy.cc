#include "notify/curl_easy.h"

#include <curl/curl.h>

#include <mutex>

namespace govwatch::notify {
namespace {

void GlobalInitOnce() {
  // curl_global_init is not thread-safe on its own; every handle is made after this ran.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

CurlEasy::CurlEasy() {
  GlobalInitOnce();
  handle_ = curl_easy_init();
  if (handle_ != nullptr) {
    curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error_);
    // No signals from a worker thread (DNS timeouts would otherwise use SIGALRM).
    curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
  }
}

CurlEasy::~CurlEasy() {
  if (handle_ != nullptr) curl_easy_cleanup(handle_);
  for (int i = 0; i < list_count_; ++i) curl_slist_free_all(lists_[i]);
}

curl_slist* CurlEasy::Append(curl_slist*& list, const std::string& value) {
  const bool fresh = list == nullptr;
  curl_slist* appended = curl_slist_append(list, value.c_str());
  if (appended == nullptr) return list;  // out of memory: the caller sees a short list
  list = appended;
  if (fresh && list_count_ < 4) lists_[list_count_++] = list;
  return list;
}

std::string CurlEasy::ErrorText(int code) const {
  if (error_[0] != '\0') return error_;
  return curl_easy_strerror(static_cast<CURLcode>(code));
}

SendOutcome OutcomeOfCurlError(int code, long response_code, std::string detail) {
  switch (static_cast<CURLcode>(code)) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return SendOutcome::Retry(std::move(detail), /*unreachable=*/true);
    case CURLE_OPERATION_TIMEDOUT:
      // No answer at all: the server is not there for now. After a greeting it is just slow.
      return SendOutcome::Retry(std::move(detail), /*unreachable=*/response_code == 0);
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_LOGIN_DENIED:
    case CURLE_USE_SSL_FAILED:  // smtp_require_tls and the server offers no STARTTLS
      return SendOutcome::Permanent(std::move(detail));
    default:
      break;
  }
  if (response_code >= 500 && response_code < 600) return SendOutcome::Permanent(std::move(detail));
  return SendOutcome::Retry(std::move(detail));
}

}  // namespace govwatch::notify
