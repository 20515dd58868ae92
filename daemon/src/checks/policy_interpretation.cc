#include "checks/policy_interpretation.h"

#include <algorithm>
#include <regex>

#include "checks/text_match.h"

namespace govwatch::checks {
namespace {

bool Contains(const std::vector<core::ColumnKind>& kinds, core::ColumnKind kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

bool IsInterpretation(const PolicyArticle& a, const config::Profile& profile) {
  return Contains(profile.interpretation_column_kinds, a.column_kind) ||
         a.title.find("解读") != std::string::npos;
}

std::string DateText(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string UnitName(const std::string& id, const std::vector<config::Unit>& units) {
  for (const auto& u : units) {
    if (u.id == id) return u.name;
  }
  return id;
}

}  // namespace

bool NeedsInterpretation(const std::string& doc_number, const config::Profile& profile) {
  if (doc_number.empty()) return false;
  for (const auto& pattern : profile.interpretation_doc_number_patterns) {
    try {
      if (std::regex_search(doc_number, std::regex(pattern, std::regex::ECMAScript))) return true;
    } catch (const std::regex_error&) {
      // The loader rejects invalid patterns; a hand-built profile's bad pattern matches nothing.
    }
  }
  return false;
}

PolicyInterpretationResult CheckPolicyInterpretation(const std::vector<PolicyArticle>& articles,
                                                     const config::Profile& profile,
                                                     const WorkingDayCalendar& calendar,
                                                     std::chrono::sys_days today,
                                                     const std::vector<config::Unit>& units) {
  PolicyInterpretationResult out;
  out.result.status = core::CheckStatus::kOk;
  // Interpretation candidates with their matching text, keyed once.
  struct Candidate {
    const PolicyArticle* article;
    std::string key;  // MatchKey of title + text
  };
  std::vector<Candidate> candidates;
  for (const auto& a : articles) {
    if (a.day && IsInterpretation(a, profile)) {
      candidates.push_back(Candidate{&a, MatchKey(a.title + "\n" + a.text)});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    return *x.article->day < *y.article->day;
  });
  const int allowed = profile.interpretation_working_days;
  for (const auto& doc : articles) {
    if (!doc.day || !Contains(profile.interpretation_document_kinds, doc.column_kind) ||
        !NeedsInterpretation(doc.doc_number, profile)) {
      continue;
    }
    const std::string number_key = MatchKey(doc.doc_number);
    const std::vector<std::string> title_keys = DocumentTitleKeys(doc.title);
    InterpretationVerdict v;
    v.document = &doc;
    for (const Candidate& c : candidates) {
      if (c.article == &doc) continue;
      bool names = !number_key.empty() && c.key.find(number_key) != std::string::npos;
      for (const auto& k : title_keys) names = names || c.key.find(k) != std::string::npos;
      if (!names) continue;
      v.interpretation = c.article;
      break;  // candidates are by day: the first match is the earliest
    }
    if (v.interpretation != nullptr) {
      const auto at = *v.interpretation->day;
      v.working_days = calendar.WorkingDaysAfter(*doc.day, at);
      v.calendar_days = std::max<long>(0, (at - *doc.day).count());
      v.state = v.working_days <= allowed ? InterpretationVerdict::State::kInterpreted
                                          : InterpretationVerdict::State::kLate;
    } else {
      v.working_days = calendar.WorkingDaysAfter(*doc.day, today);
      v.calendar_days = std::max<long>(0, (today - *doc.day).count());
      v.state = v.working_days <= allowed ? InterpretationVerdict::State::kNotYetDue
                                          : InterpretationVerdict::State::kMissing;
    }
    if (v.state == InterpretationVerdict::State::kLate ||
        v.state == InterpretationVerdict::State::kMissing) {
      core::Finding f;
      f.target_id = doc.target_id;
      f.unit_id = doc.unit_id;
      f.check = kPolicyInterpretation;
      f.subject = doc.doc_number;
      f.severity = core::Severity::kDeduction;
      f.evidence_url = doc.url;
      // Titles that already quote a document (关于印发《…》的通知) are not wrapped again.
      const bool quoted = doc.title.find("《") != std::string::npos;
      const std::string head = (quoted ? doc.title : "《" + doc.title + "》") + "（" + doc.doc_number + "，" +
                               DateText(*doc.day) + "发布，责任单位" +
                               UnitName(doc.unit_id, units) + "）";
      if (v.state == InterpretationVerdict::State::kLate) {
        f.message = head + "的解读于" + DateText(*v.interpretation->day) + "发布，晚于文件 " +
                    std::to_string(v.working_days) + " 个工作日，超过 " +
                    std::to_string(allowed) + " 个工作日的期限";
      } else {
        f.message = head + "未发布政策解读，已 " + std::to_string(v.calendar_days) + " 天（" +
                    std::to_string(v.working_days) + " 个工作日），超过 " +
                    std::to_string(allowed) + " 个工作日的期限";
      }
      out.result.status = core::CheckStatus::kProblem;
      out.result.findings.push_back(std::move(f));
    }
    out.documents.push_back(v);
  }
  return out;
}

}  // namespace govwatch::checks
