#include "store/sqlite_store.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/time.h"
#include "store_test_util.h"

namespace govwatch::store {
namespace {

using testing::ExecSql;
using testing::QueryInt;
using testing::TempDir;
using P = core::DateProvenance;

core::Timestamp At(const std::string& text) {
  return core::ParseIso8601(text, std::chrono::hours{8}).value();
}

core::Item MakeItem(const std::string& url, std::optional<std::string> date = std::nullopt,
                    P provenance = P::kListDate, bool pinned = false) {
  core::Item item;
  item.title = "标题 " + url;
  item.url = "http://www.example.gov.cn/" + url;
  if (date) item.published = At(*date);
  item.provenance = provenance;
  item.pinned = pinned;
  return item;
}

Observation Ok(const std::string& at) {
  Observation o;
  o.started_at = At(at);
  o.duration = std::chrono::milliseconds{120};
  o.http_status = 200;
  o.bytes = 4096;
  return o;
}

Observation Failed(const std::string& at, const std::string& reason) {
  Observation o;
  o.started_at = At(at);
  o.outcome = reason;
  return o;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("govwatch.db");
    auto opened = SqliteStore::Open(path_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->UpsertTarget({"gy/tzgg", TargetKind::kColumn, "gy", "office", "通知公告",
                                      "http://www.example.gov.cn/tzgg/"})
                    .ok());
  }

  void Record(const Observation& o, const std::vector<core::Item>& items,
              const std::string& target = "gy/tzgg") {
    auto id = store_->RecordObservation(target, o, items);
    ASSERT_TRUE(id.ok()) << id.error().message;
  }

  std::optional<core::DatedTime> Last(LastUpdateOptions options = {}) {
    auto last = store_->LastUpdate("gy/tzgg", options);
    EXPECT_TRUE(last.ok()) << last.error().message;
    return last.ok() ? *last : std::nullopt;
  }

  std::int64_t ItemField(const std::string& url, const std::string& column) {
    return QueryInt(path_, "SELECT " + column + " FROM items WHERE url = " +
                               "'http://www.example.gov.cn/" + url + "'");
  }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
};

// --- Opening and migrations -------------------------------------------------------------------

TEST_F(SqliteStoreTest, OpensInWalModeAtLatestSchema) {
  EXPECT_EQ(store_->SchemaVersion().value(), SqliteMigrations().back().version);
  EXPECT_EQ(store_->IntegrityCheck().value(), "ok");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, ReopeningIsIdempotentAndKeepsData) {
  Record(Ok("2021-06-01T10:00:00"), {MakeItem("a", "2021-05-30")});
  store_.reset();
  for (int i = 0; i < 2; ++i) {
    auto again = SqliteStore::Open(path_);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ((*again)->ItemCount("gy/tzgg").value(), 1);
  }
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM schema_migrations"),
            static_cast<std::int64_t>(SqliteMigrations().size()));
}

TEST(SqliteStoreOpen, RefusesNewerSchema) {
  TempDir dir;
  const std::string path = dir.File("db");
  ASSERT_TRUE(SqliteStore::Open(path).ok());
  ExecSql(path, "INSERT INTO schema_migrations(version, applied_at) VALUES (99, 0)");
  auto opened = SqliteStore::Open(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().message,
            "store: '" + path + "': database schema version 99 is newer than this govwatch "
            "supports (" + std::to_string(SqliteMigrations().back().version) +
                "); upgrade govwatch or use another database file");
}

TEST(SqliteStoreOpen, MissingDirectoryIsAClearError) {
  TempDir dir;
  const std::string path = dir.File("no/such/dir/db");
  auto opened = SqliteStore::Open(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().message, "store: cannot open '" + path + "': directory '" +
                                        dir.File("no/such/dir") + "' does not exist");
}

TEST(SqliteStoreOpen, NotADatabaseIsAnError) {
  TempDir dir;
  const std::string path = dir.File("db");
  std::ofstream(path) << std::string(8192, 'x');
  auto opened = SqliteStore::Open(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find("not a database"), std::string::npos)
      << opened.error().message;
}

