// Weibo profile link (local rule of the reference city, DESIGN.md §2 "account interaction"): a
// government Weibo account's profile must link to a government website — a URL whose host ends
// with one of new_media.government_domains (.gov.cn) — and the link must work (the source
// fetched it; see AccountObservation::link_probes). Findings (kDeduction) on the account:
//   subject "profile_link_missing"  no government link in the profile
//   subject "profile_link_dead"     government links exist, none of them works
// A link the source did not fetch (check_links off) counts as working.
//
// Pure function; thread-safe.
#pragma once

#include "checks/account_observation.h"
#include "checks/check_result.h"
#include "config/config.h"

namespace govwatch::checks {

inline constexpr char kWeiboProfileLink[] = "weibo_profile_link";

// kUnknown when the read failed or the source does not read profiles (observation.profile unset).
CheckResult CheckWeiboProfileLink(const config::Account& account,
                                  const config::NewMediaSettings& settings,
                                  const AccountObservation& observation);

// Whether `url`'s host ends with one of `domains` (".gov.cn" matches "www.nxgy.gov.cn").
bool IsGovernmentUrl(const std::string& url, const std::vector<std::string>& domains);

}  // namespace govwatch::checks
