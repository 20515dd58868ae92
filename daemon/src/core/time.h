// Instants and their text forms. Every stored time is UTC (Timestamp); offsets appear only when
// a time is read from or written for people.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace govwatch::core {

using Timestamp = std::chrono::sys_seconds;
using LocalSeconds = std::chrono::local_seconds;

// "2021-06-30T10:00:00+08:00" (offset "Z" when offset is zero and use_z is true).
std::string FormatIso8601(Timestamp t, std::chrono::seconds offset, bool use_z = false);
// "2021-06-30" in the given offset.
std::string FormatDate(Timestamp t, std::chrono::seconds offset);

// Parses ISO 8601 / RFC 3339: "2021-06-30T10:00:00+08:00", "...Z", "2021-06-30T10:00:00"
// (read in default_offset), "2021-06-30" (midnight in default_offset); fractional seconds are
// dropped. Error on anything else.
Result<Timestamp> ParseIso8601(std::string_view text,
                               std::chrono::seconds default_offset = std::chrono::seconds{0});

// Civil date/time → local seconds; nullopt when the fields do not form a valid date/time.
std::optional<LocalSeconds> MakeLocal(int year, int month, int day, int hour = 0, int minute = 0,
                                      int second = 0);

// Whole days from `from` to `to`, rounded down; negative when to < from.
long DaysBetween(Timestamp from, Timestamp to);

// A duration such as "15s", "500ms", "2m", "1h", "7d", "1h30m". Error names the bad text.
Result<std::chrono::milliseconds> ParseDuration(std::string_view text);

}  // namespace govwatch::core
