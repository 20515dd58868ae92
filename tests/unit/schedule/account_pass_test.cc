// Accounts end to end through the poller: a config with feed, weibo_api and wechat_api accounts,
// a loopback FixtureServer answering like the platforms, the real source adapters and HTTP
// client, an in-memory SQLite store — and the findings a pass leaves open.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "config/loader.h"
#include "fixture_server.h"
#include "schedule/poller.h"
#include "sources/source.h"
#include "store/sqlite_store.h"

namespace govwatch::schedule {
namespace {

using govwatch::testing::FixtureRequest;
using govwatch::testing::FixtureServer;
using govwatch::testing::Reply;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(GOVWATCH_SOURCE_DIR) + "/tests/data/sources/" + name);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Reply Json(std::string body) {
  Reply r;
  r.Header("Content-Type", "application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

// 2021-07-10 10:00 Beijing time: the weibo posts fixture's 3小时前 is that morning.
const core::Timestamp kNow = *core::ParseIso8601("2021-07-10T10:00:00+08:00");

class AccountPass : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string base = server_.Url("");
    const std::string yaml = R"(
default_profile: guyuan
profiles:
  guyuan: {account_stale_days: 7, account_warn_days: 0}
http: {per_host_delay: 0s, retries: 0}
new_media:
  source_error_after: 2
  government_domains: [".gov.cn", "127.0.0.1"]
units:
  - {id: gy, name: 固原市人民政府办公室}
accounts:
  - {id: gy-weibo, name: 固原发布, platform: weibo, unit: gy,
     source: {type: weibo_api, uid: "2656274875", base_url: ")" + base + R"("}}
  - {id: gy-wechat, name: 固原发布, platform: wechat, unit: gy,
     source: {type: wechat_api, appid: wx0123456789abcdef, secret: S3cr3t, base_url: ")" + base + R"("}}
  - {id: gy-feed, name: 固原发布（RSSHub）, platform: weibo, unit: gy,
     source: {type: feed, url: ")" + base + R"(/weibo/user/2656274875"}}
)";
    auto loaded = config::LoadConfigString(yaml, "accounts.yaml");
    ASSERT_TRUE(loaded.config.has_value()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].message);
    config_ = std::move(*loaded.config);
    auto store = store::SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);

    // Weibo: the profile links to a page that is gone; the newest ordinary post is 3 hours old,
    // one post sells things on taobao.
    std::string user = Fixture("weibo-user.json");
    user.replace(user.find("http://www.nxgy.gov.cn"), 22, server_.Url("/gone/"));
    server_.Route("/api/container/getIndex", [this, user](const FixtureRequest& r) {
      if (weibo_blocked_) return govwatch::testing::Html(Fixture("waf.html"));
      return Json(r.target.find("containerid=") != std::string::npos ? weibo_posts_ : user);
    });
    // WeChat: the menu lacks 网上办事 and 互动交流.
    server_.Route("/cgi-bin/token", Json(Fixture("wechat-token.json")));
    server_.Route("/cgi-bin/freepublish/batchget", Json(Fixture("wechat-batchget.json")));
    server_.Route("/cgi-bin/get_current_selfmenu_info", Json(Fixture("wechat-menu-missing.json")));
    // RSSHub: a pinned post and ordinary ones from June 2021 (15+ days before kNow).
    server_.Route("/weibo/user/2656274875",
                  govwatch::testing::Html(Fixture("rsshub-weibo-user.xml"),
                                          "application/rss+xml; charset=utf-8"));
  }

  // One probe pass over every account; findings by "target check subject".
  std::map<std::string, core::Finding> Pass() {
    auto targets = ResolveTargets(config_, {"all"});
    EXPECT_TRUE(targets.ok());
    const FetchFn no_pages = [](std::vector<fetch::Request>) {
      ADD_FAILURE() << "no page targets in this config";
      return std::vector<fetch::Response>{};
    };
    const AccountReadFn read = [this](std::vector<const config::Account*> accounts) {
      return sources::ReadAccounts(config_.http, sources_, accounts, config_.new_media, kNow);
    };
    auto pass = RunPass(config_, *targets, no_pages, read, health_, *store_, kNow);
    EXPECT_TRUE(pass.ok()) << (pass.ok() ? "" : pass.error().message);
    last_ = *pass;
    std::map<std::string, core::Finding> out;
    for (const auto& f : pass->findings) out[f.target_id + " " + f.check + " " + f.subject] = f;
    return out;
  }

  FixtureServer server_;
  config::Config config_;
  std::unique_ptr<store::SqliteStore> store_;
  sources::SourceSet sources_;
  SourceHealthBook health_;
  std::string weibo_posts_ = Fixture("weibo-posts.json");
  bool weibo_blocked_ = false;
  PassResult last_;
};

