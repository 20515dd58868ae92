// Severe expression errors (严重表述错误): leaders' names, titles and order written wrong, fixed
// political formulations written wrong, wrong names of administrative divisions, and agency
// names made obsolete by the 2018 State Council reform (warnings). Veto class by default; the
// lexicon entry may lower it. Pure; thread-safe.
#pragma once

#include <string_view>

#include "checks/content_issue.h"
#include "text/scanner.h"

namespace govwatch::checks {

inline constexpr char kSevereExpression[] = "severe_expression";

// 领导人姓名职务 / 固定表述 / 行政区划名称 / 机构名称 for leader / formulation / division / agency.
std::string_view SevereCategoryChinese(std::string_view category);

// The issue for a match of a kSevere entry: suggestion = correction.
ContentIssue SevereExpressionIssue(const text::ScanMatch& match, std::string_view original_text);

}  // namespace govwatch::checks
