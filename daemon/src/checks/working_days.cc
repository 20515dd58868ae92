#include "checks/working_days.h"

#include <charconv>

namespace govwatch::checks {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

struct Range {
  int year, month, first_day, last_month, last_day;  // inclusive, may cross a month/year end
};
struct Day {
  int year, month, day;
};

sys_days D(int y, int m, int d) {
  return sys_days{year_month_day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                 std::chrono::day{static_cast<unsigned>(d)}}};
}

// 放假 periods, from the State Council General Office's notices:
//   2021 国办发明电〔2020〕27号, 2022 国办发明电〔2021〕11号, 2023 国办发明电〔2022〕16号,
//   2024 国办发明电〔2023〕7号,  2025 国办发明电〔2024〕12号, 2026 国办发明电〔2025〕7号.
// A range is (year, month, first day) to (end month, end day) of the same year unless the end
// month is smaller (then it runs into the next year).
constexpr Range kHolidays[] = {
    // 2021
    {2021, 1, 1, 1, 3}, {2021, 2, 11, 2, 17}, {2021, 4, 3, 4, 5}, {2021, 5, 1, 5, 5},
    {2021, 6, 12, 6, 14}, {2021, 9, 19, 9, 21}, {2021, 10, 1, 10, 7},
    // 2022
    {2022, 1, 1, 1, 3}, {2022, 1, 31, 2, 6}, {2022, 4, 3, 4, 5}, {2022, 4, 30, 5, 4},
    {2022, 6, 3, 6, 5}, {2022, 9, 10, 9, 12}, {2022, 10, 1, 10, 7},
    // 2023 (元旦 2022-12-31 to 2023-01-02)
    {2022, 12, 31, 1, 2}, {2023, 1, 21, 1, 27}, {2023, 4, 5, 4, 5}, {2023, 4, 29, 5, 3},
    {2023, 6, 22, 6, 24}, {2023, 9, 29, 10, 6},
    // 2024
    {2024, 1, 1, 1, 1}, {2024, 2, 10, 2, 17}, {2024, 4, 4, 4, 6}, {2024, 5, 1, 5, 5},
    {2024, 6, 10, 6, 10}, {2024, 9, 15, 9, 17}, {2024, 10, 1, 10, 7},
    // 2025
    {2025, 1, 1, 1, 1}, {2025, 1, 28, 2, 4}, {2025, 4, 4, 4, 6}, {2025, 5, 1, 5, 5},
    {2025, 5, 31, 6, 2}, {2025, 10, 1, 10, 8},
    // 2026
    {2026, 1, 1, 1, 3}, {2026, 2, 15, 2, 23}, {2026, 4, 4, 4, 6}, {2026, 5, 1, 5, 5},
    {2026, 6, 19, 6, 21}, {2026, 9, 25, 9, 27}, {2026, 10, 1, 10, 7},
};

// 调休上班: weekend days that are working days.
constexpr Day kWorkdays[] = {
    {2021, 2, 7},  {2021, 2, 20}, {2021, 4, 25}, {2021, 5, 8},  {2021, 9, 18}, {2021, 9, 26},
    {2021, 10, 9}, {2022, 1, 29}, {2022, 1, 30}, {2022, 4, 2},  {2022, 4, 24}, {2022, 5, 7},
    {2022, 10, 8}, {2022, 10, 9}, {2023, 1, 28}, {2023, 1, 29}, {2023, 4, 23}, {2023, 5, 6},
    {2023, 6, 25}, {2023, 10, 7}, {2023, 10, 8}, {2024, 2, 4},  {2024, 2, 18}, {2024, 4, 7},
    {2024, 4, 28}, {2024, 5, 11}, {2024, 9, 14}, {2024, 9, 29}, {2024, 10, 12}, {2025, 1, 26},
    {2025, 2, 8},  {2025, 4, 27}, {2025, 9, 28}, {2025, 10, 11}, {2026, 1, 4}, {2026, 2, 14},
    {2026, 2, 28}, {2026, 5, 9},  {2026, 9, 20}, {2026, 10, 10},
};

}  // namespace

core::Result<sys_days> ParseCivilDate(std::string_view text) {
  auto bad = [&] { return core::MakeError("invalid date '" + std::string(text) + "' (expected YYYY-MM-DD)"); };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  int y = 0, m = 0, d = 0;
  auto num = [&](std::size_t at, std::size_t n, int& out) {
    const char* first = text.data() + at;
    auto [p, ec] = std::from_chars(first, first + n, out);
    return ec == std::errc() && p == first + n;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return bad();
  const year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                           std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return bad();
  return sys_days{ymd};
}

WorkingDayCalendar::WorkingDayCalendar() {
  for (const Range& r : kHolidays) {
    const int end_year = r.last_month < r.month ? r.year + 1 : r.year;
    for (sys_days d = D(r.year, r.month, r.first_day); d <= D(end_year, r.last_month, r.last_day);
         d += std::chrono::days{1}) {
      holidays_.insert(d);
    }
  }
  for (const Day& w : kWorkdays) workdays_.insert(D(w.year, w.month, w.day));
}

core::Result<WorkingDayCalendar> WorkingDayCalendar::WithExtra(
    const std::vector<std::string>& holidays, const std::vector<std::string>& workdays) {
  WorkingDayCalendar c;
  for (const auto& text : workdays) {
    auto d = ParseCivilDate(text);
    if (!d) return d.error();
    c.holidays_.erase(*d);
    c.workdays_.insert(*d);
  }
  for (const auto& text : holidays) {
    auto d = ParseCivilDate(text);
    if (!d) return d.error();
    c.workdays_.erase(*d);
    c.holidays_.insert(*d);
  }
  return c;
}

bool WorkingDayCalendar::IsWorkingDay(sys_days day) const {
  if (holidays_.contains(day)) return false;
  if (workdays_.contains(day)) return true;
  const std::chrono::weekday wd{day};
  return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
}

int WorkingDayCalendar::WorkingDaysAfter(sys_days from, sys_days to) const {
  int n = 0;
  for (sys_days d = from + std::chrono::days{1}; d <= to; d += std::chrono::days{1}) {
    if (IsWorkingDay(d)) ++n;
  }
  return n;
}

}  // namespace govwatch::checks
