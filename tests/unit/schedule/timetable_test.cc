// Timetable and network-down rule on a fixed clock.
#include "schedule/timetable.h"

#include <gtest/gtest.h>

#include "schedule/network_watch.h"

namespace govwatch::schedule {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

core::Timestamp At(const char* iso) { return core::ParseIso8601(iso).value(); }

TEST(Timetable, Fnv1aIsTheReferenceHash) {
  EXPECT_EQ(Fnv1a64(""), 14695981039346656037ull);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cull);
}

TEST(Timetable, OffsetsOfManyIdsSpreadEvenlyOverTheInterval) {
  const seconds interval{3600};
  int buckets[10] = {};
  for (int i = 0; i < 1000; ++i) {
    const auto offset = OffsetFor("site" + std::to_string(i) + "/col", interval, 1.0);
    ASSERT_GE(offset.count(), 0);
    ASSERT_LT(offset, interval);
    ++buckets[offset.count() * 10 / 3600];
  }
  for (int b : buckets) {
    EXPECT_GT(b, 60);  // 100 expected per bucket
    EXPECT_LT(b, 140);
  }
  EXPECT_EQ(OffsetFor("x", interval, 0.0), seconds{0});
  EXPECT_LT(OffsetFor("site7", interval, 0.1), seconds{360});
  EXPECT_EQ(OffsetFor("site7", interval, 1.0), OffsetFor("site7", interval, 1.0));  // stable
}

struct Case {
  const char* name;
  std::optional<core::Timestamp> last_planned;
  std::optional<core::Timestamp> last_run;
  core::Timestamp now;
  Slot want;
};

