// Account freshness (政务新媒体更新): DESIGN.md §2 — no post for more than account_stale_days
// (national 14, 固原 7; Account::stale_days overrides) is a veto; from account_warn_days a
// warning (0 disables). The newest post is the latest date over non-pinned items (置顶 posts are
// old posts shown first) and the stored history.
//
// Pure function; thread-safe.
#pragma once

#include "checks/check_result.h"
#include "config/config.h"

namespace govwatch::checks {

inline constexpr char kAccountFreshness[] = "account_freshness";

// `tz` is the zone dates are shown in (accounts have none of their own; default Asia/Shanghai).
// kUnknown (no finding) when the feed could not be read. Otherwise one finding on the account
// (subject "") when stale (kVeto), in the warning window (kWarning), or when no dated
// non-pinned post exists (kVeto; the message says the account never posted when nothing at all
// was ever seen).
CheckResult CheckAccountFreshness(const config::Account& account, const config::Profile& profile,
                                  const SourceState& feed, core::Timestamp now,
                                  const core::TimeZone& tz);

}  // namespace govwatch::checks
