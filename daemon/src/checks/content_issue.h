// ContentIssue: one occurrence of a content problem in one text — what the four content checks
// (typo, severe_expression, sensitive_word, personal_data) produce per occurrence before
// occurrences are grouped into Findings (content.h) or printed by `govwatch scan-text`.
// Plain value; personal data appears in it only masked.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/model.h"

namespace govwatch::checks {

struct ContentIssue {
  std::string_view check;   // kTypo, kSevereExpression, kSensitiveWord, kPersonalData
  std::size_t begin = 0;    // byte offsets [begin, end) in the scanned text
  std::size_t end = 0;
  std::string wrong;        // the text as found (masked for personal data)
  std::string suggestion;   // the correction; "" when the remedy is to delete or mask
  std::string category;     // lexicon category, or id_number / mobile / bank_card
  std::string category_zh;  // 错别字, 领导人姓名职务, 敏感词（色情）, 身份证号码, …
  core::Severity severity = core::Severity::kInfo;
  double weight = 1.0;      // typo weight; 1.0 otherwise
  bool split = false;       // found across inserted separators (法 轮 功)
};

}  // namespace govwatch::checks
