// The HTTP surface of the daemon without sockets: request/response values, the handlers the
// composition root supplies, and Route(), which maps one request to one response (paths,
// methods, bearer-token authorisation). server.cc only moves bytes; everything a client can
// observe apart from timeouts and connection limits is decided here and unit-tested as values.
//
// Routes:
//   GET  /-/healthy   200 "healthy" (always, while the process serves)
//   GET  /-/ready     200 "ready" or 503 "not ready"
//   POST /-/reload    200 message or 500 error text; bearer token when one is configured
//   GET  /metrics     text exposition 0.0.4
//   GET  /api/v1/...  JSON from Handlers::api; bearer token when `api_requires_token`
// Anything else is 404; a known path with another method is 405 with `Allow`. Errors under
// /api/ have JSON bodies {"error": "..."}.
//
// Thread-safety: Route is a pure function of its arguments; the handlers are called on the
// calling thread.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace govwatch::web {

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra, e.g. WWW-Authenticate
};

struct Request {
  std::string method;                        // "GET", "POST", …
  std::string path;                          // percent-decoded, without the query
  std::map<std::string, std::string> query;  // decoded; a repeated key keeps the last value
  std::string authorization;                 // the Authorization header, verbatim
};

// Supplied by the composition root; called on the io_context thread. An empty function makes
// its route answer 404 (api) or, for ready, 503.
struct Handlers {
  std::function<std::string()> metrics;               // GET /metrics
  std::function<bool()> ready;                        // GET /-/ready
  std::function<core::Result<std::string>()> reload;  // POST /-/reload
  std::function<Response(const Request&)> api;        // GET /api/v1/…
  // Unexpected failures (a handler threw, a connection coroutine failed), English, for the log.
  std::function<void(std::string_view)> on_error;
};

struct RouteOptions {
  std::optional<std::string> token;  // bearer token; nullopt: /-/reload is open (loopback only)
  bool api_requires_token = false;   // true when listening beyond loopback
};

// Parses an origin-form request target ("/api/v1/findings?state=open"). Error on anything else
// (absolute-form, bad percent-encoding).
core::Result<Request> ParseTarget(std::string method, std::string_view target,
                                  std::string authorization);

// True when `authorization` is exactly "Bearer <token>". The comparison takes the same time for
// every candidate of a given length, so the token cannot be guessed byte by byte from timing.
bool BearerMatches(std::string_view authorization, std::string_view token);

// The response to one request. Exceptions from handlers become 500 and are reported through
// handlers.on_error.
Response Route(const Request& request, const Handlers& handlers, const RouteOptions& options);

// {"error": message} with status `status`, for /api/.
Response JsonError(int status, std::string_view message);

}  // namespace govwatch::web
