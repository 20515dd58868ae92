// Availability (站点无法访问): DESIGN.md §2 and the national rule — at least
// availability_probes_per_day (20) homepage probes a day; a probe fails when the homepage does not
// answer within availability_timeout (15 s) or answers with a failure; over a rolling
// availability_window_days (7) a failure ratio >= availability_veto_ratio (5 %) is a veto, >=
// availability_warn_ratio (3 %) a warning. Probes the monitoring host's own network failed
// (store: network_down) are not charged to the site and are not in `probes` at all.
//
// Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <optional>

#include "checks/check_result.h"
#include "config/config.h"

namespace govwatch::checks {

inline constexpr char kAvailability[] = "availability";

struct AvailabilityInput {
  std::int64_t probes = 0;    // homepage probes in the window, network-down ones excluded
  std::int64_t failures = 0;  // of those: failed or slower than availability_timeout
  // The earliest probe in the window (any kind): how much of the window monitoring covers.
  std::optional<core::Timestamp> first_probe;
};

// kUnknown (no finding) while monitoring covers less than one day, or with no probes. When the
// probes per covered day (capped at the window) fall below availability_probes_per_day: one
// kInfo finding "监测次数不足" and no verdict, since a ratio over too few probes proves nothing.
// Otherwise failure ratio >= veto ratio → kVeto, >= warn ratio → kWarning, with the message
// "网站近 7 天监测 168 次，无法访问 12 次（7.1%）". Findings are on the site, subject "".
CheckResult CheckAvailability(const config::Site& site, const config::Profile& profile,
                              const AvailabilityInput& input, core::Timestamp now);

}  // namespace govwatch::checks