TEST_F(AccountPass, EachAccountRuleShowsUp) {
  const auto f = Pass();
  // weibo_api: fresh (3 hours), but the profile link is dead and one post links to taobao; the
  // unit has two Weibo accounts.
  EXPECT_FALSE(f.contains("gy-weibo account_freshness "));
  ASSERT_TRUE(f.contains("gy-weibo weibo_profile_link profile_link_dead"));
  EXPECT_TRUE(f.contains("gy-weibo account_commercial commercial:item.taobao.com"));
  EXPECT_TRUE(f.contains("gy-weibo account_duplicate "));
  EXPECT_TRUE(f.contains("gy-feed account_duplicate "));
  // wechat_api: the menu lacks both entries; a post's 原文链接 goes to jd.com.
  EXPECT_TRUE(f.contains("gy-wechat wechat_menu menu_service"));
  EXPECT_TRUE(f.contains("gy-wechat wechat_menu menu_interaction"));
  EXPECT_TRUE(f.contains("gy-wechat account_commercial commercial:shop.jd.com"));
  EXPECT_FALSE(f.contains("gy-wechat account_duplicate "));
  // feed: the pinned post (March) is ignored, newest ordinary post 2021-06-25 → 15 days > 7.
  ASSERT_TRUE(f.contains("gy-feed account_freshness "));
  EXPECT_NE(f.at("gy-feed account_freshness ").message.find("已 15 天未更新（最近发布 2021-06-25）"),
            std::string::npos)
      << f.at("gy-feed account_freshness ").message;
  // Stats for metrics.
  for (const auto& o : last_.outcomes) {
    ASSERT_TRUE(o.account_stats.has_value()) << o.target.id;
    if (o.target.id == "gy-weibo") {
      EXPECT_EQ(o.account_stats->posts_7d, 2);
    }
  }
}

TEST_F(AccountPass, ClosureAnnouncementIsFound) {
  weibo_posts_ = R"({"ok":1,"data":{"cards":[{"card_type":9,"mblog":{"created_at":"昨天 09:00","bid":"Z1","text":"【公告】因机构改革，本账号自即日起停止更新，相关信息请关注“固原发布”。"}}]}})";
  const auto f = Pass();
  ASSERT_TRUE(f.contains("gy-weibo account_closed "));
  EXPECT_EQ(f.at("gy-weibo account_closed ").message.find("新浪微博「固原发布」已于 2021-07-09 发布停更公告"), 0u);
}

TEST_F(AccountPass, BrokenSourceIsUnknownThenOneSourceErrorPerPlatform) {
  Pass();  // posts seen
  weibo_blocked_ = true;
  auto f = Pass();
  // Unreadable: no freshness verdict, the earlier open findings stay, no source_error yet (1 < 2).
  EXPECT_FALSE(f.contains("gy-weibo account_freshness "));
  EXPECT_FALSE(f.contains("@weibo source_error "));
  f = Pass();
  ASSERT_TRUE(f.contains("@weibo source_error "));
  EXPECT_NE(f.at("@weibo source_error ").message.find("「固原发布」（被防火墙或验证码拦截，连续 2 次）"),
            std::string::npos)
      << f.at("@weibo source_error ").message;
  EXPECT_FALSE(f.contains("@wechat source_error "));
  // Readable again: resolved.
  weibo_blocked_ = false;
  f = Pass();
  EXPECT_FALSE(f.contains("@weibo source_error "));
  auto open = store_->OpenFindings({.target_id = "@weibo"});
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty());
}

TEST_F(AccountPass, AnEmptyListWherePostsExistedIsUnknownNotSilence) {
  Pass();
  weibo_posts_ = R"({"ok":1,"data":{"cards":[]}})";
  const auto f = Pass();
  const auto weibo = std::find_if(last_.outcomes.begin(), last_.outcomes.end(),
                                  [](const TargetOutcome& o) { return o.target.id == "gy-weibo"; });
  ASSERT_NE(weibo, last_.outcomes.end());
  EXPECT_FALSE(weibo->readable);
  EXPECT_EQ(weibo->failure, "empty_list");
  EXPECT_FALSE(f.contains("gy-weibo account_freshness "));
}

}  // namespace
}  // namespace govwatch::schedule
