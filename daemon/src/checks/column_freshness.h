// Column freshness (栏目更新) and blank columns (空白栏目): DESIGN.md §2.
//
// A column is stale when the days since its newest update exceed the threshold of its
// ColumnKind in the profile (Column::stale_days overrides); kinds without a threshold have no
// freshness rule. A column that has never had an item is blank, whatever its kind, and is not
// also reported as stale. A column with items but no date anywhere counts as not updated.
// Each stale column is a kDeduction finding "column_freshness"; each blank column a kDeduction
// finding "blank_column"; the site-level veto is site_aggregate.h.
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "checks/check_result.h"
#include "config/config.h"

namespace govwatch::checks {

inline constexpr char kColumnFreshness[] = "column_freshness";
inline constexpr char kBlankColumn[] = "blank_column";

// How one column stands, for the site-level aggregation.
enum class ColumnVerdict {
  kUnknown,  // could not be read: counts as neither stale nor blank
  kNoRule,   // has items, but its kind has no freshness threshold
  kFresh,
  kStale,
  kBlank,
};

struct ColumnCheckResult {
  CheckResult result;
  ColumnVerdict verdict = ColumnVerdict::kUnknown;
};

// The column's target id in findings and the store: "site/column".
std::string ColumnTargetId(const std::string& site_id, const std::string& column_id);

// Days after which the column is stale; nullopt when no rule applies.
std::optional<int> ColumnStaleDays(const config::Column& column, const config::Profile& profile);

ColumnCheckResult CheckColumnFreshness(const config::Site& site, const config::Column& column,
                                       const config::Profile& profile, const SourceState& state,
                                       core::Timestamp now);

}  // namespace govwatch::checks
