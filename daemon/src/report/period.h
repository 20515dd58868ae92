// Report periods: a quarter "2021Q2", a month "2021-05", a half year "2021H1", a year "2021", or
// a date range "2021-04-01..2021-06-30" (both days included). Days are civil days in the
// region's zone; `From`/`To` give the UTC instants of the half-open interval [first, last + 1).
//
// Pure value type; thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/time.h"
#include "core/time_zone.h"

namespace govwatch::report {

struct Period {
  std::chrono::sys_days first;  // first day, included
  std::chrono::sys_days last;   // last day, included
  std::string label;            // 2021年第2季度, 2021年5月, 2021年上半年, 2021年, 2021年4月1日至…
  std::string slug;             // 2021Q2, 2021-05, …: for file names

  core::Timestamp From(const core::TimeZone& tz) const;
  core::Timestamp To(const core::TimeZone& tz) const;  // start of the day after `last`
  bool Contains(std::chrono::sys_days day) const { return first <= day && day <= last; }
};

// Error names the text and the accepted forms.
core::Result<Period> ParsePeriod(std::string_view text);

// "2021年6月30日".
std::string ChineseDate(std::chrono::sys_days day);
// The civil day of an instant in `tz`.
std::chrono::sys_days LocalDay(core::Timestamp t, const core::TimeZone& tz);

}  // namespace govwatch::report
