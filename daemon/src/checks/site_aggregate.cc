#include "checks/site_aggregate.h"

#include <string>

namespace govwatch::checks {
namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) {
    if (!joined.empty()) joined += "、";
    joined += name;
  }
  return joined;
}

bool Fires(int threshold, size_t count) {
  return threshold > 0 && count >= static_cast<size_t>(threshold);
}

}  // namespace

bool IsKeyColumnKind(core::ColumnKind kind) {
  return kind == core::ColumnKind::kNews || kind == core::ColumnKind::kNotice ||
         kind == core::ColumnKind::kPolicy;
}

CheckResult CheckSiteAggregate(const config::Site& site, const config::Profile& profile,
                               const std::vector<ColumnOutcome>& columns) {
  std::vector<std::string> stale_key, stale_all, blank;
  size_t unknown_key = 0, unknown_all = 0;
  for (const ColumnOutcome& column : columns) {
    switch (column.verdict) {
      case ColumnVerdict::kStale:
        stale_all.push_back(column.name);
        if (IsKeyColumnKind(column.kind)) stale_key.push_back(column.name);
        break;
      case ColumnVerdict::kBlank:
        blank.push_back(column.name);
        break;
      case ColumnVerdict::kUnknown:
        ++unknown_all;
        if (IsKeyColumnKind(column.kind)) ++unknown_key;
        break;
      case ColumnVerdict::kNoRule:
      case ColumnVerdict::kFresh:
        break;
    }
  }

  CheckResult result;
  auto add = [&](const char* check, const char* subject, std::string message) {
    core::Finding finding;
    finding.target_id = site.id;
    finding.unit_id = site.unit;
    finding.check = check;
    finding.subject = subject;
    finding.severity = core::Severity::kVeto;
    finding.message = std::move(message);
    finding.evidence_url = site.homepage;
    result.findings.push_back(std::move(finding));
  };
  if (Fires(profile.stale_key_columns_veto, stale_key.size())) {
    add(kSiteStaleColumns, "key_columns",
        "网站有 " + std::to_string(stale_key.size()) +
            " 个动态、通知公告、政策文件类栏目超过更新期限：" + JoinNames(stale_key));
  }
  if (Fires(profile.stale_columns_veto, stale_all.size())) {
    add(kSiteStaleColumns, "all_columns",
        "网站有 " + std::to_string(stale_all.size()) + " 个栏目超过更新期限：" +
            JoinNames(stale_all));
  }
  if (Fires(profile.blank_columns_veto, blank.size())) {
    add(kSiteBlankColumns, "",
        "网站有 " + std::to_string(blank.size()) + " 个空白栏目：" + JoinNames(blank));
  }

  result.note = std::to_string(stale_key.size()) + " stale key columns, " +
                std::to_string(stale_all.size()) + " stale columns, " +
                std::to_string(blank.size()) + " blank columns, " +
                std::to_string(unknown_all) + " unknown";
  if (!result.findings.empty()) {
    result.status = core::CheckStatus::kProblem;
  } else if (Fires(profile.stale_key_columns_veto, stale_key.size() + unknown_key) ||
             Fires(profile.stale_columns_veto, stale_all.size() + unknown_all) ||
             Fires(profile.blank_columns_veto, blank.size() + unknown_all)) {
    result.status = core::CheckStatus::kUnknown;
  } else {
    result.status = core::CheckStatus::kOk;
  }
  return result;
}

}  // namespace govwatch::checks