TEST(SqliteStoreOpen, AppliesNewMigrationsInOrderOnUpgrade) {
  TempDir dir;
  const std::string path = dir.File("db");
  ASSERT_TRUE(SqliteStore::Open(path).ok());
  std::vector<Migration> upgraded(SqliteMigrations().begin(), SqliteMigrations().end());
  const int released = upgraded.back().version;
  upgraded.push_back({released + 1, "extra", "CREATE TABLE extra (x INTEGER) STRICT;"});
  upgraded.push_back({released + 2, "extra column", "ALTER TABLE extra ADD COLUMN y INTEGER;"});
  auto opened = SqliteStore::Open(path, upgraded);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ((*opened)->SchemaVersion().value(), released + 2);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM pragma_table_info('extra')"), 2);
}

TEST(SqliteStoreOpen, FailedMigrationLeavesNothingBehind) {
  TempDir dir;
  const std::string path = dir.File("db");
  std::vector<Migration> broken(SqliteMigrations().begin(), SqliteMigrations().end());
  const int released = broken.back().version;
  broken.push_back({released + 1, "half", "CREATE TABLE half (x INTEGER); CREATE TABLE oops (;"});
  auto opened = SqliteStore::Open(path, broken);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find("migration " + std::to_string(released + 1) + " (half)"),
            std::string::npos)
      << opened.error().message;
  EXPECT_EQ(QueryInt(path, "SELECT max(version) FROM schema_migrations"), released);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sqlite_master WHERE name = 'half'"), 0);
}

TEST(SqliteStoreOpen, MisnumberedMigrationsAreRejected) {
  TempDir dir;
  const Migration gap[] = {{2, "starts at two", "CREATE TABLE t (x INTEGER);"}};
  auto opened = SqliteStore::Open(dir.File("db"), gap);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find("not numbered"), std::string::npos);
}

// --- Targets and observations -----------------------------------------------------------------

TEST_F(SqliteStoreTest, ObservationOfUnknownTargetIsRefused) {
  auto id = store_->RecordObservation("nobody", Ok("2021-06-01T10:00:00"), {});
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.error().message.find("FOREIGN KEY"), std::string::npos) << id.error().message;
}

TEST_F(SqliteStoreTest, UpsertTargetUpdatesFields) {
  ASSERT_TRUE(store_->UpsertTarget({"gy/tzgg", TargetKind::kColumn, "gy", "office2", "公告",
                                    "http://new/"})
                  .ok());
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM targets WHERE unit = 'office2' AND "
                            "url = 'http://new/' AND kind = 'column'"),
            1);
}

TEST_F(SqliteStoreTest, LatestObservationRoundTrips) {
  EXPECT_FALSE(store_->LatestObservation("gy/tzgg").value().has_value());
  Record(Ok("2021-06-01T10:00:00"), {MakeItem("a"), MakeItem("b")});
  Observation failed = Failed("2021-06-02T10:00:00", "timeout");
  failed.duration = std::chrono::milliseconds{15000};
  failed.detail = "total timeout 15s";
  Record(failed, {});
  auto latest = store_->LatestObservation("gy/tzgg").value();
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->observation.outcome, "timeout");
  EXPECT_FALSE(latest->observation.ok());
  EXPECT_EQ(latest->observation.started_at, At("2021-06-02T10:00:00"));
  EXPECT_EQ(latest->observation.duration, std::chrono::milliseconds{15000});
  EXPECT_EQ(latest->observation.detail, "total timeout 15s");
  EXPECT_FALSE(latest->observation.http_status.has_value());
  EXPECT_FALSE(latest->item_count.has_value());

  Record(Ok("2021-06-03T10:00:00"), {MakeItem("a")});
  latest = store_->LatestObservation("gy/tzgg").value();
  EXPECT_EQ(latest->observation.http_status, 200);
  EXPECT_EQ(latest->observation.bytes, 4096);
  EXPECT_EQ(latest->item_count, 1);
}

TEST_F(SqliteStoreTest, FailedObservationCannotCarryItems) {
  auto id = store_->RecordObservation("gy/tzgg", Failed("2021-06-01T10:00:00", "blocked"),
                                      {MakeItem("a")});
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM observations"), 0);
}

