// Helpers shared by the checks tests: a fixed clock and terse item/state builders.
#pragma once

#include <string>
#include <vector>

#include "checks/check_result.h"
#include "core/model.h"
#include "core/time.h"

namespace govwatch::checks::testing {

// Local time in Asia/Shanghai ("2021-06-30" or "2021-06-30T10:00:00").
inline core::Timestamp At(const std::string& text) {
  return core::ParseIso8601(text, std::chrono::hours{8}).value();
}

// Every test runs at the same moment: 2021-06-30 10:00 Beijing time.
inline const core::Timestamp kNow = At("2021-06-30T10:00:00");

inline core::Item Dated(const std::string& date, bool pinned = false,
                        core::DateProvenance provenance = core::DateProvenance::kListDate) {
  core::Item item;
  item.title = "信息 " + date;
  item.url = "http://www.example.gov.cn/" + date + ".html";
  item.published = At(date);
  item.provenance = provenance;
  item.pinned = pinned;
  return item;
}

inline core::Item Undated(const std::string& slug) {
  core::Item item;
  item.title = "无日期信息";
  item.url = "http://www.example.gov.cn/" + slug + ".html";
  return item;
}

inline SourceState Readable(std::vector<core::Item> items) {
  SourceState state;
  state.readable = true;
  state.items_ever_seen = static_cast<std::int64_t>(items.size());
  state.items = std::move(items);
  return state;
}

inline SourceState Unreadable(const std::string& reason) {
  SourceState state;
  state.readable = false;
  state.unreadable_reason = reason;
  return state;
}

inline core::DatedTime Stored(const std::string& date,
                              core::DateProvenance provenance = core::DateProvenance::kListDate) {
  return core::DatedTime{At(date), provenance};
}

}  // namespace govwatch::checks::testing
