#include "text/lexicon.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "text/normalize.h"

namespace govwatch::text {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos
                                                                       : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<core::Severity> ParseSeverity(std::string_view s) {
  if (s == "veto") return core::Severity::kVeto;
  if (s == "deduction") return core::Severity::kDeduction;
  if (s == "warning") return core::Severity::kWarning;
  if (s == "info") return core::Severity::kInfo;
  return std::nullopt;
}

std::optional<double> ParseWeight(std::string_view s) {
  if (s.empty() || s.size() > 16) return std::nullopt;
  std::string text(s);
  std::istringstream in(text);
  in.imbue(std::locale::classic());
  double w = 0;
  in >> w;
  if (in.fail() || !in.eof() || w < 0 || w > 1) return std::nullopt;
  return w;
}

bool IsDefaultVetoCategory(std::string_view category) {
  return category == "反动" || category == "暴力恐怖" || category == "色情" || category == "赌博";
}

constexpr std::string_view kSevereCategories[] = {"leader", "formulation", "division", "agency"};

}  // namespace

std::string_view ToString(LexiconKind kind) {
  switch (kind) {
    case LexiconKind::kTypo: return "typo";
    case LexiconKind::kSevere: return "severe_expression";
    case LexiconKind::kSensitive: return "sensitive_word";
    case LexiconKind::kAllow: return "allow";
  }
  return "?";
}

std::optional<LexiconKind> LexiconKindOfFile(std::string_view name) {
  if (!name.ends_with(".txt")) return std::nullopt;
  if (name.starts_with("typos")) return LexiconKind::kTypo;
  if (name.starts_with("severe")) return LexiconKind::kSevere;
  if (name.starts_with("sensitive")) return LexiconKind::kSensitive;
  if (name.starts_with("allow")) return LexiconKind::kAllow;
  return std::nullopt;
}

void ParseLexiconFile(LexiconKind kind, std::string_view file_name, std::string_view content,
                      Lexicon& lexicon, std::vector<std::string>& errors) {
  std::size_t line_no = 0;
  std::size_t pos = 0;
  if (content.starts_with("\xEF\xBB\xBF")) pos = 3;  // a BOM from Windows editors
  while (pos < content.size()) {
    std::size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    const std::string where = std::string(file_name) + ":" + std::to_string(line_no);
    auto fail = [&](const std::string& message) { errors.push_back(where + ": " + message); };
    if (!IsValidUtf8(line)) {
      fail("not valid UTF-8");
      continue;
    }
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    // Trailing whitespace (and tabs) after a comment is not an empty field.
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    if (Trim(line).empty()) continue;
    std::vector<std::string_view> f = SplitTabs(line);
    for (auto& field : f) field = Trim(field);
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (f[i].empty()) {
        fail("field " + std::to_string(i + 1) + " is empty (fields are separated by one TAB)");
        f.clear();
        break;
      }
    }
    if (f.empty()) continue;
    LexiconEntry e;
    e.kind = kind;
    e.source = where;
    switch (kind) {
      case LexiconKind::kTypo: {
        if (f.size() < 2 || f.size() > 3) {
          fail("expected wrong<TAB>correct[<TAB>weight], got " + std::to_string(f.size()) +
               " field(s)");
          continue;
        }
        e.term = f[0];
        e.correction = f[1];
        e.severity = core::Severity::kDeduction;
        if (f.size() == 3) {
          const auto w = ParseWeight(f[2]);
          if (!w) {
            fail("weight must be a number from 0 to 1, got '" + std::string(f[2]) + "'");
            continue;
          }
          e.weight = *w;
        }
        break;
      }
      case LexiconKind::kSevere: {
        if (f.size() < 3 || f.size() > 4) {
          fail("expected wrong<TAB>correct<TAB>category[<TAB>severity], got " +
               std::to_string(f.size()) + " field(s)");
          continue;
        }
        e.term = f[0];
        e.correction = f[1];
        e.category = f[2];
        if (std::find(std::begin(kSevereCategories), std::end(kSevereCategories), f[2]) ==
            std::end(kSevereCategories)) {
          fail("unknown category '" + e.category +
               "' (expected leader, formulation, division or agency)");
          continue;
        }
        e.severity = core::Severity::kVeto;
        if (f.size() == 4) {
          const auto s = ParseSeverity(f[3]);
          if (!s) {
            fail("unknown severity '" + std::string(f[3]) +
                 "' (expected veto, deduction, warning or info)");
            continue;
          }
          e.severity = *s;
        }
        break;
      }
      case LexiconKind::kSensitive: {
        if (f.size() < 2 || f.size() > 3) {
          fail("expected word<TAB>category[<TAB>severity], got " + std::to_string(f.size()) +
               " field(s)");
          continue;
        }
        e.term = f[0];
        e.category = f[1];
        e.severity = IsDefaultVetoCategory(e.category) ? core::Severity::kVeto
                                                       : core::Severity::kWarning;
        if (f.size() == 3) {
          const auto s = ParseSeverity(f[2]);
          if (!s) {
            fail("unknown severity '" + std::string(f[2]) +
                 "' (expected veto, deduction, warning or info)");
            continue;
          }
          e.severity = *s;
        }
        break;
      }
      case LexiconKind::kAllow: {
        if (f.size() > 2) {
          fail("expected phrase[<TAB>term], got " + std::to_string(f.size()) + " fields");
          continue;
        }
        AllowRule rule{std::string(f[0]), f.size() == 2 ? std::string(f[1]) : std::string(),
                       where};
        if (!rule.term.empty() && rule.phrase.find(rule.term) == std::string::npos) {
          fail("term '" + rule.term + "' does not occur in phrase '" + rule.phrase + "'");
          continue;
        }
        lexicon.allow.push_back(std::move(rule));
        continue;
      }
    }
    if (!e.correction.empty() && e.correction == e.term) {
      fail("the correction equals the wrong term '" + e.term + "'");
      continue;
    }
    lexicon.entries.push_back(std::move(e));
  }
}

