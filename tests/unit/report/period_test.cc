#include "report/period.h"

#include <gtest/gtest.h>

namespace govwatch::report {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

sys_days Day(int y, unsigned m, unsigned d) {
  return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

struct Case {
  const char* text;
  sys_days first, last;
  const char* label;
};

TEST(PeriodTest, ParsesEveryForm) {
  const Case cases[] = {
      {"2021Q2", Day(2021, 4, 1), Day(2021, 6, 30), "2021年第2季度"},
      {"2021q4", Day(2021, 10, 1), Day(2021, 12, 31), "2021年第4季度"},
      {"2021-05", Day(2021, 5, 1), Day(2021, 5, 31), "2021年5月"},
      {"2024-02", Day(2024, 2, 1), Day(2024, 2, 29), "2024年2月"},
      {"2021H1", Day(2021, 1, 1), Day(2021, 6, 30), "2021年上半年"},
      {"2021H2", Day(2021, 7, 1), Day(2021, 12, 31), "2021年下半年"},
      {"2021", Day(2021, 1, 1), Day(2021, 12, 31), "2021年"},
      {"2021-04-01..2021-06-30", Day(2021, 4, 1), Day(2021, 6, 30),
       "2021年4月1日至2021年6月30日"},
  };
  for (const Case& c : cases) {
    auto p = ParsePeriod(c.text);
    ASSERT_TRUE(p.ok()) << c.text;
    EXPECT_EQ(p->first, c.first) << c.text;
    EXPECT_EQ(p->last, c.last) << c.text;
    EXPECT_EQ(p->label, c.label) << c.text;
  }
}

TEST(PeriodTest, RejectsBadText) {
  for (const char* bad : {"", "2021Q5", "2021Q0", "2021-13", "2021H3", "21Q2", "2021-06-31..2021-07-01",
                          "2021-06-30..2021-06-01", "2021Q2x", "abcd"}) {
    auto p = ParsePeriod(bad);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.error().message,
              std::string("invalid period '") + bad +
                  "' (expected 2021Q2, 2021-05, 2021H1, 2021 or 2021-04-01..2021-06-30)");
  }
}

TEST(PeriodTest, BoundsAreBeijingMidnights) {
  const core::TimeZone tz;
  auto p = ParsePeriod("2021Q2");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(core::FormatIso8601(p->From(tz), 0s, true), "2021-03-31T16:00:00Z");
  EXPECT_EQ(core::FormatIso8601(p->To(tz), 0s, true), "2021-06-30T16:00:00Z");
  // 2021-06-30 23:30 Beijing is still in the quarter's last day.
  EXPECT_EQ(LocalDay(core::ParseIso8601("2021-06-30T15:30:00Z").value(), tz), Day(2021, 6, 30));
  EXPECT_EQ(ChineseDate(Day(2021, 7, 8)), "2021年7月8日");
}

}  // namespace
}  // namespace govwatch::report
