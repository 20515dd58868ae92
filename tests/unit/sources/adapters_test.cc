// The account source adapters against a loopback FixtureServer answering like the platforms:
// request sequencing, WAF/captcha/login/418 pages as failures, token caching and refresh, link
// probes, and secrets kept out of everything the adapters return.
#include <gtest/gtest.h>

#include "core/time.h"
#include "fixture.h"
#include "fixture_server.h"
#include "sources/source.h"

namespace govwatch::sources {
namespace {

using govwatch::testing::FixtureRequest;
using govwatch::testing::FixtureServer;
using govwatch::testing::Reply;
using testing::Fixture;

const core::Timestamp kNow = *core::ParseIso8601("2021-07-10T10:00:00+08:00");

Reply Json(std::string body) {
  Reply r;
  r.Header("Content-Type", "application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

class Adapters : public ::testing::Test {
 protected:
  Adapters() {
    http_.per_host_delay = std::chrono::milliseconds{0};
    http_.retries = 0;
    http_.total_timeout = std::chrono::milliseconds{5000};
  }

  config::Account Weibo() {
    config::Account a;
    a.id = "gyfb-weibo";
    a.name = "固原发布";
    a.platform = core::Platform::kWeibo;
    a.source.type = "weibo_api";
    a.source.base_url = server_.Url("");
    a.source.uid = "2656274875";
    a.source.url = a.source.base_url + "/u/2656274875";
    return a;
  }

  config::Account Wechat() {
    config::Account a;
    a.id = "gyfb-wechat";
    a.name = "固原发布";
    a.platform = core::Platform::kWechat;
    a.source.type = "wechat_api";
    a.source.base_url = server_.Url("");
    a.source.appid = "wx0123456789abcdef";
    a.source.secret = "S3cr3tAppSecretValue";
    a.source.url = a.source.base_url + "/cgi-bin/freepublish/batchget";
    return a;
  }

  AccountRead Read(const config::Account& account, core::Timestamp now = kNow) {
    return ReadAccounts(http_, set_, {&account}, settings_, now).at(0);
  }

  // The Weibo user reply, its description linking to `link`.
  static std::string UserLinkingTo(const std::string& link) {
    std::string user = Fixture("weibo-user.json");
    const std::string from = "http://www.nxgy.gov.cn";
    user.replace(user.find(from), from.size(), link);
    return user;
  }

  void ServeWeibo(const std::string& user, const std::string& posts) {
    server_.Route("/api/container/getIndex", [user, posts](const FixtureRequest& r) {
      return Json(r.target.find("containerid=") != std::string::npos ? posts : user);
    });
  }

  FixtureServer server_;
  config::HttpSettings http_;
  config::NewMediaSettings settings_;
  SourceSet set_;
};

TEST_F(Adapters, WeiboReadsUserThenPostsAndProbesTheGovernmentLink) {
  settings_.government_domains = {"127.0.0.1"};
  ServeWeibo(UserLinkingTo(server_.Url("/gov/")), Fixture("weibo-posts.json"));
  server_.Route("/gov/", Reply{});
  const AccountRead read = Read(Weibo());
  ASSERT_TRUE(read.readable) << read.failure.reason << ": " << read.failure.detail;
  EXPECT_EQ(read.posts.size(), 4u);
  EXPECT_TRUE(read.posts[0].item.pinned);
  ASSERT_TRUE(read.profile.has_value());
  ASSERT_EQ(read.link_probes.size(), 1u);
  EXPECT_TRUE(read.link_probes[0].works);
  EXPECT_EQ(server_.Count("/api/container/getIndex"), 2);
  EXPECT_EQ(read.final_url, server_.Url("/u/2656274875"));
}

TEST_F(Adapters, WeiboBrokenProfileLinkIsProbedAsDead) {
  settings_.government_domains = {"127.0.0.1"};
  ServeWeibo(UserLinkingTo(server_.Url("/gone/")), Fixture("weibo-posts.json"));
  const AccountRead read = Read(Weibo());
  ASSERT_TRUE(read.readable);
  ASSERT_EQ(read.link_probes.size(), 1u);
  EXPECT_FALSE(read.link_probes[0].works);
  EXPECT_EQ(read.link_probes[0].http_status, 404);
}

TEST_F(Adapters, WeiboWafCaptchaLoginAnd418AreUnreadable) {
  struct Case {
    const char* name;
    Reply reply;
    const char* reason;
  };
  Reply waf = govwatch::testing::Html(Fixture("waf.html"));
  Reply captcha = govwatch::testing::Html(Fixture("captcha.html"));
  Reply teapot = Json(R"({"ok":0})");
  teapot.status = 418;
  Reply status432 = govwatch::testing::Html("<html></html>");
  status432.status = 432;
  for (const Case& c : {Case{"waf", waf, "blocked"}, Case{"captcha", captcha, "captcha"},
                        Case{"418", teapot, "http_status"}, Case{"432", status432, "http_status"},
                        Case{"login", Json(Fixture("weibo-login.json")), "login_wall"},
                        Case{"ok0", Json(Fixture("weibo-empty-ok0.json")), "api_error"}}) {
    server_.Route("/api/container/getIndex", c.reply);
    const AccountRead read = Read(Weibo());
    EXPECT_FALSE(read.readable) << c.name;
    EXPECT_EQ(read.failure.reason, c.reason) << c.name << ": " << read.failure.detail;
    EXPECT_TRUE(read.posts.empty()) << c.name;
  }
}

TEST_F(Adapters, WeiboExpiredCookieRedirectsToTheLoginPage) {
  server_.Route("/api/container/getIndex",
                govwatch::testing::Redirect(server_.Url("/signin/welcome?entry=mweibo")));
  server_.Route("/signin/welcome", govwatch::testing::Html("<html><body>请登录</body></html>"));
  const AccountRead read = Read(Weibo());
  EXPECT_FALSE(read.readable);
  EXPECT_EQ(read.failure.reason, "login_wall");
}

TEST_F(Adapters, WechatCachesTheTokenAndRefreshesItOnInvalidCredential) {
  server_.Route("/cgi-bin/token", [](const FixtureRequest& r) {
    // The appid and secret arrive as WeChat expects them.
    EXPECT_NE(r.target.find("appid=wx0123456789abcdef"), std::string::npos);
    EXPECT_NE(r.target.find("secret=S3cr3tAppSecretValue"), std::string::npos);
    return Json(Fixture("wechat-token.json"));
  });
  // The first article call says the token is no longer valid (another client fetched a new one).
  server_.Route("/cgi-bin/freepublish/batchget", [](const FixtureRequest& r) {
    EXPECT_EQ(r.method, "POST");
    return Json(r.count == 1 ? Fixture("wechat-error-40001.json") : Fixture("wechat-batchget.json"));
  });
  server_.Route("/cgi-bin/get_current_selfmenu_info", Json(Fixture("wechat-menu-missing.json")));
  server_.Route("/zjgy/", Reply{});
  settings_.check_links = true;
  config::Account account = Wechat();
  // Point the menu's view URL at the fixture server: it must not leave the machine.
  const std::string menu = Fixture("wechat-menu-missing.json");
  std::string local = menu;
  local.replace(local.find("http://www.nxgy.gov.cn/zjgy/"), 28, server_.Url("/zjgy/"));
  server_.Route("/cgi-bin/get_current_selfmenu_info", Json(local));

  const AccountRead first = Read(account);
  ASSERT_TRUE(first.readable) << first.failure.reason << ": " << first.failure.detail;
  EXPECT_EQ(server_.Count("/cgi-bin/token"), 2);  // initial + refresh after 40001
  EXPECT_EQ(first.posts.size(), 2u);
  ASSERT_TRUE(first.menu.has_value());
  EXPECT_EQ(first.menu->size(), 2u);
  ASSERT_EQ(first.link_probes.size(), 1u);
  EXPECT_TRUE(first.link_probes[0].works);

  // Within the token's lifetime (7200 s less a 300 s margin) the cached token is reused…
  const AccountRead second = Read(account, kNow + std::chrono::minutes{30});
  ASSERT_TRUE(second.readable);
  EXPECT_EQ(server_.Count("/cgi-bin/token"), 2);
  // …and after it, fetched again.
  const AccountRead third = Read(account, kNow + std::chrono::hours{2});
  ASSERT_TRUE(third.readable);
  EXPECT_EQ(server_.Count("/cgi-bin/token"), 3);
}

TEST_F(Adapters, WechatErrorsNeverRevealTheSecret) {
  // A redirect loop puts the request URL (with the secret) into the fetch detail.
  server_.Route("/cgi-bin/token", govwatch::testing::Redirect("/cgi-bin/token?grant_type=client_credential&appid=wx0123456789abcdef&secret=S3cr3tAppSecretValue"));
  const AccountRead read = Read(Wechat());
  EXPECT_FALSE(read.readable);
  EXPECT_EQ(read.failure.detail.find("S3cr3tAppSecretValue"), std::string::npos)
      << read.failure.detail;
  EXPECT_EQ(read.final_url.find("S3cr3t"), std::string::npos);

  server_.Route("/cgi-bin/token", Json(Fixture("wechat-error-40013.json")));
  const AccountRead bad = Read(Wechat());
  EXPECT_FALSE(bad.readable);
  EXPECT_EQ(bad.failure.reason, "api_error");
  EXPECT_NE(bad.failure.detail.find("40013"), std::string::npos);
}

TEST_F(Adapters, WechatWafPageAndSecretFile) {
  server_.Route("/cgi-bin/token", govwatch::testing::Html(Fixture("waf.html")));
  EXPECT_EQ(Read(Wechat()).failure.reason, "blocked");

  config::Account account = Wechat();
  account.source.secret.reset();
  account.source.secret_file = "/nonexistent/govwatch-secret";
  const AccountRead missing = Read(account);
  EXPECT_FALSE(missing.readable);
  EXPECT_EQ(missing.failure.reason, "secret");
}

TEST_F(Adapters, FeedReadsRssHubAndFlagsPinned) {
  server_.Route("/weibo/user/2656274875",
                govwatch::testing::Html(Fixture("rsshub-weibo-user.xml"),
                                        "application/rss+xml; charset=utf-8"));
  config::Account account;
  account.id = "gyfb-feed";
  account.source.url = server_.Url("/weibo/user/2656274875");
  const AccountRead read = Read(account);
  ASSERT_TRUE(read.readable) << read.failure.detail;
  ASSERT_EQ(read.posts.size(), 3u);
  EXPECT_TRUE(read.posts[0].item.pinned);
  server_.Route("/weibo/user/2656274875", govwatch::testing::Html(Fixture("waf.html")));
  EXPECT_EQ(Read(account).failure.reason, "blocked");
}

}  // namespace
}  // namespace govwatch::sources