core::Result<Lexicon> LoadLexiconFiles(
    const std::vector<std::pair<std::string, std::string>>& files) {
  Lexicon raw;
  std::vector<std::string> errors;
  for (const auto& [name, content] : files) {
    const std::string base = std::filesystem::path(name).filename().string();
    const auto kind = LexiconKindOfFile(base);
    if (!kind) {
      errors.push_back(name +
                       ": unknown lexicon file (the name must start with typos, severe, "
                       "sensitive or allow and end with .txt)");
      continue;
    }
    ParseLexiconFile(*kind, name, content, raw, errors);
  }
  // One meaning per (kind, term): repeats are merged, contradictions reported with both places.
  Lexicon lexicon;
  lexicon.allow = std::move(raw.allow);
  std::map<std::pair<LexiconKind, std::string>, std::size_t> seen;
  for (auto& e : raw.entries) {
    const auto [it, fresh] = seen.try_emplace({e.kind, e.term}, lexicon.entries.size());
    if (fresh) {
      lexicon.entries.push_back(std::move(e));
      continue;
    }
    const LexiconEntry& first = lexicon.entries[it->second];
    if (std::tie(first.correction, first.category, first.severity, first.weight) !=
        std::tie(e.correction, e.category, e.severity, e.weight)) {
      errors.push_back(e.source + ": '" + e.term + "' is already defined differently at " +
                       first.source);
    }
  }
  if (!errors.empty()) {
    std::string message;
    for (const auto& err : errors) {
      if (!message.empty()) message += '\n';
      message += err;
    }
    return core::MakeError(message);
  }
  return lexicon;
}

core::Result<Lexicon> LoadLexiconDirectory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return core::MakeError(dir + ": not a lexicon directory (" +
                           (ec ? ec.message() : std::string("no such directory")) + ")");
  }
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.ends_with(".txt") && !it->is_directory()) names.push_back(name);
  }
  if (ec) return core::MakeError(dir + ": cannot list directory: " + ec.message());
  std::sort(names.begin(), names.end());
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& name : names) {
    const std::string path = (fs::path(dir) / name).string();
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::MakeError(path + ": cannot read");
    files.emplace_back(path, std::string((std::istreambuf_iterator<char>(in)),
                                         std::istreambuf_iterator<char>()));
  }
  return LoadLexiconFiles(files);
}

}  // namespace govwatch::text
