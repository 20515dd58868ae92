// NetworkWatch: decides when a failed probe is the monitoring host's network rather than the
// target's (issue 3, "Availability check"), so availability does not charge it to the site.
//
// The rule, per UTC minute (by the fetch's start time): the minute is "down" when
//   - the canary URL (ScheduleSettings::canary_url) failed in that minute, or
//   - at least kMinFetches fetches started in it and every one failed with a network-level
//     failure (dns, connect, timeout).
// Once a minute is down it stays down (a success arriving late in the minute does not undo it):
// erring on the side of the sites. The caller flags failed observations of a down minute
// (Observation::network_down, and Store::MarkNetworkDown for those already stored when the
// minute turns down). Only the last few minutes are remembered.
//
// Pure bookkeeping; not thread-safe.
#pragma once

#include <cstdint>
#include <map>

#include "core/time.h"

namespace govwatch::schedule {

class NetworkWatch {
 public:
  static constexpr int kMinFetches = 3;
  static constexpr int kMinutesKept = 10;

  // A fetch that started at `at` ended; `network_failure` for dns/connect/timeout failures.
  // True when this record turned the minute down.
  bool RecordFetch(core::Timestamp at, bool network_failure);
  // The canary fetch that started at `at` ended. True when this record turned the minute down.
  bool RecordCanary(core::Timestamp at, bool ok);
  bool Down(core::Timestamp at) const;

  static core::Timestamp MinuteOf(core::Timestamp at);

 private:
  struct Minute {
    int fetches = 0;
    int network_failures = 0;
    bool canary_failed = false;
    bool down = false;
  };
  bool Update(Minute& minute);
  Minute& At(core::Timestamp at);

  std::map<std::int64_t, Minute> minutes_;  // by minute number since the epoch
};

}  // namespace govwatch::schedule
