#include "schedule/timetable.h"

#include <algorithm>

namespace govwatch::schedule {

std::chrono::seconds IntervalFor(const config::Config& config, const Target& target) {
  std::chrono::seconds interval{0};
  if (target.account != nullptr) {
    const config::Profile& profile = config.ProfileFor(target.account->profile);
    interval = target.account->interval.value_or(profile.account_interval);
  } else if (target.column != nullptr) {
    const config::Profile& profile = config.ProfileFor(target.site->profile);
    if (target.column->interval) {
      interval = *target.column->interval;
    } else if (auto it = profile.column_interval.find(target.column->kind);
               it != profile.column_interval.end()) {
      interval = it->second;
    } else {
      interval = profile.column_default_interval;
    }
  } else if (target.site != nullptr) {
    const config::Profile& profile = config.ProfileFor(target.site->profile);
    interval = target.site->homepage_interval.value_or(profile.homepage_interval);
  }
  return std::max(interval, std::chrono::seconds{1});
}

std::uint64_t Fnv1a64(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::chrono::seconds OffsetFor(std::string_view id, std::chrono::seconds interval,
                               double jitter) {
  jitter = std::clamp(jitter, 0.0, 1.0);
  const auto spread = static_cast<std::uint64_t>(static_cast<double>(interval.count()) * jitter);
  if (spread == 0) return std::chrono::seconds{0};
  return std::chrono::seconds{static_cast<std::int64_t>(Fnv1a64(id) % spread)};
}

namespace {
// Floor division that also holds for negative numerators.
std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
}  // namespace

core::Timestamp Grid::AtOrBefore(core::Timestamp t) const {
  const std::int64_t rel = (t.time_since_epoch() - offset).count();
  const std::int64_t k = FloorDiv(rel, interval.count());
  return core::Timestamp{offset + k * interval};
}

core::Timestamp Grid::AtOrAfter(core::Timestamp t) const {
  const core::Timestamp before = AtOrBefore(t);
  return before == t ? t : before + interval;
}

Slot NextRun(const Grid& grid, std::optional<core::Timestamp> last_planned,
             std::optional<core::Timestamp> last_run, core::Timestamp now) {
  core::Timestamp next;
  if (last_planned) {
    next = *last_planned + grid.interval;
  } else if (last_run) {
    next = grid.AtOrBefore(*last_run) + grid.interval;
  } else {
    // Never checked: a fresh install or a new target should not wait up to a day for its first
    // result, so it runs within kFirstRunWindow, spread by its id like the grid, then follows
    // the grid from the slot it stands in for.
    const auto window = std::min<std::chrono::seconds>(grid.interval, kFirstRunWindow);
    const auto run_at = now + grid.offset % window;
    next = grid.AtOrAfter(now);
    if (next <= run_at) return Slot{next, next, false};
    return Slot{grid.AtOrBefore(now), run_at, true};
  }
  if (next >= now) return Slot{next, next, false};
  return Slot{grid.AtOrBefore(now), now, true};
}

}  // namespace govwatch::schedule
