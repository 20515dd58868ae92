// Site-level veto from column verdicts (DESIGN.md §2): a site is vetoed when it has
//   - >= profile.stale_key_columns_veto stale news/notice/policy columns  ("site_stale_columns",
//     subject "key_columns"),
//   - >= profile.stale_columns_veto stale columns of any kind            ("site_stale_columns",
//     subject "all_columns"),
//   - >= profile.blank_columns_veto blank columns                         ("site_blank_columns").
// One kVeto finding per rule that fires, naming the columns in config order. A threshold <= 0
// disables its rule. Unknown columns count as neither stale nor blank; but when counting them
// as stale/blank would make a rule fire, the result is kUnknown rather than kOk, because the
// site cannot be cleared.
//
// Pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "checks/check_result.h"
#include "checks/column_freshness.h"
#include "config/config.h"

namespace govwatch::checks {

inline constexpr char kSiteStaleColumns[] = "site_stale_columns";
inline constexpr char kSiteBlankColumns[] = "site_blank_columns";

struct ColumnOutcome {
  std::string name;  // 通知公告
  core::ColumnKind kind = core::ColumnKind::kOther;
  ColumnVerdict verdict = ColumnVerdict::kUnknown;
};

// news, notice, policy: the kinds of the stricter aggregated rule.
bool IsKeyColumnKind(core::ColumnKind kind);

CheckResult CheckSiteAggregate(const config::Site& site, const config::Profile& profile,
                               const std::vector<ColumnOutcome>& columns);

}  // namespace govwatch::checks
