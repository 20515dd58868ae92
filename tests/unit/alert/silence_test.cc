#include <gtest/gtest.h>

#include "alert/silence.h"

namespace govwatch::alert {
namespace {

using namespace std::chrono_literals;

core::Timestamp Utc(const char* iso) { return *core::ParseIso8601(iso); }

core::Finding ColumnFinding() {
  core::Finding f;
  f.target_id = "guyuan/zwyw";
  f.unit_id = "gy-gov-office";
  f.check = "column_freshness";
  return f;
}

TEST(Silence, MatchesByTargetSiteUnitAndCheck) {
  config::Silence s;
  s.targets = {"guyuan"};  // the site silences its columns too
  EXPECT_TRUE(SilenceMatches(s, ColumnFinding()));
  s.checks = {"availability"};
  EXPECT_FALSE(SilenceMatches(s, ColumnFinding()));
  config::Silence by_unit;
  by_unit.units = {"gy-gov-office"};
  EXPECT_TRUE(SilenceMatches(by_unit, ColumnFinding()));
  by_unit.units = {"xj-gov"};
  EXPECT_FALSE(SilenceMatches(by_unit, ColumnFinding()));
}

TEST(Silence, FromUntilBounds) {
  config::Silence s;
  s.from = Utc("2021-07-01T00:00:00Z");
  s.until = Utc("2021-07-02T00:00:00Z");
  const core::TimeZone tz;
  EXPECT_FALSE(SilenceActive(s, Utc("2021-06-30T23:59:59Z"), tz));
  EXPECT_TRUE(SilenceActive(s, Utc("2021-07-01T12:00:00Z"), tz));
  EXPECT_FALSE(SilenceActive(s, Utc("2021-07-02T00:00:00Z"), tz));
}

// Saturday 22:00 – Sunday 02:00 Beijing time; 2021-07-03 is a Saturday.
struct WindowCase {
  const char* name;
  const char* utc;
  bool active;
};

TEST(Silence, WeeklyMaintenanceWindowInShanghaiAcrossMidnight) {
  config::Silence s;
  s.weekly_days = {6};
  s.start = std::chrono::minutes{22 * 60};
  s.end = std::chrono::minutes{2 * 60};
  const core::TimeZone shanghai;
  const WindowCase cases[] = {
      {"Saturday 21:59 local", "2021-07-03T13:59:00Z", false},
      {"Saturday 22:00 local (14:00 UTC)", "2021-07-03T14:00:00Z", true},
      {"Sunday 01:59 local (Saturday 17:59 UTC)", "2021-07-03T17:59:00Z", true},
      {"Sunday 02:00 local", "2021-07-03T18:00:00Z", false},
      {"Sunday 22:30 local: not a window day", "2021-07-04T14:30:00Z", false},
      {"Friday 23:00 local", "2021-07-02T15:00:00Z", false},
  };
  for (const auto& c : cases) EXPECT_EQ(SilenceActive(s, Utc(c.utc), shanghai), c.active) << c.name;
}

TEST(Silence, WindowUsesItsOwnZoneWhenGiven) {
  config::Silence s;
  s.weekly_days = {1, 2, 3, 4, 5, 6, 7};
  s.start = std::chrono::minutes{0};
  s.end = std::chrono::minutes{60};
  s.time_zone = core::TimeZone::Fixed(std::chrono::seconds{0}, "UTC");
  const core::TimeZone shanghai;
  EXPECT_TRUE(SilenceActive(s, Utc("2021-07-03T00:30:00Z"), shanghai));
  s.time_zone.reset();  // the alerts' zone: 00:30 UTC is 08:30 in Shanghai
  EXPECT_FALSE(SilenceActive(s, Utc("2021-07-03T00:30:00Z"), shanghai));
  EXPECT_TRUE(SilenceActive(s, Utc("2021-07-02T16:30:00Z"), shanghai));
}

TEST(Silence, SilencedNeedsMatchAndActive) {
  config::Silence s;
  s.checks = {"column_freshness"};
  s.until = Utc("2021-07-02T00:00:00Z");
  const core::TimeZone tz;
  EXPECT_TRUE(Silenced({s}, ColumnFinding(), Utc("2021-07-01T00:00:00Z"), tz));
  EXPECT_FALSE(Silenced({s}, ColumnFinding(), Utc("2021-07-03T00:00:00Z"), tz));
  EXPECT_FALSE(Silenced({}, ColumnFinding(), Utc("2021-07-01T00:00:00Z"), tz));
}

}  // namespace
}  // namespace govwatch::alert
