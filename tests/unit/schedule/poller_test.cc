// The poller over canned responses and an in-memory store: what one pass reads, remembers and
// finds, and what a later pass makes of history.
#include "schedule/poller.h"

#include <gtest/gtest.h>

#include <map>

#include "config/loader.h"
#include "store/sqlite_store.h"

namespace govwatch::schedule {
namespace {

constexpr const char* kConfig = R"(
default_profile: city
profiles:
  city: {account_stale_days: 7, account_warn_days: 0}
units:
  - {id: office, name: 市政府办公室, region: 市本级}
sites:
  - id: city
    name: 某市人民政府
    unit: office
    homepage: http://city.example.gov.cn/
    columns:
      - {id: news, name: 政务要闻, kind: news, url: "http://city.example.gov.cn/news/"}
      - {id: notice, name: 通知公告, kind: notice, url: "http://city.example.gov.cn/notice/"}
accounts:
  - {id: wx, name: 某市发布, platform: wechat, unit: office, source: {type: feed, url: "http://rss.example.gov.cn/wx.xml"}}
)";

// A list page with one dated link per entry, in the TRS layout; an item's URL follows from its
// title, so the same item keeps its URL from one pass to the next.
std::string ListPage(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string lis;
  for (const auto& [title, date] : items) {
    lis += "<li><a href=\"./t" + std::to_string(std::hash<std::string>{}(title)) + ".html\">" +
           title + "</a><span>" + date + "</span></li>\n";
  }
  return "<html><body><div class=\"nav\"><a href=\"/\">首页</a></div><ul class=\"list\">" + lis +
         "</ul></body></html>";
}

std::string Rss(const std::string& rfc822_date) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>某市发布</title>"
         "<item><title>一条推文标题</title><link>http://mp.example/s/1</link><pubDate>" +
         rfc822_date + "</pubDate></item></channel></rss>";
}

class PollerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = config::LoadConfigString(kConfig, "test.yaml");
    ASSERT_TRUE(loaded.config) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].ToString());
    config_ = std::move(*loaded.config);
    auto store = store::SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
  }

  void Page(const std::string& url, std::string body) {
    fetch::Response r;
    r.status = 200;
    r.final_url = url;
    r.content_type = "text/html";
    r.charset = "UTF-8";
    r.body = std::move(body);
    responses_[url] = r;
  }
  void Failure(const std::string& url, fetch::FailureReason reason, int status = 0) {
    fetch::Response r;
    r.failure = reason;
    r.status = status;
    r.detail = "canned failure";
    responses_[url] = r;
  }

  PassResult Pass(const std::vector<std::string>& ids, const std::string& now_iso) {
    auto targets = ResolveTargets(config_, ids);
    EXPECT_TRUE(targets.ok()) << targets.error().message;
    const FetchFn fetch = [this](std::vector<fetch::Request> requests) {
      std::vector<fetch::Response> out;
      for (const auto& r : requests) {
        auto it = responses_.find(r.url);
        if (it == responses_.end()) {
          fetch::Response missing;
          missing.failure = fetch::FailureReason::kHttpStatus;
          missing.status = 404;
          out.push_back(missing);
        } else {
          out.push_back(it->second);
        }
      }
      return out;
    };
    auto pass = RunPass(config_, *targets, fetch, *store_, *core::ParseIso8601(now_iso));
    EXPECT_TRUE(pass.ok()) << pass.error().message;
    return pass.ok() ? std::move(*pass) : PassResult{};
  }

  static std::vector<std::string> Checks(const PassResult& pass) {
    std::vector<std::string> out;
    for (const auto& f : pass.findings) out.push_back(f.target_id + " " + f.check);
    return out;
  }

  config::Config config_;
  std::unique_ptr<store::SqliteStore> store_;
  std::map<std::string, fetch::Response> responses_;
};

TEST_F(PollerTest, ResolvesSitesColumnsAccountsAndAll) {
  auto all = ResolveTargets(config_, {"all"});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].id, "city");
  EXPECT_EQ((*all)[1].id, "city/news");
  EXPECT_EQ((*all)[3].id, "wx");
  auto some = ResolveTargets(config_, {"city/notice", "wx", "city/notice"});
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(some->size(), 2u);
}