TEST_F(SqliteStoreTest, RecordObservationIsAtomic) {
  // A trigger makes the second item's insert fail after the observation and the first item
  // were written: all of it must roll back.
  ExecSql(path_, "CREATE TRIGGER boom BEFORE INSERT ON items WHEN NEW.url LIKE '%/bad' "
                 "BEGIN SELECT RAISE(ABORT, 'boom'); END");
  auto id = store_->RecordObservation("gy/tzgg", Ok("2021-06-01T10:00:00"),
                                      {MakeItem("good"), MakeItem("bad")});
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.error().message.find("boom"), std::string::npos) << id.error().message;
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM observations"), 0);
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM items"), 0);
  // And the store is usable afterwards.
  Record(Ok("2021-06-02T10:00:00"), {MakeItem("good")});
  EXPECT_EQ(store_->ItemCount("gy/tzgg").value(), 1);
}

// --- Items ------------------------------------------------------------------------------------

TEST_F(SqliteStoreTest, ItemUpsertKeepsFirstSeenAndMovesLastSeen) {
  Record(Ok("2021-06-01T10:00:00"), {MakeItem("a", "2021-05-30")});
  core::Item renamed = MakeItem("a", "2021-05-30");
  renamed.title = "新标题";
  Record(Ok("2021-06-05T10:00:00"), {renamed});
  EXPECT_EQ(store_->ItemCount("gy/tzgg").value(), 1);
  EXPECT_EQ(ItemField("a", "first_seen_at"),
            At("2021-06-01T10:00:00").time_since_epoch().count());
  EXPECT_EQ(ItemField("a", "last_seen_at"), At("2021-06-05T10:00:00").time_since_epoch().count());
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM items WHERE title = '新标题'"), 1);
}

TEST_F(SqliteStoreTest, ItemDateTakenWhenMissingOrStronger) {
  const auto seconds = [](const std::string& d) { return At(d).time_since_epoch().count(); };
  Record(Ok("2021-06-01T10:00:00"), {MakeItem("a"), MakeItem("b", "2021-05-01", P::kUrlDate),
                                     MakeItem("c", "2021-05-01", P::kArticleDate)});
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM items WHERE published_at IS NULL"), 1);
  Record(Ok("2021-06-02T10:00:00"), {MakeItem("a", "2021-05-20", P::kListDate),    // was null
                                     MakeItem("b", "2021-05-02", P::kListDate),    // stronger
                                     MakeItem("c", "2021-05-03", P::kListDate)});  // weaker
  EXPECT_EQ(ItemField("a", "published_at"), seconds("2021-05-20"));
  EXPECT_EQ(ItemField("b", "published_at"), seconds("2021-05-02"));
  EXPECT_EQ(ItemField("c", "published_at"), seconds("2021-05-01"));
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM items WHERE url LIKE '%/b' AND "
                            "provenance = 'list_date'"),
            1);
  // A later sighting without a date does not erase one.
  Record(Ok("2021-06-03T10:00:00"), {MakeItem("a")});
  EXPECT_EQ(ItemField("a", "published_at"), seconds("2021-05-20"));
}

// --- LastUpdate -------------------------------------------------------------------------------

TEST_F(SqliteStoreTest, LastUpdateIsNewestDateEverSeen) {
  EXPECT_FALSE(Last().has_value());
  Record(Ok("2021-06-01T10:00:00"),
         {MakeItem("new", "2021-05-30", P::kMetaPubdate), MakeItem("old", "2021-03-01")});
  auto last = Last();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->time, At("2021-05-30"));
  EXPECT_EQ(last->provenance, P::kMetaPubdate);
}

