#include "checks/check_result.h"

#include <algorithm>

namespace govwatch::checks {

long DaysSinceUpdate(core::Timestamp last, core::Timestamp now, const core::TimeZone& tz) {
  return std::max(0L, core::CalendarDaysBetween(last, now, tz));
}

std::optional<core::DatedTime> NewestUpdate(const std::vector<core::Item>& items,
                                            const std::optional<core::DatedTime>& stored,
                                            bool skip_pinned) {
  std::optional<core::DatedTime> newest = stored;
  for (const core::Item& item : items) {
    if (!item.published || (skip_pinned && item.pinned)) continue;
    if (!newest || *item.published > newest->time) {
      newest = core::DatedTime{*item.published, item.provenance};
    }
  }
  return newest;
}

std::string LocalDate(core::Timestamp t, const core::TimeZone& tz) {
  return core::FormatDate(t, tz.OffsetAt(t));
}

}  // namespace govwatch::checks
