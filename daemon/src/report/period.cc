#include "report/period.h"

#include <charconv>

namespace govwatch::report {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

bool Number(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::optional<sys_days> Day(int y, int m, int d) {
  const year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                           std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

sys_days LastOfMonth(int y, int m) {
  return sys_days{std::chrono::year_month_day_last{
      std::chrono::year{y}, std::chrono::month_day_last{std::chrono::month{static_cast<unsigned>(m)}}}};
}

std::optional<sys_days> ParseDay(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !Number(s.substr(0, 4), y) ||
      !Number(s.substr(5, 2), m) || !Number(s.substr(8, 2), d)) {
    return std::nullopt;
  }
  return Day(y, m, d);
}

}  // namespace

core::Timestamp Period::From(const core::TimeZone& tz) const {
  return tz.ToUtc(core::LocalSeconds{first.time_since_epoch()});
}

core::Timestamp Period::To(const core::TimeZone& tz) const {
  return tz.ToUtc(core::LocalSeconds{(last + std::chrono::days{1}).time_since_epoch()});
}

std::string ChineseDate(sys_days day) {
  const year_month_day ymd{day};
  return std::to_string(static_cast<int>(ymd.year())) + "年" +
         std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
         std::to_string(static_cast<unsigned>(ymd.day())) + "日";
}

sys_days LocalDay(core::Timestamp t, const core::TimeZone& tz) {
  return std::chrono::floor<std::chrono::days>(sys_days{} + tz.ToLocal(t).time_since_epoch());
}

core::Result<Period> ParsePeriod(std::string_view text) {
  auto bad = [&] {
    return core::MakeError("invalid period '" + std::string(text) +
                           "' (expected 2021Q2, 2021-05, 2021H1, 2021 or "
                           "2021-04-01..2021-06-30)");
  };
  Period p;
  p.slug = std::string(text);
  int y = 0;
  if (const auto dots = text.find(".."); dots != std::string_view::npos) {
    const auto a = ParseDay(text.substr(0, dots));
    const auto b = ParseDay(text.substr(dots + 2));
    if (!a || !b || *b < *a) return bad();
    p.first = *a;
    p.last = *b;
    p.label = ChineseDate(*a) + "至" + ChineseDate(*b);
    p.slug = std::string(text.substr(0, dots)) + "_" + std::string(text.substr(dots + 2));
    return p;
  }
  if (text.size() < 4 || !Number(text.substr(0, 4), y) || y < 1970 || y > 9999) return bad();
  const std::string year = std::to_string(y) + "年";
  const std::string_view rest = text.substr(4);
  int n = 0;
  if (rest.empty()) {
    p.first = *Day(y, 1, 1);
    p.last = *Day(y, 12, 31);
    p.label = year;
  } else if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q') &&
             Number(rest.substr(1), n) && n >= 1 && n <= 4) {
    p.first = *Day(y, 3 * n - 2, 1);
    p.last = LastOfMonth(y, 3 * n);
    p.label = year + "第" + std::to_string(n) + "季度";
  } else if (rest.size() == 2 && (rest[0] == 'H' || rest[0] == 'h') &&
             Number(rest.substr(1), n) && n >= 1 && n <= 2) {
    p.first = *Day(y, n == 1 ? 1 : 7, 1);
    p.last = LastOfMonth(y, n == 1 ? 6 : 12);
    p.label = year + (n == 1 ? "上半年" : "下半年");
  } else if (rest.size() == 3 && rest[0] == '-' && Number(rest.substr(1), n) && n >= 1 &&
             n <= 12) {
    p.first = *Day(y, n, 1);
    p.last = LastOfMonth(y, n);
    p.label = year + std::to_string(n) + "月";
  } else {
    return bad();
  }
  return p;
}

}  // namespace govwatch::report
