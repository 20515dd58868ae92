#include "checks/typo.h"

namespace govwatch::checks {

ContentIssue TypoIssue(const text::ScanMatch& match, std::string_view original_text) {
  ContentIssue issue;
  issue.check = kTypo;
  issue.begin = match.begin;
  issue.end = match.end;
  issue.wrong = std::string(original_text.substr(match.begin, match.end - match.begin));
  issue.suggestion = match.entry->correction;
  issue.category = "typo";
  issue.category_zh = "错别字";
  issue.severity = match.entry->severity;
  issue.weight = match.entry->weight;
  issue.split = match.split;
  return issue;
}

}  // namespace govwatch::checks
