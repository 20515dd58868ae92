// The article store on a real database file, and the article stage's pure selection.
#include "store/article_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "schedule/articles.h"
#include "store/sqlite_store.h"

namespace govwatch::store {
namespace {

core::Timestamp At(const char* iso) { return core::ParseIso8601(iso).value(); }

class ArticleStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("govwatch-articles-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "g.db").string();
    auto s = SqliteStore::Open(path_);
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
    auto a = ArticleStore::Open(path_);
    ASSERT_TRUE(a.ok()) << a.error().message;
    articles_ = std::move(*a);
    ASSERT_TRUE(store_->UpsertTarget({"gy/aqsc", TargetKind::kColumn, "gy", "yj", "安全生产", "u"}).ok());
  }
  void TearDown() override {
    articles_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<ArticleStore> articles_;
};

TEST_F(ArticleStoreTest, PutThenUnknownUrlsAndListedItems) {
  core::Item a{"安全生产月", "http://gy/a", At("2021-06-01T02:00:00Z"),
               core::DateProvenance::kListDate, false};
  core::Item b{"大检查", "http://gy/b", At("2021-03-01T02:00:00Z"),
               core::DateProvenance::kListDate, false};
  Observation obs;
  obs.started_at = At("2021-06-30T02:00:00Z");
  ASSERT_TRUE(store_->RecordObservation("gy/aqsc", obs, {a, b}).ok());
  ArticleRecord r;
  r.target_id = "gy/aqsc";
  r.site_id = "gy";
  r.url = "http://gy/a";
  r.title = "安全生产月活动启动";
  r.source_raw = "市应急局";
  r.source_unit = "yj";
  r.doc_number = "固应急发〔2021〕1号";
  r.text = std::string(ArticleStore::kMaxTextBytes, 'x') + "尾";
  r.fetched_at = At("2021-06-30T02:00:00Z");
  ASSERT_TRUE(articles_->Put(r).ok());
  auto unknown = articles_->UnknownUrls("gy/aqsc", {"http://gy/a", "http://gy/b"});
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(*unknown, std::vector<std::string>{"http://gy/b"});
  auto rows = articles_->Articles();
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].text.size(), ArticleStore::kMaxTextBytes);  // cut before the 3-byte 尾
  EXPECT_EQ((*rows)[0].doc_number, "固应急发〔2021〕1号");
  auto listed = articles_->ListedItems(At("2021-03-31T16:00:00Z"), At("2021-06-30T16:00:00Z"));
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);  // b is from March
  EXPECT_TRUE((*listed)[0].article_fetched);
  EXPECT_EQ((*listed)[0].source_raw, "市应急局");
  EXPECT_EQ((*listed)[0].site_id, "gy");
  auto observed = articles_->ObservedTargets(At("2021-06-01T00:00:00Z"), At("2021-07-01T00:00:00Z"));
  ASSERT_TRUE(observed.ok());
  EXPECT_EQ(*observed, std::set<std::string>{"gy/aqsc"});
}

TEST_F(ArticleStoreTest, ArticleCheckFindingsReplaceOnlyTheirArticles) {
  config::Config config;
  config::Site site;
  site.id = "gy";
  site.unit = "office";
  config::Column column;
  column.id = "aqsc";
  schedule::Target target;
  target.kind = TargetKind::kColumn;
  target.id = "gy/aqsc";
  target.site = &site;
  target.column = &column;
  schedule::ArticleOptions options;
  options.store = articles_.get();
  // Flags every article whose text contains 宁夏自治区.
  options.checks.push_back({"severe_expression", [](const schedule::ArticleContext& a) {
                              std::vector<core::Finding> out;
                              if (a.text.find("宁夏自治区") != std::string::npos) {
                                core::Finding f;
                                f.severity = core::Severity::kVeto;
                                f.message = "“宁夏自治区”应为“宁夏回族自治区”";
                                out.push_back(f);
                              }
                              return out;
                            }});
  auto page = [](const char* text) {
    fetch::Response r;
    r.status = 200;
    r.body = std::string("<html><body><h1>标题</h1><div id=\"zoom\"><p>") + text +
             "</p></div></body></html>";
    return r;
  };
  const core::Item a{"甲", "http://gy/a", std::nullopt, core::DateProvenance::kFirstSeen, false};
  const core::Item b{"乙", "http://gy/b", std::nullopt, core::DateProvenance::kFirstSeen, false};
  ASSERT_TRUE(schedule::RememberArticles(config, options, *store_, target, {a, b},
                                         {page("宁夏自治区固原市"), page("宁夏自治区西吉县")},
                                         At("2021-06-30T02:00:00Z"))
                  .ok());
  auto open = store_->OpenFindings(FindingFilter{"gy/aqsc"});
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 2u);
  EXPECT_EQ((*open)[0].finding.subject, "http://gy/a");
  EXPECT_EQ((*open)[0].finding.unit_id, "office");  // no 来源: the site's unit
  // b is read again, fixed: its finding resolves, a's stays open.
  ASSERT_TRUE(schedule::RememberArticles(config, options, *store_, target, {b},
                                         {page("宁夏回族自治区西吉县")},
                                         At("2021-07-01T02:00:00Z"))
                  .ok());
  open = store_->OpenFindings(FindingFilter{"gy/aqsc"});
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].finding.subject, "http://gy/a");
}

TEST(SelectArticlesTest, BoundedPerRunAndPerHost) {
  config::Site site;
  config::Column column;
  schedule::TargetOutcome o;
  o.target.site = &site;
  o.target.column = &column;
  o.readable = true;
  std::vector<std::string> unknown;
  for (int i = 0; i < 6; ++i) {
    const std::string url = (i < 4 ? "http://a/" : "http://b/") + std::to_string(i);
    o.items.push_back(core::Item{"t", url, std::nullopt, core::DateProvenance::kFirstSeen, false});
    if (i != 1) unknown.push_back(url);
  }
  config::ArticleSettings s;
  s.max_per_pass = 3;
  s.max_per_host = 2;
  auto picked = schedule::SelectArticles(s, o, unknown);
  ASSERT_EQ(picked.size(), 3u);
  EXPECT_EQ(picked[0].url, "http://a/0");
  EXPECT_EQ(picked[1].url, "http://a/2");  // a/1 is known
  EXPECT_EQ(picked[2].url, "http://b/4");  // a/3 over the host's bound
  s.enabled = false;
  EXPECT_TRUE(schedule::SelectArticles(s, o, unknown).empty());
}

}  // namespace
}  // namespace govwatch::store
