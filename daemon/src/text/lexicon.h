// Lexicons: the plain-text word lists the content checks match (docs/content-checks.md).
//
// A lexicon directory holds UTF-8 *.txt files; a file's kind comes from its name's prefix:
// typos*.txt, severe*.txt, sensitive*.txt, allow*.txt (so an office adds typos-local.txt). `#`
// starts a comment to end of line, blank lines are ignored, fields are TAB-separated:
//   typos      wrong<TAB>correct[<TAB>weight]                weight in [0,1], default 1.0
//   severe     wrong<TAB>correct<TAB>category[<TAB>severity]  category leader|formulation|
//                                                             division|agency; default veto
//   sensitive  word<TAB>category[<TAB>severity]               default veto for 反动, 暴力恐怖,
//                                                             色情, 赌博; warning otherwise
//   allow      phrase[<TAB>term]                              suppress every match (or only
//                                                             `term`) lying inside `phrase`
// Severities are written veto|deduction|warning|info. Loading reports every bad line at once,
// each as FILE:LINE: message. Pure parsing plus one directory read; no shared state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"

namespace govwatch::text {

enum class LexiconKind { kTypo, kSevere, kSensitive, kAllow };
std::string_view ToString(LexiconKind kind);  // typo, severe_expression, sensitive_word, allow

struct LexiconEntry {
  LexiconKind kind = LexiconKind::kTypo;
  std::string term;        // the wrong term / sensitive word, as written in the file
  std::string correction;  // "" for sensitive words
  std::string category;    // "" for typos; leader/formulation/division/agency; 反动, 色情, …
  core::Severity severity = core::Severity::kDeduction;
  double weight = 1.0;     // typos only; 1.0 otherwise
  std::string source;      // "typos.txt:12"
};

struct AllowRule {
  std::string phrase;
  std::string term;  // "" = every match inside phrase
  std::string source;
};

struct Lexicon {
  std::vector<LexiconEntry> entries;
  std::vector<AllowRule> allow;
};

// The kind of a lexicon file by its name ("typos-local.txt" → kTypo); nullopt for any other name.
std::optional<LexiconKind> LexiconKindOfFile(std::string_view file_name);

// Parses one file's content into `lexicon`; appends "FILE:LINE: message" for every bad line.
void ParseLexiconFile(LexiconKind kind, std::string_view file_name, std::string_view content,
                      Lexicon& lexicon, std::vector<std::string>& errors);

// Reads every *.txt file of `dir` (in name order). Error (all messages, one per line) when the
// directory cannot be read, a *.txt file has no known prefix, or any line is bad; an entry
// repeated with the same meaning is kept once, a term given two different meanings is an error.
core::Result<Lexicon> LoadLexiconDirectory(const std::string& dir);

// Same checks over in-memory files (name, content), for tests and embedding.
core::Result<Lexicon> LoadLexiconFiles(
    const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace govwatch::text