TEST_F(SqliteStoreTest, LastUpdateSurvivesItemsDroppingOffTheList) {
  Record(Ok("2021-06-01T10:00:00"), {MakeItem("new", "2021-05-30"), MakeItem("old", "2021-03-01")});
  // The site "cleaned up" and the list now shows only the old item.
  Record(Ok("2021-06-02T10:00:00"), {MakeItem("old", "2021-03-01")});
  EXPECT_EQ(Last()->time, At("2021-05-30"));
  // And an empty page does not erase history either.
  Record(Ok("2021-06-03T10:00:00"), {});
  EXPECT_EQ(Last()->time, At("2021-05-30"));
  EXPECT_EQ(store_->ItemCount("gy/tzgg").value(), 2);
}

TEST_F(SqliteStoreTest, LastUpdateSurvivesFailedObservations) {
  Record(Ok("2021-06-01T10:00:00"), {MakeItem("a", "2021-05-30")});
  Record(Failed("2021-06-02T10:00:00", "http_status"), {});
  Record(Failed("2021-06-03T10:00:00", "timeout"), {});
  EXPECT_EQ(Last()->time, At("2021-05-30"));
}

TEST_F(SqliteStoreTest, UndatedItemsOfFirstObservationDoNotCount) {
  // What was there when govwatch first looked says nothing about when it was published.
  Record(Ok("2021-06-01T10:00:00"), {MakeItem("a"), MakeItem("b")});
  EXPECT_FALSE(Last().has_value());
  Record(Ok("2021-06-02T10:00:00"), {MakeItem("a"), MakeItem("b")});
  EXPECT_FALSE(Last().has_value());
}

TEST_F(SqliteStoreTest, FailedFirstAttemptsDoNotMakeOldItemsNew) {
  Record(Failed("2021-05-01T10:00:00", "dns"), {});
  Record(Ok("2021-06-01T10:00:00"), {MakeItem("a")});
  EXPECT_FALSE(Last().has_value());
}

TEST_F(SqliteStoreTest, NewUndatedItemCountsAtFirstSeen) {
  Record(Ok("2021-06-01T10:00:00"), {MakeItem("a", "2021-05-01"), MakeItem("b")});
  Record(Ok("2021-06-10T10:00:00"), {MakeItem("c"), MakeItem("a", "2021-05-01"), MakeItem("b")});
  auto last = Last();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->time, At("2021-06-10T10:00:00"));
  EXPECT_EQ(last->provenance, P::kFirstSeen);
  // The homepage rule ignores undated items.
  EXPECT_EQ(Last({.include_first_seen = false, .include_pinned = true})->time, At("2021-05-01"));
  // A dated item newer than the sighting wins.
  Record(Ok("2021-06-12T10:00:00"), {MakeItem("d", "2021-06-11")});
  EXPECT_EQ(Last()->time, At("2021-06-11"));
  EXPECT_EQ(Last()->provenance, P::kListDate);
}

TEST_F(SqliteStoreTest, PinnedItemsCanBeExcluded) {
  ASSERT_TRUE(store_->UpsertTarget({"acct", TargetKind::kAccount, "", "office", "固原发布", ""}).ok());
  Record(Ok("2021-06-01T10:00:00"),
         {MakeItem("pinned", "2021-05-31", P::kFeedDate, true), MakeItem("post", "2021-05-10")},
         "acct");
  auto all = store_->LastUpdate("acct", {});
  auto unpinned = store_->LastUpdate("acct", {.include_first_seen = true, .include_pinned = false});
  EXPECT_EQ((*all)->time, At("2021-05-31"));
  EXPECT_EQ((*unpinned)->time, At("2021-05-10"));
}

TEST_F(SqliteStoreTest, TargetsDoNotSeeEachOthersItems) {
  ASSERT_TRUE(store_->UpsertTarget({"gy/gzdt", TargetKind::kColumn, "gy", "office", "工作动态",
                                    ""}).ok());
  Record(Ok("2021-06-01T10:00:00"), {MakeItem("a", "2021-05-30")}, "gy/gzdt");
  // The same URL in two columns is two items.
  Record(Ok("2021-06-01T10:00:00"), {MakeItem("a", "2021-01-01")});
  EXPECT_EQ(Last()->time, At("2021-01-01"));
  EXPECT_EQ(store_->ItemCount("gy/gzdt").value(), 1);
}

// --- Findings ---------------------------------------------------------------------------------

