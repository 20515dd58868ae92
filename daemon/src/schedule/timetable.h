// Timetable: when each target runs (issue 3, "Scheduler"). Pure functions, no clock.
//
// Every target has a grid: epoch + offset + k × interval, where the offset is derived from a hash
// of the target id (FNV-1a 64, the same on every platform and run), so load spreads evenly over
// the interval and a restart lands on the same grid (no thundering herd). The next planned run
// is the previous planned run + interval, never "now + interval", so a slow run causes no drift.
// A target that became overdue (daemon stopped, or a run slower than its interval) runs once,
// now, and then continues on the grid.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "config/config.h"
#include "core/time.h"
#include "schedule/poller.h"

namespace govwatch::schedule {

// The interval of a target: its own override, else its profile's value for its kind (homepage,
// column kind with column_default_interval as fallback, account). At least one second.
std::chrono::seconds IntervalFor(const config::Config& config, const Target& target);

// FNV-1a 64 of `text`.
std::uint64_t Fnv1a64(std::string_view text);

// The target's offset on its grid: hash(id) % (interval × jitter), jitter clamped to [0, 1].
std::chrono::seconds OffsetFor(std::string_view id, std::chrono::seconds interval, double jitter);

struct Grid {
  std::chrono::seconds interval{3600};
  std::chrono::seconds offset{0};

  core::Timestamp AtOrAfter(core::Timestamp t) const;   // first grid point >= t
  core::Timestamp AtOrBefore(core::Timestamp t) const;  // last grid point <= t
};

// A target that was never checked runs within this window after it is first scheduled.
inline constexpr std::chrono::seconds kFirstRunWindow{300};

struct Slot {
  core::Timestamp planned;  // on the grid; the base of the next run
  core::Timestamp run_at;   // planned, or now for a catch-up run
  bool catch_up = false;
};

// The next run of a target:
//   - with last_planned (the scheduler's memory): last_planned + interval;
//   - else with last_run (from the store, after a restart): the first grid point after it;
//   - else (never run): the first grid point at or after now.
// When that time has already passed, the run is a catch-up: run_at = now, planned = the last
// grid point <= now, so missed runs collapse into one and the grid is kept.
Slot NextRun(const Grid& grid, std::optional<core::Timestamp> last_planned,
             std::optional<core::Timestamp> last_run, core::Timestamp now);

}  // namespace govwatch::schedule
