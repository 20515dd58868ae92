#include "crawl/link_store.h"

#include <gtest/gtest.h>

#include "../store/store_test_util.h"
#include "store/sqlite_store.h"

namespace govwatch::crawl {
namespace {

using std::chrono::seconds;

core::Timestamp At(std::int64_t s) { return core::Timestamp(seconds(s)); }

class LinkStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("g.db");
    auto s = store::SqliteStore::Open(path_);
    ASSERT_TRUE(s.ok()) << s.error().message;
    main_ = std::move(*s);
    auto l = LinkStore::Open(path_);
    ASSERT_TRUE(l.ok()) << l.error().message;
    links_ = std::move(*l);
  }
  store::testing::TempDir dir_;
  std::string path_;
  std::unique_ptr<store::SqliteStore> main_;
  std::unique_ptr<LinkStore> links_;
};

TEST_F(LinkStoreTest, CachedCheckIsFreshOnlyWithinTtl) {
  LinkCheck c;
  c.checked_at = At(1000);
  c.status = 404;
  c.failure = "http_status";
  c.detail = "HTTP 404 Not Found";
  c.destination_class = "";
  ASSERT_TRUE(links_->SaveChecks({{"http://x.com/a", c}}).ok());
  auto fresh = links_->FreshCheck("http://x.com/a", At(1500), seconds{600});
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE(*fresh);
  EXPECT_EQ((*fresh)->status, 404);
  EXPECT_EQ((*fresh)->failure, "http_status");
  auto stale = links_->FreshCheck("http://x.com/a", At(1700), seconds{600});
  ASSERT_TRUE(stale.ok());
  EXPECT_FALSE(*stale);
  auto other = links_->FreshCheck("http://x.com/b", At(1500), seconds{600});
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(*other);
  // A newer check replaces the old one.
  c.checked_at = At(2000);
  c.status = 200;
  c.failure = "none";
  ASSERT_TRUE(links_->SaveChecks({{"http://x.com/a", c}}).ok());
  EXPECT_EQ(store::testing::QueryInt(path_, "SELECT status FROM link_checks"), 200);
}

TEST_F(LinkStoreTest, RunsSumRequestsPerDayAndGiveTheLatestRatio) {
  CrawlRun run;
  run.site_id = "s";
  run.started_at = At(86400 + 100);
  run.finished_at = At(86400 + 200);
  run.requests = 70;
  run.links = 10;
  run.broken = 1;
  run.availability = 0.9;
  ASSERT_TRUE(links_->RecordRun(run).ok());
  run.started_at = At(86400 + 5000);
  run.requests = 30;
  run.availability = std::nullopt;
  ASSERT_TRUE(links_->RecordRun(run).ok());
  run.started_at = At(3 * 86400);
  run.requests = 5;
  run.availability = 0.5;
  ASSERT_TRUE(links_->RecordRun(run).ok());
  EXPECT_EQ(*links_->RequestsBetween("s", At(86400), At(2 * 86400)), 100);
  EXPECT_EQ(*links_->RequestsBetween("other", At(86400), At(2 * 86400)), 0);
  auto latest = links_->LatestRun("s");
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(*latest);
  EXPECT_EQ((*latest)->requests, 5);
  ASSERT_TRUE((*latest)->availability);
  EXPECT_DOUBLE_EQ(*(*latest)->availability, 0.5);
}

TEST(LinkStoreOpenTest, RefusesADatabaseWithoutTheMigration) {
  store::testing::TempDir dir;
  const std::string path = dir.File("old.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto l = LinkStore::Open(path);
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.error().message, "crawl store: '" + path +
                                   "' has no link_checks table (open it with the govwatch store "
                                   "first)");
}

}  // namespace
}  // namespace govwatch::crawl
