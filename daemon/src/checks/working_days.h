// WorkingDayCalendar: which civil dates are working days in mainland China — Monday to Friday,
// minus the public holidays, plus the make-up workdays (调休上班) on weekends. The built-in table
// covers 2021–2026 from the State Council General Office's annual notices (国务院办公厅关于
// 20XX年部分节假日安排的通知); a profile adds further dates (config::Profile::extra_holidays,
// extra_workdays), e.g. for a year not yet in the table.
//
// Pure value type; immutable after construction; safe to share between threads.
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"

namespace govwatch::checks {

class WorkingDayCalendar {
 public:
  // The built-in 2021–2026 calendar.
  WorkingDayCalendar();
  // The built-in calendar plus extra dates ("YYYY-MM-DD"); a date in both lists is a holiday.
  // Error names the first date that does not parse.
  static core::Result<WorkingDayCalendar> WithExtra(const std::vector<std::string>& holidays,
                                                    const std::vector<std::string>& workdays);

  bool IsWorkingDay(std::chrono::sys_days day) const;
  // Working days in (from, to]: the days after `from` up to and including `to` that are working
  // days; 0 when to <= from. "Published within 3 working days" means this is <= 3.
  int WorkingDaysAfter(std::chrono::sys_days from, std::chrono::sys_days to) const;
  // The first year and last year the built-in table covers.
  static constexpr int kFirstYear = 2021;
  static constexpr int kLastYear = 2026;

 private:
  std::set<std::chrono::sys_days> holidays_;
  std::set<std::chrono::sys_days> workdays_;
};

// "2021-06-30" → the civil day; nullopt-like Error when it is not a valid date.
core::Result<std::chrono::sys_days> ParseCivilDate(std::string_view text);

}  // namespace govwatch::checks
