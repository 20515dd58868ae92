// Availability counts, network-down exclusion, pruning in batches with daily roll-ups (issue 3).
#include <gtest/gtest.h>

#include "store/sqlite_store.h"
#include "store_test_util.h"

namespace govwatch::store {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

core::Timestamp At(const char* iso) { return core::ParseIso8601(iso).value(); }

class RetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteStore::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(*opened);
    for (const char* id : {"a", "b"}) {
      ASSERT_TRUE(store_->UpsertTarget({id, TargetKind::kSite, "", "u", id, "http://x/"}).ok());
    }
  }

  void Observe(const std::string& target, core::Timestamp at, const std::string& outcome,
               milliseconds duration = milliseconds{100}, bool network_down = false) {
    Observation o;
    o.started_at = at;
    o.outcome = outcome;
    o.duration = duration;
    o.network_down = network_down;
    ASSERT_TRUE(store_->RecordObservation(target, o, {}).ok());
  }

  ProbeCounts Count(const std::string& target, core::Timestamp from, core::Timestamp to) {
    auto counts = store_->CountProbes(target, from, to, milliseconds{15'000});
    EXPECT_TRUE(counts.ok()) << counts.error().message;
    return counts.ok() ? *counts : ProbeCounts{};
  }

  std::unique_ptr<SqliteStore> store_;
};

TEST_F(RetentionTest, CountsFailuresSlowProbesAndExcludesNetworkDown) {
  const auto t0 = At("2024-03-01T00:00:00Z");
  Observe("a", t0, "ok");
  Observe("a", t0 + hours{1}, "timeout");
  Observe("a", t0 + hours{2}, "ok", milliseconds{15'000});  // answered, but too slowly
  Observe("a", t0 + hours{3}, "ok", milliseconds{14'999});
  Observe("a", t0 + hours{4}, "connect", milliseconds{10}, /*network_down=*/true);
  Observe("b", t0 + hours{1}, "dns");  // another target
  Observe("a", t0 + hours{30}, "dns");  // outside the window below

  const ProbeCounts c = Count("a", t0, t0 + hours{24});
  EXPECT_EQ(c.probes, 4);
  EXPECT_EQ(c.failures, 2);
  EXPECT_EQ(c.network_down, 1);
  ASSERT_TRUE(c.first_probe.has_value());
  EXPECT_EQ(*c.first_probe, t0);

  const ProbeCounts empty = Count("a", t0 - hours{48}, t0);  // `to` is exclusive
  EXPECT_EQ(empty.probes, 0);
  EXPECT_FALSE(empty.first_probe.has_value());
}

TEST_F(RetentionTest, NetworkDownFlagOnlySticksToFailures) {
  const auto t0 = At("2024-03-01T00:00:00Z");
  Observe("a", t0, "ok", milliseconds{100}, /*network_down=*/true);
  EXPECT_EQ(Count("a", t0, t0 + hours{1}).network_down, 0);
  EXPECT_EQ(Count("a", t0, t0 + hours{1}).probes, 1);
}

TEST_F(RetentionTest, MarkNetworkDownFlagsFailedObservationsOfEveryTargetInTheRange) {
  const auto minute = At("2024-03-01T08:15:00Z");
  Observe("a", minute + seconds{5}, "timeout");
  Observe("b", minute + seconds{59}, "connect");
  Observe("b", minute + seconds{30}, "ok");
  Observe("a", minute + seconds{60}, "timeout");  // next minute: not flagged

  auto marked = store_->MarkNetworkDown(minute, minute + seconds{60});
  ASSERT_TRUE(marked.ok()) << marked.error().message;
  EXPECT_EQ(*marked, 2);
  EXPECT_EQ(store_->MarkNetworkDown(minute, minute + seconds{60}).value(), 0);  // idempotent

  const ProbeCounts a = Count("a", minute, minute + hours{1});
  EXPECT_EQ(a.probes, 1);
  EXPECT_EQ(a.failures, 1);
  EXPECT_EQ(a.network_down, 1);
  const ProbeCounts b = Count("b", minute, minute + hours{1});
  EXPECT_EQ(b.probes, 1);
  EXPECT_EQ(b.failures, 0);
}

TEST_F(RetentionTest, PrunesOldestFirstInBatchesAndRollsUpPerDay) {
  const auto day0 = At("2024-03-01T00:00:00Z");
  // Day 0: 5 probes of "a" (2 failed, 1 network down); day 1: 3 probes; day 9: 2 (kept).
  Observe("a", day0 + hours{1}, "ok");
  Observe("a", day0 + hours{2}, "timeout");
  Observe("a", day0 + hours{3}, "http_status");
  Observe("a", day0 + hours{4}, "connect", milliseconds{1}, true);
  Observe("a", day0 + hours{5}, "ok");
  Observe("b", day0 + hours{6}, "ok");
  for (int h = 0; h < 3; ++h) Observe("a", day0 + hours{24 + h}, "ok");
  Observe("a", day0 + hours{9 * 24}, "ok");
  Observe("a", day0 + hours{9 * 24 + 1}, "dns");

  const auto cutoff = day0 + hours{8 * 24};
  std::vector<std::int64_t> batches;
  for (;;) {
    auto deleted = store_->PruneObservations(cutoff, 4);
    ASSERT_TRUE(deleted.ok()) << deleted.error().message;
    batches.push_back(*deleted);
    if (*deleted < 4) break;
  }
  EXPECT_EQ(batches, (std::vector<std::int64_t>{4, 4, 1}));

  auto rollups = store_->DailyRollups("a");
  ASSERT_TRUE(rollups.ok()) << rollups.error().message;
  const std::int64_t d0 = day0.time_since_epoch().count() / 86400;
  ASSERT_EQ(rollups->size(), 2u);
  // Day 0 was split over two batches; the roll-up adds them up.
  EXPECT_EQ((*rollups)[0].day, d0);
  EXPECT_EQ((*rollups)[0].probes, 4);
  EXPECT_EQ((*rollups)[0].failures, 2);
  EXPECT_EQ((*rollups)[0].network_down, 1);
  EXPECT_EQ((*rollups)[1].day, d0 + 1);
  EXPECT_EQ((*rollups)[1].probes, 3);
  EXPECT_EQ((*rollups)[1].failures, 0);
  EXPECT_EQ(store_->DailyRollups("b").value().size(), 1u);

  // Recent observations and the latest one survive.
  EXPECT_EQ(Count("a", day0, day0 + hours{24 * 30}).probes, 2);
  EXPECT_EQ(store_->LatestObservation("a").value()->observation.outcome, "dns");
  EXPECT_EQ(store_->PruneObservations(cutoff, 4).value(), 0);
}

TEST_F(RetentionTest, RejectsNonPositiveBatch) {
  auto r = store_->PruneObservations(At("2024-03-01T00:00:00Z"), 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "store: prune observations: batch size must be positive");
}

TEST_F(RetentionTest, SchemaV2MigratesAnExistingV1Database) {
  testing::TempDir dir;
  const std::string path = dir.File("v1.db");
  // This build's statements need v2, so opening at v1 fails after migrating; the file stays v1.
  (void)SqliteStore::Open(path, SqliteMigrations().first(1));
  ASSERT_EQ(testing::QueryInt(path, "SELECT max(version) FROM schema_migrations"), 1);
  testing::ExecSql(path, "INSERT INTO targets(id, kind) VALUES ('a', 'site')");
  testing::ExecSql(path, "INSERT INTO observations(target_id, started_at, duration_ms, outcome) "
                         "VALUES ('a', " +
                             std::to_string(At("2024-03-01T00:00:00Z").time_since_epoch().count()) +
                             ", 100, 'timeout')");
  auto v2 = SqliteStore::Open(path);
  ASSERT_TRUE(v2.ok()) << v2.error().message;
  EXPECT_EQ((*v2)->SchemaVersion().value(), SqliteMigrations().back().version);
  auto c = (*v2)->CountProbes("a", At("2024-03-01T00:00:00Z"), At("2024-03-02T00:00:00Z"),
                              milliseconds{15'000});
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->failures, 1);
  EXPECT_EQ(c->network_down, 0);
}

}  // namespace
}  // namespace govwatch::store
