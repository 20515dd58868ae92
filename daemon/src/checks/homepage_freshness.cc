#include "checks/homepage_freshness.h"

#include <optional>
#include <string>

namespace govwatch::checks {

CheckResult CheckHomepageFreshness(const config::Site& site, const config::Profile& profile,
                                   const SourceState& homepage, core::Timestamp now) {
  CheckResult result;
  if (!homepage.readable) {
    result.status = core::CheckStatus::kUnknown;
    result.note = "homepage unreadable: " + homepage.unreadable_reason;
    return result;
  }

  std::optional<core::DatedTime> stored = homepage.stored_last_update;
  if (stored && stored->provenance == core::DateProvenance::kFirstSeen) stored.reset();
  const std::optional<core::DatedTime> newest =
      NewestUpdate(homepage.items, stored, /*skip_pinned=*/false);

  core::Finding finding;
  finding.target_id = site.id;
  finding.unit_id = site.unit;
  finding.check = kHomepageFreshness;
  finding.evidence_url = site.homepage;

  if (!newest) {
    finding.severity = core::Severity::kVeto;
    finding.message = homepage.items.empty() && homepage.items_ever_seen == 0
                          ? "首页未发现任何信息，视为未更新"
                          : "首页信息均无发布日期，视为未更新";
    result.status = core::CheckStatus::kProblem;
    result.note = "no dated item on the homepage";
    result.findings.push_back(std::move(finding));
    return result;
  }

  const long days = DaysSinceUpdate(newest->time, now, site.time_zone);
  const int stale_days = site.homepage_stale_days.value_or(profile.homepage_stale_days);
  const int warn_days = profile.homepage_warn_days;
  if (days > stale_days) {
    finding.severity = core::Severity::kVeto;
  } else if (warn_days > 0 && days >= warn_days) {
    finding.severity = core::Severity::kWarning;
  } else {
    result.status = core::CheckStatus::kOk;
    result.note = "updated " + std::to_string(days) + " days ago";
    return result;
  }
  finding.message = "首页已 " + std::to_string(days) + " 天未更新（最近更新 " +
                    LocalDate(newest->time, site.time_zone) + "）";
  finding.last_update = newest;
  result.status = core::CheckStatus::kProblem;
  result.note = "updated " + std::to_string(days) + " days ago";
  result.findings.push_back(std::move(finding));
  return result;
}

}  // namespace govwatch::checks
