// Closed but not deregistered (关停未注销): DESIGN.md §2. The account's newest post (or a pinned
// post at least as new) announces its closure — text containing one of
// new_media.closure_phrases (关停, 停止更新, 停更, 不再更新, 迁移至 …) — while the account is still
// reachable (this read succeeded). One finding (kDeduction) dated with the announcement.
//
// Pure function; thread-safe.
#pragma once

#include "checks/account_observation.h"
#include "checks/check_result.h"
#include "config/config.h"
#include "core/time_zone.h"

namespace govwatch::checks {

inline constexpr char kAccountClosed[] = "account_closed";

// kUnknown when the read failed; kOk when no post announces closure.
CheckResult CheckAccountClosed(const config::Account& account,
                               const config::NewMediaSettings& settings,
                               const AccountObservation& observation, const core::TimeZone& tz);

}  // namespace govwatch::checks
