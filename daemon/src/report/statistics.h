// Disclosure statistics (信息公开情况统计, DESIGN.md §2): items per column in a period, by source
// unit, and the columns with none.
//
// Every item a column's list page showed with a publish date in the period counts, whether or
// not its article page was read. Its 供稿单位 is:
//   - the configured unit its article's 来源 matches (UnitMatcher, with aliases), by unit name;
//   - the 来源 as printed, when it matches no configured unit;
//   - the site's own unit, when the article was read and names no 来源 (the site published it);
//   - kUnknownSource (未知（未读取正文）), when the article page was not read (not fetched yet,
//     over the per-run bound, or the fetch failed).
//
// Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "store/article_store.h"

namespace govwatch::report {

inline constexpr char kUnknownSource[] = "未知（未读取正文）";

struct ColumnStatistics {
  std::string target_id;  // "site/column"
  std::string column_name;
  core::ColumnKind kind = core::ColumnKind::kOther;
  std::int64_t items = 0;
  // 供稿单位 with counts, most items first, then by name.
  std::vector<std::pair<std::string, std::int64_t>> by_source;
  bool empty() const { return items == 0; }  // flagged: 本期未更新
};

struct SiteStatistics {
  std::string site_id;
  std::string site_name;
  std::vector<ColumnStatistics> columns;  // in configuration order
  std::int64_t total = 0;
  std::vector<std::string> empty_columns;  // names of columns with no item in the period
};

// One SiteStatistics per site in `sites` (ids, in that order), from the period's listed items.
std::vector<SiteStatistics> ComputeDisclosureStatistics(
    const config::Config& config, const std::vector<const config::Site*>& sites,
    const std::vector<store::ListedItem>& items);

}  // namespace govwatch::report