core::Finding MakeFinding(const std::string& check, const std::string& subject,
                          const std::string& message) {
  core::Finding f;
  f.target_id = "gy/tzgg";
  f.unit_id = "office";
  f.check = check;
  f.subject = subject;
  f.severity = core::Severity::kDeduction;
  f.message = message;
  f.evidence_url = "http://www.example.gov.cn/tzgg/";
  return f;
}

TEST_F(SqliteStoreTest, FindingsLifecycle) {
  const auto t1 = At("2021-06-01T10:00:00"), t2 = At("2021-06-02T10:00:00"),
             t3 = At("2021-06-03T10:00:00");
  core::Finding a = MakeFinding("column_freshness", "tzgg", "已 181 天未更新");
  a.last_update = core::DatedTime{At("2020-12-01"), P::kArticleDate};
  const core::Finding b = MakeFinding("blank_column", "tzgg", "空白");
  ASSERT_TRUE(store_->ReplaceOpenFindings("gy/tzgg", {}, {a, b}, t1).ok());

  core::Finding a2 = a;
  a2.message = "已 182 天未更新";
  a2.severity = core::Severity::kVeto;
  const core::Finding c = MakeFinding("other_check", "", "新问题");
  ASSERT_TRUE(store_->ReplaceOpenFindings("gy/tzgg", {}, {a2, c}, t2).ok());

  auto open = store_->OpenFindings({.target_id = "gy/tzgg"}).value();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].finding.check, "column_freshness");
  EXPECT_EQ(open[0].finding.message, "已 182 天未更新");
  EXPECT_EQ(open[0].finding.severity, core::Severity::kVeto);
  EXPECT_EQ(open[0].first_seen_at, t1);
  EXPECT_EQ(open[0].last_seen_at, t2);
  ASSERT_TRUE(open[0].finding.last_update.has_value());
  EXPECT_EQ(open[0].finding.last_update->time, At("2020-12-01"));
  EXPECT_EQ(open[0].finding.last_update->provenance, P::kArticleDate);
  EXPECT_EQ(open[0].finding.evidence_url, "http://www.example.gov.cn/tzgg/");
  EXPECT_EQ(open[1].finding.check, "other_check");
  EXPECT_EQ(open[1].first_seen_at, t2);

  auto blank = store_->Findings({.check = "blank_column", .include_resolved = true}).value();
  ASSERT_EQ(blank.size(), 1u);
  EXPECT_EQ(blank[0].resolved_at, t2);
  EXPECT_EQ(blank[0].last_seen_at, t1);

  // The blank column finding comes back: a new episode, the old one stays resolved.
  ASSERT_TRUE(store_->ReplaceOpenFindings("gy/tzgg", {}, {a2, b}, t3).ok());
  blank = store_->Findings({.check = "blank_column", .include_resolved = true}).value();
  ASSERT_EQ(blank.size(), 2u);
  EXPECT_EQ(blank[0].resolved_at, t2);
  EXPECT_FALSE(blank[1].resolved_at.has_value());
  EXPECT_EQ(blank[1].first_seen_at, t3);

  // Nothing left: everything resolves.
  ASSERT_TRUE(store_->ReplaceOpenFindings("gy/tzgg", {}, {}, t3).ok());
  EXPECT_TRUE(store_->OpenFindings({.target_id = "gy/tzgg"}).value().empty());
}

