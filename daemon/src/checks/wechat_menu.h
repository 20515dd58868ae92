// WeChat bottom menu (local rule of the reference city, DESIGN.md §2 "account interaction"): the
// official account's menu must offer 网上办事 and 互动交流 entries — an entry or sub-entry whose
// name contains one of new_media.service_menu_synonyms / interaction_menu_synonyms — and its
// `view` entries must open. Findings (kDeduction) on the account:
//   subject "menu_service"      no 网上办事 entry (also when the account has no menu at all)
//   subject "menu_interaction"  no 互动交流 entry
//   subject "menu_dead:URL"     a view entry whose URL failed when fetched (one per URL)
//
// Pure function; thread-safe.
#pragma once

#include "checks/account_observation.h"
#include "checks/check_result.h"
#include "config/config.h"

namespace govwatch::checks {

inline constexpr char kWechatMenu[] = "wechat_menu";

// kUnknown when the read failed or the source does not read menus (observation.menu unset).
CheckResult CheckWechatMenu(const config::Account& account,
                            const config::NewMediaSettings& settings,
                            const AccountObservation& observation);

}  // namespace govwatch::checks
