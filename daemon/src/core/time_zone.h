// TimeZone: converts between UTC instants and a zone's civil time, from the system's TZif
// database (/usr/share/zoneinfo), because libstdc++ 12 has no std::chrono::tzdb.
//
// Immutable after Load; safe to share between threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace govwatch::core {

class TimeZone {
 public:
  // Asia/Shanghai, the default zone of every site (UTC+8, no DST since 1991).
  TimeZone();

  // Loads a zone by IANA name ("Asia/Shanghai", "UTC") or a fixed offset ("+08:00", "UTC+8").
  // Error when the name is unknown or the file is not a valid TZif file.
  static Result<TimeZone> Load(const std::string& name);
  static TimeZone Fixed(std::chrono::seconds offset, std::string name);

  const std::string& name() const { return name_; }
  std::chrono::seconds OffsetAt(Timestamp utc) const;
  // Local civil time → UTC. In a gap or overlap the earlier offset in effect is used.
  Timestamp ToUtc(LocalSeconds local) const;
  LocalSeconds ToLocal(Timestamp utc) const { return LocalSeconds{(utc + OffsetAt(utc)).time_since_epoch()}; }

 private:
  struct Transition {
    std::int64_t at;        // UTC seconds at which `offset` starts
    std::int32_t offset;    // seconds east of UTC
  };
  std::string name_;
  std::int32_t initial_offset_ = 8 * 3600;
  std::vector<Transition> transitions_;  // sorted by `at`
};

// Calendar days in `tz` from the day of `from` to the day of `to` (negative when `to` is on an
// earlier day): what a person counts between two dates, whatever the hours.
long CalendarDaysBetween(Timestamp from, Timestamp to, const TimeZone& tz);

}  // namespace govwatch::core
