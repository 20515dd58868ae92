// Per-account statistics for metrics and reports: the newest post, the longest silence in the
// period and how many posts the last 7 and 30 days hold. Computed from the dated, non-pinned
// posts of one read (a feed or API shows the newest ~20) — pinned posts are old posts shown
// first and would hide silence.
//
// Pure function; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "core/model.h"
#include "core/time.h"

namespace govwatch::checks {

struct AccountStats {
  std::optional<core::Timestamp> newest_post;
  // Longest gap between consecutive posts inside [now - period, now], including the silence
  // from the newest post to now; 0 when nothing is dated.
  std::chrono::seconds longest_gap{0};
  int posts_7d = 0;
  int posts_30d = 0;
};

// `stored_newest` (the store's last update) stands in for the newest post when the read shows
// none newer.
AccountStats ComputeAccountStats(const std::vector<core::Item>& items,
                                 std::optional<core::Timestamp> stored_newest,
                                 core::Timestamp now,
                                 std::chrono::days period = std::chrono::days{90});

}  // namespace govwatch::checks
