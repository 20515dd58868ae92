#include "checks/working_days.h"

#include <gtest/gtest.h>

namespace govwatch::checks {
namespace {

std::chrono::sys_days D(const char* text) { return ParseCivilDate(text).value(); }

TEST(WorkingDaysTest, WeekendsHolidaysAndMakeUpDays) {
  const WorkingDayCalendar c;
  EXPECT_TRUE(c.IsWorkingDay(D("2021-06-30")));   // Wednesday
  EXPECT_FALSE(c.IsWorkingDay(D("2021-06-26")));  // Saturday
  EXPECT_FALSE(c.IsWorkingDay(D("2021-06-14")));  // 端午 Monday
  EXPECT_FALSE(c.IsWorkingDay(D("2021-05-04")));  // 劳动节 Tuesday
  EXPECT_TRUE(c.IsWorkingDay(D("2021-05-08")));   // 调休 Saturday
  EXPECT_TRUE(c.IsWorkingDay(D("2021-04-25")));   // 调休 Sunday
  EXPECT_FALSE(c.IsWorkingDay(D("2023-01-02")));  // 元旦 2023 starts 2022-12-31
  EXPECT_FALSE(c.IsWorkingDay(D("2022-12-31")));
  EXPECT_FALSE(c.IsWorkingDay(D("2025-10-08")));  // 国庆中秋 2025, eight days
  EXPECT_TRUE(c.IsWorkingDay(D("2025-09-28")));
  EXPECT_FALSE(c.IsWorkingDay(D("2026-02-23")));  // 春节 2026, nine days
  EXPECT_TRUE(c.IsWorkingDay(D("2026-02-28")));
  EXPECT_TRUE(c.IsWorkingDay(D("2026-01-04")));
}

TEST(WorkingDaysTest, CountsDaysAfterTheStart) {
  const WorkingDayCalendar c;
  // 2021-04-30 (Fri) → 2021-05-08 (Sat, make-up day): 5/1–5/5 off, 5/6, 5/7, 5/8 → 3.
  EXPECT_EQ(c.WorkingDaysAfter(D("2021-04-30"), D("2021-05-08")), 3);
  // 2021-05-08 → 2021-05-20: 5/10–14 and 5/17–20.
  EXPECT_EQ(c.WorkingDaysAfter(D("2021-05-08"), D("2021-05-20")), 9);
  EXPECT_EQ(c.WorkingDaysAfter(D("2021-06-01"), D("2021-06-03")), 2);
  EXPECT_EQ(c.WorkingDaysAfter(D("2021-06-03"), D("2021-06-01")), 0);
  EXPECT_EQ(c.WorkingDaysAfter(D("2021-06-01"), D("2021-06-01")), 0);
}

TEST(WorkingDaysTest, ExtraDatesOverrideTheTable) {
  auto c = WorkingDayCalendar::WithExtra({"2027-01-01", "2021-06-30"}, {"2027-01-02"});
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->IsWorkingDay(D("2027-01-01")));
  EXPECT_TRUE(c->IsWorkingDay(D("2027-01-02")));  // a Saturday made a workday
  EXPECT_FALSE(c->IsWorkingDay(D("2021-06-30")));
  auto bad = WorkingDayCalendar::WithExtra({"2021-02-30"}, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "invalid date '2021-02-30' (expected YYYY-MM-DD)");
}

}  // namespace
}  // namespace govwatch::checks
