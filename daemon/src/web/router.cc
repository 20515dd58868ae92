#include "web/router.h"

#include <exception>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/url/parse.hpp>

namespace govwatch::web {
namespace {

constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

Response Text(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response MethodNotAllowed(std::string_view allow, bool json) {
  Response r = json ? JsonError(405, "method not allowed") : Text(405, "method not allowed\n");
  r.headers.emplace_back("Allow", std::string(allow));
  return r;
}

Response Unauthorized(bool json) {
  Response r = json ? JsonError(401, "a valid bearer token is required")
                    : Text(401, "a valid bearer token is required\n");
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"govwatch\"");
  return r;
}

void Report(const Handlers& handlers, std::string_view what) {
  if (handlers.on_error) handlers.on_error(what);
}

Response RouteUnchecked(const Request& request, const Handlers& handlers,
                        const RouteOptions& options) {
  const std::string& path = request.path;
  const bool get = request.method == "GET";
  if (path.starts_with("/api/")) {
    if (!handlers.api) return JsonError(404, "not found");
    if (!get) return MethodNotAllowed("GET", true);
    if (options.api_requires_token &&
        (!options.token || !BearerMatches(request.authorization, *options.token))) {
      return Unauthorized(true);
    }
    return handlers.api(request);
  }
  if (path == "/-/healthy") {
    return get ? Text(200, "healthy\n") : MethodNotAllowed("GET", false);
  }
  if (path == "/-/ready") {
    if (!get) return MethodNotAllowed("GET", false);
    return handlers.ready && handlers.ready() ? Text(200, "ready\n") : Text(503, "not ready\n");
  }
  if (path == "/-/reload") {
    if (request.method != "POST") return MethodNotAllowed("POST", false);
    if (options.token && !BearerMatches(request.authorization, *options.token)) {
      return Unauthorized(false);
    }
    if (!handlers.reload) return Text(500, "reload is not available\n");
    core::Result<std::string> result = handlers.reload();
    if (!result.ok()) return Text(500, result.error().message + "\n");
    return Text(200, *result + "\n");
  }
  if (path == "/metrics") {
    if (!get) return MethodNotAllowed("GET", false);
    if (!handlers.metrics) return Text(404, "not found\n");
    Response r = Text(200, handlers.metrics());
    r.content_type = kMetricsContentType;
    return r;
  }
  return Text(404, "not found\n");
}

}  // namespace

core::Result<Request> ParseTarget(std::string method, std::string_view target,
                                  std::string authorization) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return core::MakeError("invalid request target");
  Request request;
  request.method = std::move(method);
  request.authorization = std::move(authorization);
  request.path = parsed->path();  // decoded
  for (const auto& param : parsed->params()) {
    request.query[param.key] = param.value;
  }
  return request;
}

bool BearerMatches(std::string_view authorization, std::string_view token) {
  constexpr std::string_view kScheme = "Bearer ";
  if (!authorization.starts_with(kScheme) || token.empty()) return false;
  const std::string_view given = authorization.substr(kScheme.size());
  // Loops over the expected token whatever `given` holds; only the length mismatch is visible.
  unsigned char diff = given.size() == token.size() ? 0 : 1;
  for (std::size_t i = 0; i < token.size(); ++i) {
    const char c = i < given.size() ? given[i] : '\0';
    diff |= static_cast<unsigned char>(c ^ token[i]);
  }
  return diff == 0;
}

Response JsonError(int status, std::string_view message) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  boost::json::object body;
  body["error"] = message;
  r.body = boost::json::serialize(body);
  return r;
}

Response Route(const Request& request, const Handlers& handlers, const RouteOptions& options) {
  try {
    return RouteUnchecked(request, handlers, options);
  } catch (const std::exception& e) {
    Report(handlers, "web: " + request.method + " " + request.path + ": " + e.what());
  } catch (...) {
    Report(handlers, "web: " + request.method + " " + request.path + ": unknown exception");
  }
  if (request.path.starts_with("/api/")) return JsonError(500, "internal error");
  return Text(500, "internal error\n");
}

}  // namespace govwatch::web
