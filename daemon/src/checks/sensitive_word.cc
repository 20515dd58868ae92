#include "checks/sensitive_word.h"

namespace govwatch::checks {

ContentIssue SensitiveWordIssue(const text::ScanMatch& match, std::string_view original_text) {
  ContentIssue issue;
  issue.check = kSensitiveWord;
  issue.begin = match.begin;
  issue.end = match.end;
  issue.wrong = std::string(original_text.substr(match.begin, match.end - match.begin));
  issue.category = match.entry->category;
  issue.category_zh = "敏感词（" + match.entry->category + "）";
  issue.severity = match.entry->severity;
  issue.split = match.split;
  return issue;
}

}  // namespace govwatch::checks
