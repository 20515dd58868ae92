#include "checks/account_freshness.h"

#include <string>

namespace govwatch::checks {

CheckResult CheckAccountFreshness(const config::Account& account, const config::Profile& profile,
                                  const SourceState& feed, core::Timestamp now,
                                  const core::TimeZone& tz) {
  CheckResult result;
  if (!feed.readable) {
    result.status = core::CheckStatus::kUnknown;
    result.note = "account unreadable: " + feed.unreadable_reason;
    return result;
  }

  const std::string who =
      std::string(core::ChineseName(account.platform)) + "「" + account.name + "」";
  core::Finding finding;
  finding.target_id = account.id;
  finding.unit_id = account.unit;
  finding.check = kAccountFreshness;
  finding.evidence_url = account.source.url;

  const std::optional<core::DatedTime> newest =
      NewestUpdate(feed.items, feed.stored_last_update, /*skip_pinned=*/true);
  if (!newest) {
    finding.severity = core::Severity::kVeto;
    finding.message = feed.items.empty() && feed.items_ever_seen == 0
                          ? who + "从未发布信息"
                          : who + "未发现带发布日期的非置顶信息，视为未更新";
    result.status = core::CheckStatus::kProblem;
    result.note = "no dated non-pinned post";
    result.findings.push_back(std::move(finding));
    return result;
  }

  const long days = DaysSinceUpdate(newest->time, now, tz);
  result.note = "posted " + std::to_string(days) + " days ago";
  const int stale_days = account.stale_days.value_or(profile.account_stale_days);
  if (days > stale_days) {
    finding.severity = core::Severity::kVeto;
  } else if (profile.account_warn_days > 0 && days >= profile.account_warn_days) {
    finding.severity = core::Severity::kWarning;
  } else {
    result.status = core::CheckStatus::kOk;
    return result;
  }
  finding.message = who + "已 " + std::to_string(days) + " 天未更新（最近发布 " +
                    LocalDate(newest->time, tz) + "）";
  finding.last_update = newest;
  result.status = core::CheckStatus::kProblem;
  result.findings.push_back(std::move(finding));
  return result;
}

}  // namespace govwatch::checks