TEST_F(SqliteStoreTest, FindingDetailsRoundTripInOrderAndFollowUpdates) {
  const auto t1 = At("2021-06-01T10:00:00"), t2 = At("2021-06-02T10:00:00");
  core::Finding typo = MakeFinding("typo", "http://x/1.html#做为", "错误：做为；…");
  typo.details = {{"wrong", "做为"}, {"suggestion", "作为"}, {"position", "正文第2行第14字"},
                  {"snippet", "“【做为】”\t\"quoted\""}};
  const core::Finding plain = MakeFinding("column_freshness", "tzgg", "m");
  ASSERT_TRUE(store_->ReplaceOpenFindings("gy/tzgg", {}, {typo, plain}, t1).ok());
  auto open = store_->OpenFindings({.target_id = "gy/tzgg"}).value();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_TRUE(open[0].finding.details.empty());  // column_freshness sorts first
  EXPECT_EQ(open[1].finding.details, typo.details);

  // A later observation of the same key replaces the details with its own.
  typo.details = {{"wrong", "做为"}, {"suggestion", "作为"}, {"position", "标题第1字"}};
  ASSERT_TRUE(store_->ReplaceOpenFindings("gy/tzgg", {}, {typo, plain}, t2).ok());
  open = store_->OpenFindings({.target_id = "gy/tzgg"}).value();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[1].finding.Detail("position"), "标题第1字");
  EXPECT_EQ(open[1].finding.details.size(), 3u);
}

TEST_F(SqliteStoreTest, ReplaceIsScopedToTheGivenChecks) {
  const auto t1 = At("2021-06-01T10:00:00"), t2 = At("2021-06-02T10:00:00");
  ASSERT_TRUE(store_->ReplaceOpenFindings(
                        "gy/tzgg", {},
                        {MakeFinding("homepage_freshness", "", "x"),
                         MakeFinding("site_stale_columns", "key_columns", "y")},
                        t1)
                  .ok());
  // The homepage check ran alone and found nothing: only its finding resolves.
  ASSERT_TRUE(store_->ReplaceOpenFindings("gy/tzgg", {"homepage_freshness"}, {}, t2).ok());
  auto open = store_->OpenFindings({}).value();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].finding.check, "site_stale_columns");
  EXPECT_EQ(open[0].finding.subject, "key_columns");
}

TEST_F(SqliteStoreTest, ReplaceRejectsInconsistentInput) {
  const auto t = At("2021-06-01T10:00:00");
  core::Finding other = MakeFinding("c", "", "m");
  other.target_id = "elsewhere";
  EXPECT_FALSE(store_->ReplaceOpenFindings("gy/tzgg", {}, {other}, t).ok());
  EXPECT_FALSE(
      store_->ReplaceOpenFindings("gy/tzgg", {"a"}, {MakeFinding("b", "", "m")}, t).ok());
  auto dup = store_->ReplaceOpenFindings(
      "gy/tzgg", {}, {MakeFinding("c", "s", "m1"), MakeFinding("c", "s", "m2")}, t);
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error().message.find("duplicate"), std::string::npos);
  EXPECT_TRUE(store_->Findings({.include_resolved = true}).value().empty());
}

TEST_F(SqliteStoreTest, FindingFilters) {
  ASSERT_TRUE(store_->UpsertTarget({"acct", TargetKind::kAccount, "", "media", "号", ""}).ok());
  const auto t = At("2021-06-01T10:00:00");
  ASSERT_TRUE(store_->ReplaceOpenFindings("gy/tzgg", {}, {MakeFinding("c1", "", "m")}, t).ok());
  core::Finding f = MakeFinding("account_freshness", "", "m");
  f.target_id = "acct";
  f.unit_id = "media";
  ASSERT_TRUE(store_->ReplaceOpenFindings("acct", {}, {f}, t).ok());
  EXPECT_EQ(store_->OpenFindings({}).value().size(), 2u);
  EXPECT_EQ(store_->OpenFindings({.unit_id = "media"}).value().size(), 1u);
  EXPECT_EQ(store_->OpenFindings({.check = "c1"}).value().size(), 1u);
  EXPECT_EQ(store_->OpenFindings({.target_id = "nobody"}).value().size(), 0u);
}

TEST(DateStrength, OwnPageBeatsListBeatsGuesses) {
  EXPECT_LT(DateStrength(P::kArticleDate), DateStrength(P::kListDate));
  EXPECT_LT(DateStrength(P::kListDate), DateStrength(P::kHttpLastModified));
  EXPECT_LT(DateStrength(P::kHttpLastModified), DateStrength(P::kUrlDate));
  EXPECT_LT(DateStrength(P::kUrlDate), DateStrength(P::kFirstSeen));
}

}  // namespace
}  // namespace govwatch::store
