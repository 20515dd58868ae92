// A libcurl easy handle with its header list and error buffer, freed on scope exit, plus the
// mapping of transfer errors onto SendOutcome. libcurl's global initialisation runs once, on
// first use, thread-safely.
//
// Thread-safety: a CurlEasy belongs to one thread at a time.
#pragma once

#include <string>
#include <string_view>

#include "notify/transport.h"

typedef void CURL;  // NOLINT: as curl/curl.h declares it
struct curl_slist;

namespace govwatch::notify {

class CurlEasy {
 public:
  CurlEasy();
  ~CurlEasy();
  CurlEasy(const CurlEasy&) = delete;
  CurlEasy& operator=(const CurlEasy&) = delete;

  CURL* get() const { return handle_; }
  bool ok() const { return handle_ != nullptr; }
  // Appends to a list owned by this object (headers, recipients); returns the list head.
  curl_slist* Append(curl_slist*& list, const std::string& value);
  // The text libcurl left in its error buffer, or curl_easy_strerror(code).
  std::string ErrorText(int code) const;

 private:
  CURL* handle_ = nullptr;
  curl_slist* lists_[4] = {};
  int list_count_ = 0;
  char error_[256] = {};
};

// The verdict on a failed transfer (code ≠ CURLE_OK). `response_code` is the last SMTP/HTTP
// status seen (0 if none): for SMTP, 5xx is permanent and 4xx transient. Connection failures
// and timeouts before any answer are transient and `unreachable`.
SendOutcome OutcomeOfCurlError(int code, long response_code, std::string detail);

}  // namespace govwatch::notify
