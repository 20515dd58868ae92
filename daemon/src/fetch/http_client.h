// HttpClient: fetches one URL (following redirects) and returns the outcome as a value.
//
// Contract: Fetch never throws and never reports failure through an exception; every failure is
// a Response whose `failure` names the reason (DNS, connect, TLS, timeout, HTTP status, too large,
// redirect loop, bad encoding, blocked by a WAF, protocol) and whose `detail` says what happened
// in English. A successful Response carries the body decoded to UTF-8 (text types only) and the
// charset it was decoded from.
//
// Thread-safety: an HttpClient is bound to one executor. Call Fetch only from coroutines running
// on that executor, which must be single-threaded (an io_context run by one thread, or a strand):
// the connection pool and the host limiter are not locked.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "config/config.h"

namespace govwatch::fetch {

enum class FailureReason {
  kNone,
  kInvalidUrl,
  kDns,
  kConnect,
  kTls,
  kTimeout,
  kHttpStatus,  // final status 4xx/5xx; Response::status holds it
  kTooLarge,    // body (after decompression) above HttpSettings::max_body_bytes
  kRedirectLoop,
  kTooManyRedirects,
  kBadEncoding,  // no charset decodes the body; body holds a lossy decoding (U+FFFD)
  kBlocked,      // a WAF / captcha / anti-bot page; detail names the signature
  kProtocol,     // malformed HTTP, unsupported scheme or encoding, anything unexpected
};

// "none", "invalid_url", "dns", "connect", "tls", "timeout", "http_status", "too_large",
// "redirect_loop", "too_many_redirects", "bad_encoding", "blocked", "protocol".
std::string_view ToString(FailureReason reason);

struct Request {
  std::string url;
  bool verify_tls = true;  // per-target opt-out for sites with broken certificate chains
  std::optional<std::string> etag;           // sent as If-None-Match
  std::optional<std::string> last_modified;  // sent as If-Modified-Since
  std::optional<std::string> user_agent;     // overrides HttpSettings::user_agent
  // HEAD instead of GET (link checks): redirects are followed the same way; the Response has
  // the status and headers of the final hop and an empty body.
  bool head = false;
  // When set, the request is a POST with this body (Content-Type post_content_type) instead of
  // a GET: for read-only JSON APIs that take their arguments in the body (WeChat
  // freepublish/batchget). Redirects are followed with the same method and body.
  std::optional<std::string> post_body;
  std::string post_content_type = "application/json";
};

struct Response {
  FailureReason failure = FailureReason::kNone;
  std::string detail;  // human readable, English; empty on success
  int status = 0;      // of the last response received; 0 when none was
  std::string final_url;
  std::vector<std::string> redirect_chain;  // every URL requested before final_url, in order
  std::string content_type;                 // media type only, lower case: "text/html"
  std::string charset;  // the one used to decode ("UTF-8", "GB18030"); empty for raw bodies
  std::string body;     // UTF-8 for text types; raw bytes otherwise
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  bool not_modified = false;  // 304 to a conditional GET
  std::chrono::milliseconds elapsed{0};
  std::uint64_t wire_bytes = 0;  // bytes received, headers and (compressed) bodies, all hops
  int attempts = 0;              // 1 + retries made

  bool ok() const { return failure == FailureReason::kNone; }
};

class HttpClient {
 public:
  virtual ~HttpClient();
  virtual boost::asio::awaitable<Response> Fetch(Request request) = 0;
};

// The production client: Beast + OpenSSL, certificate verification against the system store,
// keep-alive connection reuse, global and per-host limits from `settings`. The client must
// outlive every Fetch it started.
std::unique_ptr<HttpClient> MakeHttpClient(boost::asio::any_io_executor executor,
                                           const config::HttpSettings& settings);

// For CLI commands and benchmarks: runs an io_context on the calling thread and fetches all
// requests concurrently within the limits of `settings`. Results are in request order.
std::vector<Response> FetchAll(const config::HttpSettings& settings, std::vector<Request> requests);

}  // namespace govwatch::fetch
