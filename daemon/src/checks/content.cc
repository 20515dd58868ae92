#include "checks/content.h"

#include <algorithm>
#include <map>

#include "checks/personal_data.h"
#include "checks/sensitive_word.h"
#include "checks/severe_expression.h"
#include "checks/typo.h"
#include "text/normalize.h"

namespace govwatch::checks {
namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Steps back `chars` characters from `pos`, not past `floor`.
std::size_t BackChars(std::string_view s, std::size_t pos, std::size_t chars, std::size_t floor) {
  while (chars > 0 && pos > floor) {
    --pos;
    while (pos > floor && IsContinuation(s[pos])) --pos;
    --chars;
  }
  return pos;
}

std::size_t ForwardChars(std::string_view s, std::size_t pos, std::size_t chars,
                         std::size_t ceiling) {
  while (chars > 0 && pos < ceiling) {
    ++pos;
    while (pos < ceiling && IsContinuation(s[pos])) ++pos;
    --chars;
  }
  return pos;
}

std::string Position(bool in_title, const TextLocation& loc) {
  if (in_title) return "标题第" + std::to_string(loc.column) + "字";
  return "正文第" + std::to_string(loc.line) + "行第" + std::to_string(loc.column) + "字";
}

std::string Remedy(const ContentIssue& issue) {
  if (!issue.suggestion.empty()) return issue.suggestion;
  if (issue.check == std::string_view(kPersonalData)) return "删除或隐去该号码";
  return "删除或修改";
}

}  // namespace

std::vector<ContentIssue> FindContentIssues(const text::Scanner& scanner, std::string_view text,
                                            core::Timestamp now) {
  std::vector<ContentIssue> issues;
  scanner.Scan(text, [&](const text::ScanMatch& m) {
    switch (m.entry->kind) {
      case text::LexiconKind::kTypo: issues.push_back(TypoIssue(m, text)); break;
      case text::LexiconKind::kSevere: issues.push_back(SevereExpressionIssue(m, text)); break;
      case text::LexiconKind::kSensitive: issues.push_back(SensitiveWordIssue(m, text)); break;
      case text::LexiconKind::kAllow: break;
    }
  });
  for (auto& issue : PersonalDataIssues(text, now)) issues.push_back(std::move(issue));
  std::stable_sort(issues.begin(), issues.end(), [](const ContentIssue& a, const ContentIssue& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  return issues;
}

TextLocation LocateByte(std::string_view text, std::size_t byte) {
  TextLocation loc;
  byte = std::min(byte, text.size());
  for (std::size_t i = 0; i < byte; ++i) {
    if (IsContinuation(text[i])) continue;
    ++loc.char_offset;
    if (text[i] == '\n') {
      ++loc.line;
      loc.column = 1;
    } else {
      ++loc.column;
    }
  }
  return loc;
}

std::string MakeSnippet(std::string_view text, std::size_t begin, std::size_t end,
                        core::Timestamp now, std::size_t context_chars) {
  const std::size_t line_begin = [&] {
    const std::size_t nl = begin == 0 ? std::string_view::npos : text.rfind('\n', begin - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
  }();
  const std::size_t line_end = [&] {
    const std::size_t nl = text.find('\n', end);
    return nl == std::string_view::npos ? text.size() : nl;
  }();
  std::size_t from = BackChars(text, begin, context_chars, line_begin);
  std::size_t to = ForwardChars(text, end, context_chars, line_end);
  // Never cut a personal number in half: a cut number would escape the mask.
  const std::string_view line = text.substr(line_begin, line_end - line_begin);
  for (const auto& p : FindPersonalData(line, now)) {
    const std::size_t pb = line_begin + p.begin;
    const std::size_t pe = line_begin + p.end;
    if (pb < from && pe > from) from = pb;
    if (pb < to && pe > to) to = pe;
  }
  std::string out;
  if (from > line_begin) out += "……";
  out += MaskPersonalData(text.substr(from, begin - from), now);
  out += "【";
  out += MaskPersonalData(text.substr(begin, end - begin), now);
  out += "】";
  out += MaskPersonalData(text.substr(end, to - end), now);
  if (to < line_end) out += "……";
  // Tabs and carriage returns would break table output and e-mails.
  std::replace(out.begin(), out.end(), '\t', ' ');
  std::replace(out.begin(), out.end(), '\r', ' ');
  return out;
}

std::vector<core::Finding> CheckArticleContent(const text::Scanner& scanner,
                                               const ArticleText& article, core::Timestamp now) {
  struct Group {
    ContentIssue first;
    bool in_title = false;
    std::string first_position;
    std::string snippet;
    std::size_t count = 0;
    std::size_t order = 0;
  };
  std::map<std::pair<std::string, std::string>, Group> groups;
  std::size_t order = 0;
  auto add = [&](std::string_view text, bool in_title) {
    for (auto& issue : FindContentIssues(scanner, text, now)) {
      auto [it, fresh] = groups.try_emplace({std::string(issue.check), issue.wrong});
      Group& g = it->second;
      ++g.count;
      if (!fresh) continue;
      g.in_title = in_title;
      g.first_position = Position(in_title, LocateByte(text, issue.begin));
      g.snippet = MakeSnippet(text, issue.begin, issue.end, now);
      g.order = order++;
      g.first = std::move(issue);
    }
  };
  add(article.title, true);
  add(article.text, false);

  std::vector<const Group*> ordered;
  for (const auto& [key, g] : groups) ordered.push_back(&g);
  std::sort(ordered.begin(), ordered.end(),
            [](const Group* a, const Group* b) { return a->order < b->order; });
  std::vector<core::Finding> findings;
  for (const Group* g : ordered) {
    core::Finding f;
    f.target_id = article.target_id;
    f.unit_id = article.unit_id;
    f.check = std::string(g->first.check);
    f.subject = article.url + "#" + g->first.wrong;
    f.severity = g->first.severity;
    f.evidence_url = article.url;
    f.message = "错误：" + g->first.wrong + "；建议：" + Remedy(g->first) + "；类别：" +
                g->first.category_zh + "；位置：" + g->first_position + "，“" + g->snippet + "”";
    if (g->count > 1) f.message += "（共" + std::to_string(g->count) + "处）";
    f.message += "；链接：" + article.url;
    // The same parts, labelled, for tables (report annex 6) — no reader parses the message.
    f.details = {{"wrong", g->first.wrong},
                 {"suggestion", Remedy(g->first)},
                 {"category", g->first.category_zh},
                 {"position", g->first_position},
                 {"snippet", g->snippet},
                 {"count", std::to_string(g->count)}};
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace govwatch::checks
