// What every check takes and returns.
//
// SourceState is everything a freshness check may know about one source (homepage, column list
// page, account feed): the latest read and what the store remembers. CheckResult is the verdict.
// Both are plain values; checks are pure functions of them plus `now` (DESIGN.md §3).
//
// "Days since update" is defined once, here: DaysSinceUpdate counts calendar days in the site's
// time zone between the day of the last update and today, never below 0 — the count people make
// when they read "最近更新 2021-06-14" on 2021-06-30 (16 days), whatever the hours. A source is
// stale when days > threshold ("超过 N 天未更新"), so exactly N days is not yet stale. A warning
// fires when days >= warn threshold (and the source is not stale); a warn threshold of 0
// disables it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/time.h"
#include "core/time_zone.h"

namespace govwatch::checks {

struct SourceState {
  // Whether the latest read succeeded (fetched and parsed). When false, every freshness check
  // answers kUnknown: an unreadable source is never "not updated" (DESIGN.md §2).
  bool readable = false;
  std::string unreadable_reason;  // e.g. "timeout", "blocked"; only when !readable
  // Items of the latest successful read, in page order.
  std::vector<core::Item> items;
  // From the store: the newest update over everything ever seen (Store::LastUpdate), and how many
  // distinct items were ever seen. Both cover history the current page may no longer show.
  std::optional<core::DatedTime> stored_last_update;
  std::int64_t items_ever_seen = 0;
};

struct CheckResult {
  core::CheckStatus status = core::CheckStatus::kUnknown;
  std::vector<core::Finding> findings;  // empty unless status is kProblem
  std::string note;                     // why kUnknown, or a short English summary
};

// Calendar days in `tz` from the day of `last` to the day of `now`, never negative.
long DaysSinceUpdate(core::Timestamp last, core::Timestamp now, const core::TimeZone& tz);

// The newest dated moment among `items` (skipping pinned ones when skip_pinned) and `stored`.
// Items without a date are ignored here: undated items count only through the store's first_seen
// rule, which already is part of `stored`. On a tie the stored value wins (it is what the store
// will keep).
std::optional<core::DatedTime> NewestUpdate(const std::vector<core::Item>& items,
                                            const std::optional<core::DatedTime>& stored,
                                            bool skip_pinned);

// The date people see in messages: the instant's calendar date in `tz` ("2021-06-14").
std::string LocalDate(core::Timestamp t, const core::TimeZone& tz);

}  // namespace govwatch::checks
