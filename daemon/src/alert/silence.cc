#include "alert/silence.h"

#include <algorithm>

namespace govwatch::alert {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool Contains(const std::vector<int>& list, int value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// ISO weekday of a local day: 1 = Monday … 7 = Sunday.
int IsoWeekday(std::chrono::local_days day) {
  const unsigned c = std::chrono::weekday{day}.c_encoding();  // 0 = Sunday
  return c == 0 ? 7 : static_cast<int>(c);
}

bool InWindow(const config::Silence& s, core::Timestamp now, const core::TimeZone& tz) {
  using namespace std::chrono;
  const core::LocalSeconds local = tz.ToLocal(now);
  const local_days today = floor<days>(local);
  const minutes minute_of_day = duration_cast<minutes>(local - today);
  const minutes start = s.start.value_or(minutes{0});
  const minutes end = s.end.value_or(minutes{24 * 60});
  const bool listed_today = s.weekly_days.empty() || Contains(s.weekly_days, IsoWeekday(today));
  if (start <= end) return listed_today && minute_of_day >= start && minute_of_day < end;
  // Past midnight: the evening part belongs to today, the early part to yesterday's window.
  const bool listed_yesterday =
      s.weekly_days.empty() || Contains(s.weekly_days, IsoWeekday(today - days{1}));
  return (listed_today && minute_of_day >= start) || (listed_yesterday && minute_of_day < end);
}

}  // namespace

bool SilenceMatches(const config::Silence& silence, const core::Finding& finding) {
  if (!silence.targets.empty()) {
    const std::string& target = finding.target_id;
    const std::string site = target.substr(0, target.find('/'));
    if (!Contains(silence.targets, target) && !Contains(silence.targets, site)) return false;
  }
  if (!silence.units.empty() && !Contains(silence.units, finding.unit_id)) return false;
  if (!silence.checks.empty() && !Contains(silence.checks, finding.check)) return false;
  return true;
}

bool SilenceActive(const config::Silence& silence, core::Timestamp now,
                   const core::TimeZone& default_zone) {
  if (silence.from && now < *silence.from) return false;
  if (silence.until && now >= *silence.until) return false;
  const bool windowed = !silence.weekly_days.empty() || silence.start || silence.end;
  if (!windowed) return true;
  return InWindow(silence, now, silence.time_zone ? *silence.time_zone : default_zone);
}

bool Silenced(const std::vector<config::Silence>& silences, const core::Finding& finding,
              core::Timestamp now, const core::TimeZone& default_zone) {
  return std::any_of(silences.begin(), silences.end(), [&](const config::Silence& s) {
    return SilenceMatches(s, finding) && SilenceActive(s, now, default_zone);
  });
}

}  // namespace govwatch::alert