TEST_F(PollerTest, UnknownTargetsAreNamedTogether) {
  auto r = ResolveTargets(config_, {"nope", "city", "city/nope"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "unknown targets 'nope', 'city/nope' (expected 'all', a site id, SITE/COLUMN or an "
            "account id)");
}

TEST_F(PollerTest, OnePassFindsStaleColumnsAndSilentAccounts) {
  Page("http://city.example.gov.cn/", ListPage({{"首页新闻标题一", "2021-06-28"}, {"首页新闻标题二", "2021-06-20"}}));
  Page("http://city.example.gov.cn/news/", ListPage({{"政务要闻标题一", "2021-06-28"}, {"政务要闻标题二", "2021-06-01"}}));
  Page("http://city.example.gov.cn/notice/", ListPage({{"通知公告标题一", "2020-12-27"}, {"通知公告标题二", "2020-11-02"}}));
  Page("http://rss.example.gov.cn/wx.xml", Rss("Mon, 21 Jun 2021 12:00:00 +0800"));

  const PassResult pass = Pass({"all"}, "2021-06-30T10:00:00+08:00");
  ASSERT_EQ(pass.outcomes.size(), 4u);
  for (const auto& o : pass.outcomes) EXPECT_TRUE(o.readable) << o.target.id << " " << o.failure;
  EXPECT_EQ(pass.outcomes[2].items.size(), 2u);
  ASSERT_TRUE(pass.outcomes[2].last_update);
  EXPECT_EQ(pass.outcomes[2].last_update->provenance, core::DateProvenance::kListDate);
  EXPECT_EQ(Checks(pass),
            (std::vector<std::string>{"city/notice column_freshness", "wx account_freshness"}));
  EXPECT_EQ(pass.findings[0].message, "栏目「通知公告」已 185 天未更新（最近更新 2020-12-27）");
  EXPECT_EQ(pass.findings[1].severity, core::Severity::kVeto);

  // The store holds them as open findings.
  auto open = store_->OpenFindings({});
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->size(), 2u);
}

TEST_F(PollerTest, AFailedFetchIsUnknownAndKeepsHistory) {
  Page("http://city.example.gov.cn/notice/", ListPage({{"通知公告标题一", "2021-06-01"}, {"通知公告标题二", "2021-05-02"}}));
  Pass({"city/notice"}, "2021-06-30T10:00:00+08:00");

  // Months later the page sits behind a WAF: not stale, unknown, and the last update is kept.
  Failure("http://city.example.gov.cn/notice/", fetch::FailureReason::kBlocked, 200);
  const PassResult later = Pass({"city/notice"}, "2022-06-30T10:00:00+08:00");
  ASSERT_EQ(later.outcomes.size(), 1u);
  EXPECT_FALSE(later.outcomes[0].readable);
  EXPECT_EQ(later.outcomes[0].failure, "blocked");
  ASSERT_TRUE(later.outcomes[0].last_update);
  EXPECT_EQ(core::FormatDate(later.outcomes[0].last_update->time, std::chrono::hours{8}),
            "2021-06-01");
  EXPECT_TRUE(later.findings.empty());
  EXPECT_EQ(later.unknown_checks, 1);
}

TEST_F(PollerTest, LastUpdateSurvivesAListThatDropsItsNewestItem) {
  Page("http://city.example.gov.cn/news/", ListPage({{"政务要闻标题一", "2021-06-28"}, {"政务要闻标题二", "2021-06-01"}}));
  Pass({"city/news"}, "2021-06-29T10:00:00+08:00");
  // The CMS now shows only the older item (the newest was withdrawn or paged away).
  Page("http://city.example.gov.cn/news/", ListPage({{"政务要闻标题二", "2021-06-01"}, {"政务要闻标题三", "2021-05-01"}}));
  const PassResult pass = Pass({"city/news"}, "2021-07-05T10:00:00+08:00");
  ASSERT_TRUE(pass.outcomes[0].last_update);
  EXPECT_EQ(core::FormatDate(pass.outcomes[0].last_update->time, std::chrono::hours{8}),
            "2021-06-28");
  EXPECT_EQ(pass.outcomes[0].items_ever_seen, 3);
  EXPECT_TRUE(pass.findings.empty());
}

TEST_F(PollerTest, FindingsResolveWhenTheColumnIsUpdated) {
  Page("http://city.example.gov.cn/notice/", ListPage({{"通知公告标题一", "2020-12-27"}, {"通知公告标题二", "2020-11-02"}}));
  EXPECT_EQ(Pass({"city/notice"}, "2021-06-30T10:00:00+08:00").findings.size(), 1u);
  Page("http://city.example.gov.cn/notice/", ListPage({{"新的通知公告标题", "2021-07-01"}, {"通知公告标题一", "2020-12-27"}}));
  EXPECT_TRUE(Pass({"city/notice"}, "2021-07-02T10:00:00+08:00").findings.empty());
  auto open = store_->OpenFindings({});
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty());
  store::FindingFilter all;
  all.include_resolved = true;
  auto history = store_->Findings(all);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_TRUE((*history)[0].resolved_at.has_value());
}

TEST_F(PollerTest, ABrokenFeedIsAParseFailureNotASilentAccount) {
  Page("http://rss.example.gov.cn/wx.xml", "<html><body>登录</body></html>");
  const PassResult pass = Pass({"wx"}, "2021-06-30T10:00:00+08:00");
  ASSERT_EQ(pass.outcomes.size(), 1u);
  EXPECT_FALSE(pass.outcomes[0].readable);
  EXPECT_EQ(pass.outcomes[0].failure, "parse");
  EXPECT_TRUE(pass.findings.empty());
}

}  // namespace
}  // namespace govwatch::schedule
