#include "checks/severe_expression.h"

namespace govwatch::checks {

std::string_view SevereCategoryChinese(std::string_view category) {
  if (category == "leader") return "领导人姓名职务";
  if (category == "formulation") return "固定表述";
  if (category == "division") return "行政区划名称";
  if (category == "agency") return "机构名称";
  return category;
}

ContentIssue SevereExpressionIssue(const text::ScanMatch& match, std::string_view original_text) {
  ContentIssue issue;
  issue.check = kSevereExpression;
  issue.begin = match.begin;
  issue.end = match.end;
  issue.wrong = std::string(original_text.substr(match.begin, match.end - match.begin));
  issue.suggestion = match.entry->correction;
  issue.category = match.entry->category;
  issue.category_zh = "严重表述错误（" + std::string(SevereCategoryChinese(issue.category)) + "）";
  issue.severity = match.entry->severity;
  issue.split = match.split;
  return issue;
}

}  // namespace govwatch::checks
