#include "core/time.h"

#include <gtest/gtest.h>

namespace govwatch::core {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

TEST(Iso8601, FormatsWithOffset) {
  const Timestamp t = *ParseIso8601("2021-06-30T02:00:00Z");
  EXPECT_EQ(FormatIso8601(t, hours{8}), "2021-06-30T10:00:00+08:00");
  EXPECT_EQ(FormatIso8601(t, seconds{0}, true), "2021-06-30T02:00:00Z");
  EXPECT_EQ(FormatIso8601(t, seconds{-(5 * 3600 + 30 * 60)}), "2021-06-29T20:30:00-05:30");
  EXPECT_EQ(FormatDate(*ParseIso8601("2021-06-30T20:00:00Z"), hours{8}), "2021-07-01");
}

TEST(Iso8601, ParsesTheCommonForms) {
  const Timestamp expected = *ParseIso8601("2021-06-30T02:00:00Z");
  EXPECT_EQ(*ParseIso8601("2021-06-30T10:00:00+08:00"), expected);
  EXPECT_EQ(*ParseIso8601("2021-06-30T10:00:00+0800"), expected);
  EXPECT_EQ(*ParseIso8601("2021-06-30 10:00:00.123+08:00"), expected);
  EXPECT_EQ(*ParseIso8601("2021-06-30T10:00", hours{8}), expected);
  EXPECT_EQ(*ParseIso8601("2021-06-30", hours{8}), *ParseIso8601("2021-06-29T16:00:00Z"));
}

TEST(Iso8601, RejectsGarbageWithTheText) {
  for (const char* bad : {"", "2021-6-30", "2021-02-30", "2021-06-30T25:00", "2021-06-30Tx",
                          "2021-06-30T10:00:00+08:00 trailing"}) {
    const auto r = ParseIso8601(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().message.find("invalid ISO 8601"), std::string::npos);
  }
}

TEST(DaysBetween, RoundsDown) {
  const Timestamp a = *ParseIso8601("2021-06-01T00:00:00Z");
  EXPECT_EQ(DaysBetween(a, *ParseIso8601("2021-06-15T23:59:59Z")), 14);
  EXPECT_EQ(DaysBetween(a, a), 0);
  EXPECT_EQ(DaysBetween(*ParseIso8601("2021-06-15T00:00:00Z"), a), -14);
}

TEST(ParseDuration, AcceptsUnitsAndSums) {
  EXPECT_EQ(ParseDuration("500ms")->count(), 500);
  EXPECT_EQ(ParseDuration("15s")->count(), 15000);
  EXPECT_EQ(ParseDuration("1h30m")->count(), 5400000);
  EXPECT_EQ(ParseDuration("7d")->count(), 7LL * 86400 * 1000);
  EXPECT_EQ(ParseDuration("2w")->count(), 14LL * 86400 * 1000);
  for (const char* bad : {"", "15", "s", "-1s", "1y", "1.5s", "99999999999999d",
                          "9223372036854775807ms", "99999999999999999999s"}) {
    EXPECT_FALSE(ParseDuration(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace govwatch::core
