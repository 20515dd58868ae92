#include "checks/account_stats.h"

#include <algorithm>

namespace govwatch::checks {

AccountStats ComputeAccountStats(const std::vector<core::Item>& items,
                                 std::optional<core::Timestamp> stored_newest,
                                 core::Timestamp now, std::chrono::days period) {
  AccountStats stats;
  std::vector<core::Timestamp> times;
  for (const core::Item& item : items) {
    if (item.pinned || !item.published || *item.published > now) continue;
    times.push_back(*item.published);
    if (*item.published > now - std::chrono::days{7}) ++stats.posts_7d;
    if (*item.published > now - std::chrono::days{30}) ++stats.posts_30d;
  }
  if (stored_newest && *stored_newest <= now) times.push_back(*stored_newest);
  if (times.empty()) return stats;
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  stats.newest_post = times.back();
  const core::Timestamp start = now - period;
  times.push_back(now);
  for (size_t i = 1; i < times.size(); ++i) {
    const core::Timestamp from = std::max(times[i - 1], start);
    if (times[i] <= start) continue;
    stats.longest_gap = std::max(stats.longest_gap,
                                 std::chrono::duration_cast<std::chrono::seconds>(times[i] - from));
  }
  return stats;
}

}  // namespace govwatch::checks
