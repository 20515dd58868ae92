#include "checks/interaction_response.h"

#include <set>
#include <string>

#include "checks/column_freshness.h"

namespace govwatch::checks {

CheckResult CheckInteractionResponse(const config::Site& site, const config::Column& column,
                                     const config::Profile& profile,
                                     const std::vector<extract::Message>& messages,
                                     core::Timestamp now) {
  CheckResult result;
  if (messages.empty()) {
    result.status = core::CheckStatus::kUnknown;
    result.note = "no messages could be read";
    return result;
  }
  result.status = core::CheckStatus::kOk;
  const core::TimeZone& tz = site.time_zone;
  const long limit = profile.interaction_unanswered_days;
  const long window = profile.interaction_window_days;
  int in_window = 0;
  std::set<std::string> subjects;
  for (const extract::Message& m : messages) {
    if (!m.submitted_at || *m.submitted_at > now) continue;
    const long age = DaysSinceUpdate(*m.submitted_at, now, tz);
    if (age > window) continue;
    ++in_window;
    const bool open = m.state == extract::ReplyState::kUnanswered ||
                      m.state == extract::ReplyState::kInProgress ||
                      (m.state == extract::ReplyState::kUnknown && !m.replied_at);
    std::string detail;
    if (open) {
      if (age <= limit) continue;
      detail = "至今已 " + std::to_string(age) + " 天未回复（" +
               std::string(extract::ChineseName(m.state)) + "）";
    } else if (m.replied_at) {
      const long waited = DaysSinceUpdate(*m.submitted_at, *m.replied_at, tz);
      if (waited <= limit) continue;
      detail = "于 " + LocalDate(*m.replied_at, tz) + " 才回复，等待 " + std::to_string(waited) +
               " 天";
    } else {
      continue;  // replied, date unknown: cannot say how long it took
    }
    core::Finding f;
    f.target_id = ColumnTargetId(site.id, column.id);
    f.unit_id = site.unit;
    f.check = kInteractionResponse;
    // One finding per message: the store keys open findings by (target, check, subject), so
    // the subject names the message — its URL, else its title and date.
    f.subject = !m.url.empty() ? m.url : m.title + "（" + LocalDate(*m.submitted_at, tz) + "）";
    if (!subjects.insert(f.subject).second) continue;  // the same message listed twice
    f.severity = core::Severity::kVeto;
    f.evidence_url = m.url.empty() ? column.url : m.url;
    f.message = site.name + "“" + column.name + "”栏目留言“" +
                (m.title.empty() ? std::string("（无标题）") : m.title) + "”（" +
                LocalDate(*m.submitted_at, tz) + " 提交）" + detail + "，超过 " +
                std::to_string(limit) + " 天，互动回应差";
    result.findings.push_back(std::move(f));
  }
  if (!result.findings.empty()) result.status = core::CheckStatus::kProblem;
  result.note = std::to_string(result.findings.size()) + " late/unanswered of " +
                std::to_string(in_window) + " message(s) in the window";
  return result;
}

}  // namespace govwatch::checks