TEST(Timetable, NextRun) {
  // Hourly grid at :10:00.
  const Grid grid{seconds{3600}, seconds{600}};
  const auto t = [](const char* hms) { return At((std::string("2024-03-01T") + hms + "Z").c_str()); };
  const std::vector<Case> cases = {
      // Never run: within the first-run window (offset 600 s % 300 s = 0 s: at once), standing in
      // for the grid slot before now.
      {"never run: soon, not at the next grid point", {}, {}, t("08:20:00"),
       {t("08:10:00"), t("08:20:00"), true}},
      {"never run, exactly on the grid", {}, {}, t("09:10:00"),
       {t("09:10:00"), t("09:10:00"), false}},
      {"next is planned + interval, not now + interval (slow run, no drift)", t("08:10:00"), {},
       t("08:55:00"), {t("09:10:00"), t("09:10:00"), false}},
      {"run slower than the interval: once now, grid kept", t("08:10:00"), {}, t("09:30:00"),
       {t("09:10:00"), t("09:30:00"), true}},
      {"restart before due: the grid point after the last run", {}, t("08:10:03"),
       t("08:40:00"), {t("09:10:00"), t("09:10:00"), false}},
      {"restart after 5 missed runs: one catch-up now", {}, t("03:10:00"), t("08:40:00"),
       {t("08:10:00"), t("08:40:00"), true}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Slot got = NextRun(grid, c.last_planned, c.last_run, c.now);
    EXPECT_EQ(got.planned, c.want.planned);
    EXPECT_EQ(got.run_at, c.want.run_at);
    EXPECT_EQ(got.catch_up, c.want.catch_up);
  }
  // A never-run target is spread over the first-run window by its offset.
  const Grid spread{seconds{3600}, seconds{1000}};  // 1000 % 300 = 100 s after start
  const Slot first = NextRun(spread, {}, {}, t("08:00:00"));
  EXPECT_EQ(first.run_at, t("08:01:40"));
  EXPECT_EQ(first.planned, t("07:16:40"));
  EXPECT_EQ(NextRun(spread, first.planned, {}, t("08:01:41")).run_at, t("08:16:40"));
  // When the grid point comes before the window's spot, the grid point is the first run.
  const Slot grid_first = NextRun(spread, {}, {}, t("08:16:00"));
  EXPECT_EQ(grid_first.run_at, t("08:16:40"));
  EXPECT_FALSE(grid_first.catch_up);
  // After the catch-up, the following run is back on the grid.
  const Slot after = NextRun(grid, t("08:10:00"), {}, t("08:40:05"));
  EXPECT_EQ(after.run_at, t("09:10:00"));
}

TEST(Timetable, IntervalOverrides) {
  config::Config config;
  config::Profile& profile = config.profiles["national"];
  profile.column_interval[core::ColumnKind::kNews] = hours{4};
  config.sites.push_back({});
  config::Site& site = config.sites.back();
  site.id = "s";
  site.columns.resize(3);
  site.columns[0].kind = core::ColumnKind::kNews;
  site.columns[1].kind = core::ColumnKind::kNotice;
  site.columns[2].kind = core::ColumnKind::kNews;
  site.columns[2].interval = seconds{2};
  config::Account account;
  account.interval = seconds{0};  // clamped to one second
  Target home{store::TargetKind::kSite, "s", &site, nullptr, nullptr, ""};
  EXPECT_EQ(IntervalFor(config, home), hours{1});
  site.homepage_interval = seconds{90};
  EXPECT_EQ(IntervalFor(config, home), seconds{90});
  Target news{store::TargetKind::kColumn, "s/a", &site, &site.columns[0], nullptr, ""};
  EXPECT_EQ(IntervalFor(config, news), hours{4});
  Target notice{store::TargetKind::kColumn, "s/b", &site, &site.columns[1], nullptr, ""};
  EXPECT_EQ(IntervalFor(config, notice), hours{24});
  Target fast{store::TargetKind::kColumn, "s/c", &site, &site.columns[2], nullptr, ""};
  EXPECT_EQ(IntervalFor(config, fast), seconds{2});
  Target acct{store::TargetKind::kAccount, "wx", nullptr, nullptr, &account, ""};
  EXPECT_EQ(IntervalFor(config, acct), seconds{1});
  account.interval.reset();
  EXPECT_EQ(IntervalFor(config, acct), hours{6});
}

TEST(NetworkWatch, EveryFetchOfTheMinuteFailingIsTheNetwork) {
  NetworkWatch w;
  const auto m = At("2024-03-01T08:15:00Z");
  EXPECT_FALSE(w.RecordFetch(m + seconds{1}, true));
  EXPECT_FALSE(w.RecordFetch(m + seconds{2}, true));
  EXPECT_TRUE(w.RecordFetch(m + seconds{59}, true));  // third: turns down
  EXPECT_TRUE(w.Down(m));
  EXPECT_FALSE(w.RecordFetch(m + seconds{30}, false));  // stays down, no second transition
  EXPECT_TRUE(w.Down(m + seconds{10}));
  EXPECT_FALSE(w.Down(m + seconds{60}));
}

TEST(NetworkWatch, OneSuccessOrTooFewFetchesIsNotTheNetwork) {
  NetworkWatch w;
  const auto m = At("2024-03-01T08:15:00Z");
  w.RecordFetch(m, true);
  w.RecordFetch(m, false);
  w.RecordFetch(m, true);
  w.RecordFetch(m, true);
  EXPECT_FALSE(w.Down(m));
  w.RecordFetch(m + hours{1}, true);
  w.RecordFetch(m + hours{1}, true);
  EXPECT_FALSE(w.Down(m + hours{1}));
}

TEST(NetworkWatch, FailedCanaryMakesTheMinuteDown) {
  NetworkWatch w;
  const auto m = At("2024-03-01T08:15:00Z");
  EXPECT_FALSE(w.RecordCanary(m, true));
  EXPECT_FALSE(w.Down(m));
  EXPECT_TRUE(w.RecordCanary(m + seconds{5}, false));
  EXPECT_TRUE(w.Down(m + seconds{40}));
}

}  // namespace
}  // namespace govwatch::schedule
