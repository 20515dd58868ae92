// Policy interpretation (应解读未解读, DESIGN.md §2): a policy document that needs an
// interpretation and has none published within N working days.
//
//   - Needs one: an article read in a column of a profile.interpretation_document_kinds kind whose
//     文号 matches one of profile.interpretation_doc_number_patterns (default "规": a 规范性文件
//     such as 固政规发〔2021〕3号 or 固政办规发〔2021〕1号).
//   - Interpreted by: an article in a column of a profile.interpretation_column_kinds kind, or
//     any article titled with 解读, whose title or text names the document's 文号 or one of its
//     titles (DocumentTitleKeys: the quoted 《…》 title, the title without its issuer and
//     "印发…的通知" wrapper), compared as MatchKey texts (punctuation, bracket variants, spaces and
//     full-width digits do not matter).
//   - In time: published no later than profile.interpretation_working_days working days after
//     the document's day (WorkingDayCalendar; an interpretation published the same day or
//     before counts, since 同步解读 is the rule).
//   - Not yet due: fewer working days than that have passed since the document (no finding).
// Dates are civil days in the site's zone, computed by the caller.
//
// Pure function of its arguments; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "checks/check_result.h"
#include "checks/working_days.h"
#include "config/config.h"
#include "core/model.h"

namespace govwatch::checks {

inline constexpr char kPolicyInterpretation[] = "policy_interpretation";

// One article as this check sees it.
struct PolicyArticle {
  std::string target_id;  // the column target that listed it
  std::string unit_id;    // responsible unit: the matched 来源, else the site's unit
  core::ColumnKind column_kind = core::ColumnKind::kOther;
  std::string url;
  std::string title;
  std::string doc_number;  // as extracted; "" when none
  std::string text;
  std::optional<std::chrono::sys_days> day;  // publish day; undated articles are skipped
};

// The verdict on one document that needs an interpretation.
struct InterpretationVerdict {
  enum class State { kInterpreted, kLate, kMissing, kNotYetDue };
  const PolicyArticle* document = nullptr;
  State state = State::kMissing;
  const PolicyArticle* interpretation = nullptr;  // kInterpreted / kLate: the earliest match
  int working_days = 0;   // kInterpreted/kLate: doc → interpretation; else doc → today
  long calendar_days = 0;  // the same span in calendar days
};

struct PolicyInterpretationResult {
  std::vector<InterpretationVerdict> documents;  // in the order of `articles`
  CheckResult result;  // kOk, or kProblem with a finding per kLate / kMissing document
};

// `unit_names` resolves unit ids to the names findings print (a missing id prints as given).
// The patterns are ECMAScript regexes; an invalid one is skipped (the loader rejects them).
PolicyInterpretationResult CheckPolicyInterpretation(
    const std::vector<PolicyArticle>& articles, const config::Profile& profile,
    const WorkingDayCalendar& calendar, std::chrono::sys_days today,
    const std::vector<config::Unit>& units);

// Whether `doc_number` needs an interpretation under the profile's patterns.
bool NeedsInterpretation(const std::string& doc_number, const config::Profile& profile);

}  // namespace govwatch::checks
