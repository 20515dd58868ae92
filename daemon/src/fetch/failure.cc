#include "fetch/http_client.h"

namespace govwatch::fetch {

std::string_view ToString(FailureReason reason) {
  switch (reason) {
    case FailureReason::kNone: return "none";
    case FailureReason::kInvalidUrl: return "invalid_url";
    case FailureReason::kDns: return "dns";
    case FailureReason::kConnect: return "connect";
    case FailureReason::kTls: return "tls";
    case FailureReason::kTimeout: return "timeout";
    case FailureReason::kHttpStatus: return "http_status";
    case FailureReason::kTooLarge: return "too_large";
    case FailureReason::kRedirectLoop: return "redirect_loop";
    case FailureReason::kTooManyRedirects: return "too_many_redirects";
    case FailureReason::kBadEncoding: return "bad_encoding";
    case FailureReason::kBlocked: return "blocked";
    case FailureReason::kProtocol: return "protocol";
  }
  return "unknown";
}

HttpClient::~HttpClient() = default;

}  // namespace govwatch::fetch
