// One unit, one account per platform (国办发〔2018〕123号《关于推进政务新媒体健康有序发展的意见》:
// 同一单位原则上在同一平台只开设一个账号). Every account of a unit that has several accounts on the
// same platform gets one info finding naming the others. Platform "other" is not judged (it
// lumps different platforms together).
//
// Pure function of the configuration; thread-safe.
#pragma once

#include <vector>

#include "checks/check_result.h"
#include "config/config.h"

namespace govwatch::checks {

inline constexpr char kAccountDuplicate[] = "account_duplicate";

// kOk when `account` is its unit's only account on its platform. `unit_name` is shown in the
// message ("" → the unit id).
CheckResult CheckAccountDuplicate(const config::Account& account,
                                  const std::vector<config::Account>& all_accounts,
                                  const std::string& unit_name);

}  // namespace govwatch::checks
