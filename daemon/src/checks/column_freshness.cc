#include "checks/column_freshness.h"

#include <string>

namespace govwatch::checks {

std::string ColumnTargetId(const std::string& site_id, const std::string& column_id) {
  return site_id + "/" + column_id;
}

std::optional<int> ColumnStaleDays(const config::Column& column, const config::Profile& profile) {
  if (column.stale_days) return column.stale_days;
  auto it = profile.column_stale_days.find(column.kind);
  if (it == profile.column_stale_days.end()) return std::nullopt;
  return it->second;
}

ColumnCheckResult CheckColumnFreshness(const config::Site& site, const config::Column& column,
                                       const config::Profile& profile, const SourceState& state,
                                       core::Timestamp now) {
  ColumnCheckResult out;
  if (!state.readable) {
    out.result.status = core::CheckStatus::kUnknown;
    out.result.note = "column unreadable: " + state.unreadable_reason;
    out.verdict = ColumnVerdict::kUnknown;
    return out;
  }

  core::Finding finding;
  finding.target_id = ColumnTargetId(site.id, column.id);
  finding.unit_id = site.unit;
  finding.subject = column.id;
  finding.severity = core::Severity::kDeduction;
  finding.evidence_url = column.url;

  const bool blank =
      state.items.empty() && state.items_ever_seen == 0 && !state.stored_last_update;
  if (blank) {
    finding.check = kBlankColumn;
    finding.message = "栏目「" + column.name + "」为空白栏目，从未发布信息";
    out.result.status = core::CheckStatus::kProblem;
    out.result.note = "blank column";
    out.result.findings.push_back(std::move(finding));
    out.verdict = ColumnVerdict::kBlank;
    return out;
  }

  const std::optional<int> stale_days = ColumnStaleDays(column, profile);
  if (!stale_days) {
    out.result.status = core::CheckStatus::kOk;
    out.result.note = "no freshness rule for this column kind";
    out.verdict = ColumnVerdict::kNoRule;
    return out;
  }

  finding.check = kColumnFreshness;
  const std::optional<core::DatedTime> newest =
      NewestUpdate(state.items, state.stored_last_update, /*skip_pinned=*/false);
  if (!newest) {
    finding.message = "栏目「" + column.name + "」的信息均无发布日期，视为未更新";
    out.result.note = "no dated item";
  } else {
    const long days = DaysSinceUpdate(newest->time, now, site.time_zone);
    out.result.note = "updated " + std::to_string(days) + " days ago";
    if (days <= *stale_days) {
      out.result.status = core::CheckStatus::kOk;
      out.verdict = ColumnVerdict::kFresh;
      return out;
    }
    finding.message = "栏目「" + column.name + "」已 " + std::to_string(days) +
                      " 天未更新（最近更新 " + LocalDate(newest->time, site.time_zone) + "）";
    finding.last_update = newest;
  }
  out.result.status = core::CheckStatus::kProblem;
  out.result.findings.push_back(std::move(finding));
  out.verdict = ColumnVerdict::kStale;
  return out;
}

}  // namespace govwatch::checks
