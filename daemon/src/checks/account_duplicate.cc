#include "checks/account_duplicate.h"

namespace govwatch::checks {

CheckResult CheckAccountDuplicate(const config::Account& account,
                                  const std::vector<config::Account>& all_accounts,
                                  const std::string& unit_name) {
  CheckResult result;
  result.status = core::CheckStatus::kOk;
  if (account.platform == core::Platform::kOther) {
    result.note = "platform other is not judged";
    return result;
  }
  std::vector<const config::Account*> others;
  for (const config::Account& other : all_accounts) {
    if (other.id != account.id && other.unit == account.unit &&
        other.platform == account.platform) {
      others.push_back(&other);
    }
  }
  if (others.empty()) return result;
  std::string names;
  for (const config::Account* other : others) {
    names += (names.empty() ? "「" : "、「") + other->name + "」";
  }
  core::Finding f;
  f.target_id = account.id;
  f.unit_id = account.unit;
  f.check = kAccountDuplicate;
  f.severity = core::Severity::kInfo;
  f.evidence_url = account.source.url;
  f.message = (unit_name.empty() ? account.unit : unit_name) + "在" +
              std::string(core::ChineseName(account.platform)) + "开设多个账号：「" +
              account.name + "」与" + names +
              "，同一单位原则上在同一平台只开设一个账号（国办发〔2018〕123号）";
  result.status = core::CheckStatus::kProblem;
  result.note = std::to_string(others.size() + 1) + " accounts on one platform";
  result.findings.push_back(std::move(f));
  return result;
}

}  // namespace govwatch::checks
