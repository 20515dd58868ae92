// Commercial content (商业广告 / 违法链接): posts that link to commercial or illegal sites — a
// link whose host contains one of new_media.commercial_domains (shops, gambling, …). Government
// hosts (new_media.government_domains) never match. One finding (kDeduction) per offending
// host, subject "commercial:HOST", naming the first post that carries it.
//
// Pure function; thread-safe.
#pragma once

#include "checks/account_observation.h"
#include "checks/check_result.h"
#include "config/config.h"

namespace govwatch::checks {

inline constexpr char kAccountCommercial[] = "account_commercial";

// kUnknown when the read failed.
CheckResult CheckAccountCommercial(const config::Account& account,
                                   const config::NewMediaSettings& settings,
                                   const AccountObservation& observation);

}  // namespace govwatch::checks
