// Content checks of one article or post: typos, severe expression errors, sensitive words and
// personal data (DESIGN.md §2 "content: …"), and the entry point the daemon calls for every new
// article: CheckArticleContent.
//
// Findings follow the reference notice's annex 6 "错别字列表" (错误 / 建议 / 位置 / 链接): one
// Finding per (article, check, wrong term), subject "<url>#<term>" (stable across runs, so an
// alert follows the term), message in Chinese:
//   错误：宁夏自治区；建议：宁夏回族自治区；类别：严重表述错误（行政区划名称）；
//   位置：正文第3行第12字，“……位于【宁夏自治区】南部……”（共2处）；链接：https://…
// The same parts are in Finding::details under the keys wrong, suggestion, category, position
// (正文第3行第12字 / 标题第5字), snippet and count (occurrences in the article).
// Personal numbers appear masked everywhere, snippets of other findings included.
// Pure functions; thread-safe as long as the Scanner is (it is immutable).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checks/content_issue.h"
#include "core/model.h"
#include "core/time.h"
#include "text/scanner.h"

namespace govwatch::checks {

// What the content checks read of an article or post.
struct ArticleText {
  std::string target_id;  // site/column or account id
  std::string unit_id;
  std::string url;        // the article's URL (evidence and subject)
  std::string title;
  std::string text;       // plain text of the body, paragraphs separated by newlines
};

// Every issue in `text` (lexicon matches and personal data), ordered by begin offset.
std::vector<ContentIssue> FindContentIssues(const text::Scanner& scanner, std::string_view text,
                                            core::Timestamp now);

// 1-based line and column (in characters) of a byte offset, and its 0-based character offset.
struct TextLocation {
  std::size_t line = 1;
  std::size_t column = 1;
  std::size_t char_offset = 0;
};
TextLocation LocateByte(std::string_view text, std::size_t byte);

// Up to `context_chars` characters either side of [begin, end) on the same line, with the match
// in 【】 and "……" where the line goes on; personal numbers masked.
std::string MakeSnippet(std::string_view text, std::size_t begin, std::size_t end,
                        core::Timestamp now, std::size_t context_chars = 12);

// The findings of one article: title and body scanned, issues grouped per (check, term).
std::vector<core::Finding> CheckArticleContent(const text::Scanner& scanner,
                                               const ArticleText& article, core::Timestamp now);

}  // namespace govwatch::checks
