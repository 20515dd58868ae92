// Typos (错别字): a lexicon typo entry (wrong → correct, with weight) found in the text.
// Deduction class. Pure; thread-safe.
#pragma once

#include "checks/content_issue.h"
#include "text/scanner.h"

namespace govwatch::checks {

inline constexpr char kTypo[] = "typo";

// The issue for a match of a kTypo entry: suggestion = correction, category 错别字.
ContentIssue TypoIssue(const text::ScanMatch& match, std::string_view original_text);

}  // namespace govwatch::checks
