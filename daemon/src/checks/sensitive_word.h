// Sensitive words (敏感词) by category (反动, 暴力恐怖, 色情, 赌博, 涉枪涉爆, 毒品, 非法网址, …),
// also when split by inserted spaces or symbols. Veto for 反动/暴力恐怖/色情/赌博 by default,
// warning otherwise (the lexicon decides). The remedy is deletion, so there is no suggestion.
// Pure; thread-safe.
#pragma once

#include "checks/content_issue.h"
#include "text/scanner.h"

namespace govwatch::checks {

inline constexpr char kSensitiveWord[] = "sensitive_word";

ContentIssue SensitiveWordIssue(const text::ScanMatch& match, std::string_view original_text);

}  // namespace govwatch::checks
