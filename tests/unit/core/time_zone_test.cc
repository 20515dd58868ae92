#include "core/time_zone.h"

#include <gtest/gtest.h>

namespace govwatch::core {
namespace {

using std::chrono::hours;

TEST(TimeZone, DefaultIsShanghai) {
  const TimeZone tz;
  EXPECT_EQ(tz.name(), "Asia/Shanghai");
  EXPECT_EQ(tz.OffsetAt(*ParseIso8601("2021-06-30T00:00:00Z")), hours{8});
}

TEST(TimeZone, LoadsShanghaiFromTheDatabaseIncludingHistoricDst) {
  const auto tz = TimeZone::Load("Asia/Shanghai");
  ASSERT_TRUE(tz.ok()) << tz.error().message;
  EXPECT_EQ(tz->OffsetAt(*ParseIso8601("2021-06-30T00:00:00Z")), hours{8});
  // China observed DST from 1986 to 1991.
  EXPECT_EQ(tz->OffsetAt(*ParseIso8601("1988-07-01T00:00:00Z")), hours{9});
  const auto local = *MakeLocal(2021, 6, 30, 10, 0, 0);
  EXPECT_EQ(tz->ToUtc(local), *ParseIso8601("2021-06-30T02:00:00Z"));
}

TEST(TimeZone, LoadsZonesWithDst) {
  const auto tz = TimeZone::Load("Europe/Berlin");
  ASSERT_TRUE(tz.ok()) << tz.error().message;
  EXPECT_EQ(tz->OffsetAt(*ParseIso8601("2021-07-01T00:00:00Z")), hours{2});
  EXPECT_EQ(tz->OffsetAt(*ParseIso8601("2021-01-01T00:00:00Z")), hours{1});
  EXPECT_EQ(tz->ToUtc(*MakeLocal(2021, 7, 1, 12)), *ParseIso8601("2021-07-01T10:00:00Z"));
}

TEST(TimeZone, FixedOffsets) {
  for (const char* name : {"+08:00", "UTC+8", "+0800"}) {
    const auto tz = TimeZone::Load(name);
    ASSERT_TRUE(tz.ok()) << name;
    EXPECT_EQ(tz->OffsetAt(Timestamp{}), hours{8}) << name;
  }
  EXPECT_EQ(TimeZone::Load("UTC")->OffsetAt(Timestamp{}), hours{0});
}

TEST(CalendarDaysBetween, CountsDatesNotHours) {
  const TimeZone shanghai;
  // 23:30 on 30 June to 00:30 on 1 July, Beijing time: one calendar day, one hour apart.
  EXPECT_EQ(CalendarDaysBetween(*ParseIso8601("2021-06-30T23:30:00+08:00"),
                                *ParseIso8601("2021-07-01T00:30:00+08:00"), shanghai),
            1);
  EXPECT_EQ(CalendarDaysBetween(*ParseIso8601("2021-07-01T00:30:00+08:00"),
                                *ParseIso8601("2021-07-01T23:30:00+08:00"), shanghai),
            0);
  EXPECT_EQ(CalendarDaysBetween(*ParseIso8601("2021-07-05T00:00:00+08:00"),
                                *ParseIso8601("2021-07-01T00:00:00+08:00"), shanghai),
            -4);
  // The same instants are on different dates in UTC.
  EXPECT_EQ(CalendarDaysBetween(*ParseIso8601("2021-06-30T23:30:00+08:00"),
                                *ParseIso8601("2021-07-01T00:30:00+08:00"),
                                TimeZone::Fixed(std::chrono::seconds{0}, "UTC")),
            0);
}

TEST(TimeZone, UnknownNamesAreErrors) {
  for (const char* name : {"Mars/Olympus", "", "../etc/passwd", "/etc/passwd", "+25:00"}) {
    EXPECT_FALSE(TimeZone::Load(name).ok()) << name;
  }
}

}  // namespace
}  // namespace govwatch::core
