// Route(): every path, method and authorisation case as a table of request → response.
#include "web/router.h"

#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace govwatch::web {
namespace {

Request Make(std::string method, std::string path, std::string authorization = "") {
  auto r = ParseTarget(std::move(method), path, std::move(authorization));
  EXPECT_TRUE(r.ok()) << path;
  return *r;
}

std::string Header(const Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

Handlers TestHandlers() {
  Handlers h;
  h.metrics = [] { return std::string("govwatch_build_info{version=\"0.1.0\"} 1\n"); };
  h.ready = [] { return true; };
  h.reload = []() -> core::Result<std::string> { return std::string("reloaded"); };
  h.api = [](const Request& r) {
    Response resp;
    resp.content_type = "application/json";
    resp.body = "{\"path\":\"" + r.path + "\"}";
    return resp;
  };
  return h;
}

struct Case {
  std::string name;
  std::string method;
  std::string target;
  std::string authorization;
  RouteOptions options;
  int status;
  std::string body;  // exact, or "" to skip
};

TEST(RouteTest, Table) {
  const RouteOptions open{};
  const RouteOptions with_token{"s3cret", false};
  const RouteOptions remote{"s3cret", true};
  const std::vector<Case> cases = {
      {"healthy", "GET", "/-/healthy", "", open, 200, "healthy\n"},
      {"healthy_post", "POST", "/-/healthy", "", open, 405, ""},
      {"ready", "GET", "/-/ready", "", open, 200, "ready\n"},
      {"metrics", "GET", "/metrics", "", open, 200, "govwatch_build_info{version=\"0.1.0\"} 1\n"},
      {"metrics_post", "POST", "/metrics", "", open, 405, ""},
      {"unknown", "GET", "/nope", "", open, 404, "not found\n"},
      {"root", "GET", "/", "", open, 404, "not found\n"},
      {"reload_get", "GET", "/-/reload", "", open, 405, ""},
      {"reload_open", "POST", "/-/reload", "", open, 200, "reloaded\n"},
      {"reload_no_token", "POST", "/-/reload", "", with_token, 401, ""},
      {"reload_wrong_token", "POST", "/-/reload", "Bearer s3creT", with_token, 401, ""},
      {"reload_basic", "POST", "/-/reload", "Basic s3cret", with_token, 401, ""},
      {"reload_token", "POST", "/-/reload", "Bearer s3cret", with_token, 200, "reloaded\n"},
      {"api_loopback_no_token", "GET", "/api/v1/targets", "", with_token, 200,
       "{\"path\":\"/api/v1/targets\"}"},
      {"api_remote_no_token", "GET", "/api/v1/targets", "", remote, 401,
       "{\"error\":\"a valid bearer token is required\"}"},
      {"api_remote_token", "GET", "/api/v1/targets?x=1", "Bearer s3cret", remote, 200,
       "{\"path\":\"/api/v1/targets\"}"},
      {"api_post", "POST", "/api/v1/targets", "", open, 405, "{\"error\":\"method not allowed\"}"},
      {"decoded_path", "GET", "/api/v1/targets/gy%2Fnews", "", open, 200,
       "{\"path\":\"/api/v1/targets/gy/news\"}"},
  };
  const Handlers handlers = TestHandlers();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const Response r = Route(Make(c.method, c.target, c.authorization), handlers, c.options);
    EXPECT_EQ(r.status, c.status);
    if (!c.body.empty()) {
      EXPECT_EQ(r.body, c.body);
    }
    if (c.status == 401) {
      EXPECT_EQ(Header(r, "WWW-Authenticate"), "Bearer realm=\"govwatch\"");
    }
    if (c.status == 405) {
      EXPECT_FALSE(Header(r, "Allow").empty());
    }
    if (c.target.starts_with("/api/")) {
      EXPECT_EQ(r.content_type, "application/json");
    }
  }
}

TEST(RouteTest, MetricsContentTypeIsExpositionFormat) {
  const Response r = Route(Make("GET", "/metrics"), TestHandlers(), {});
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
}

TEST(RouteTest, NotReadyAndFailedReload) {
  Handlers h = TestHandlers();
  h.ready = [] { return false; };
  h.reload = []() -> core::Result<std::string> {
    return core::MakeError("config: govwatch.yaml:3:1: unknown key \"sitez\"");
  };
  EXPECT_EQ(Route(Make("GET", "/-/ready"), h, {}).status, 503);
  const Response r = Route(Make("POST", "/-/reload"), h, {});
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body, "config: govwatch.yaml:3:1: unknown key \"sitez\"\n");
}

TEST(RouteTest, ThrowingHandlerIs500AndReported) {
  Handlers h = TestHandlers();
  std::string reported;
  h.on_error = [&reported](std::string_view what) { reported = what; };
  h.api = [](const Request&) -> Response { throw std::runtime_error("store is gone"); };
  const Response r = Route(Make("GET", "/api/v1/targets"), h, {});
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body, "{\"error\":\"internal error\"}");
  EXPECT_EQ(reported, "web: GET /api/v1/targets: store is gone");
}

TEST(RouteTest, MissingHandlers) {
  const Handlers none;
  EXPECT_EQ(Route(Make("GET", "/metrics"), none, {}).status, 404);
  EXPECT_EQ(Route(Make("GET", "/api/v1/targets"), none, {}).status, 404);
  EXPECT_EQ(Route(Make("GET", "/-/ready"), none, {}).status, 503);
  EXPECT_EQ(Route(Make("GET", "/-/healthy"), none, {}).status, 200);
}

TEST(ParseTargetTest, QueryIsDecoded) {
  auto r = ParseTarget("GET", "/api/v1/findings?state=open&unit=%E5%9B%BA%E5%8E%9F&x", "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path, "/api/v1/findings");
  EXPECT_EQ(r->query.at("state"), "open");
  EXPECT_EQ(r->query.at("unit"), "固原");
  EXPECT_EQ(r->query.at("x"), "");
}

TEST(ParseTargetTest, RejectsNonOriginForm) {
  EXPECT_FALSE(ParseTarget("GET", "http://example.org/metrics", "").ok());
  EXPECT_FALSE(ParseTarget("GET", "/bad%zzpath", "").ok());
  EXPECT_FALSE(ParseTarget("GET", "*", "").ok());
}

TEST(BearerMatchesTest, ExactTokenOnly) {
  EXPECT_TRUE(BearerMatches("Bearer abc123", "abc123"));
  EXPECT_FALSE(BearerMatches("Bearer abc12", "abc123"));
  EXPECT_FALSE(BearerMatches("Bearer abc1234", "abc123"));
  EXPECT_FALSE(BearerMatches("Bearer abc124", "abc123"));
  EXPECT_FALSE(BearerMatches("bearer abc123", "abc123"));
  EXPECT_FALSE(BearerMatches("abc123", "abc123"));
  EXPECT_FALSE(BearerMatches("Bearer ", ""));  // an empty token never authorises
  EXPECT_FALSE(BearerMatches(std::string("Bearer abc123\0", 14), "abc123"));
}

}  // namespace
}  // namespace govwatch::web
