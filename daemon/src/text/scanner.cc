#include "text/scanner.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace govwatch::text {
namespace {

struct Hit {
  std::uint32_t pattern;
  std::uint32_t begin;  // normalised byte offsets
  std::uint32_t end;
};

class HitCollector final : public MatchSink {
 public:
  HitCollector(const std::vector<std::string>& patterns, std::vector<Hit>& hits)
      : patterns_(patterns), hits_(hits) {}
  void OnMatch(std::uint32_t pattern, std::size_t end) override {
    hits_.push_back(Hit{pattern, static_cast<std::uint32_t>(end - patterns_[pattern].size()),
                        static_cast<std::uint32_t>(end)});
  }

 private:
  const std::vector<std::string>& patterns_;
  std::vector<Hit>& hits_;
};

bool IsWhitespace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0xA0 ||
         cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B);
}

bool HasWhitespace(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    if (IsWhitespace(DecodeUtf8(s, i, len))) return true;
    i += len;
  }
  return false;
}

}  // namespace

core::Result<std::unique_ptr<Scanner>> Scanner::Build(Lexicon lexicon,
                                                      std::shared_ptr<const Normalizer> normalizer,
                                                      ScannerOptions options) {
  std::unique_ptr<Scanner> s(new Scanner());
  s->lexicon_ = std::move(lexicon);
  s->normalizer_ = std::move(normalizer);
  s->options_ = options;
  std::unordered_map<std::string, std::uint32_t> index;
  auto pattern = [&](const std::string& text) -> PatternRole& {
    const auto [it, fresh] = index.try_emplace(text, static_cast<std::uint32_t>(s->patterns_.size()));
    if (fresh) {
      s->patterns_.push_back(text);
      s->roles_.emplace_back();
    }
    return s->roles_[it->second];
  };
  std::vector<std::string> errors;
  std::unordered_map<std::string, std::vector<std::uint32_t>> entries_by_term;
  const auto& entries = s->lexicon_.entries;
  s->entry_info_.resize(entries.size());
  for (std::uint32_t i = 0; i < entries.size(); ++i) {
    const LexiconEntry& e = entries[i];
    const std::string term = s->normalizer_->NormalizeTerm(e.term);
    if (term.empty()) {
      errors.push_back(e.source + ": '" + e.term + "' is empty after normalisation");
      continue;
    }
    pattern(term).fires.push_back(i);
    entries_by_term[term].push_back(i);
    s->entry_info_[i].chars = static_cast<std::uint32_t>(CountChars(term));
    for (std::size_t k = 0; k < e.term.size();) {
      std::size_t len = 0;
      const char32_t cp = DecodeUtf8(e.term, k, len);
      if (Normalizer::IsSkippable(Normalizer::FoldWidthAndCase(cp))) {
        s->entry_info_[i].term_has_separator = true;
      }
      k += len;
    }
    // A wrong term inside its own correction (内蒙 in 内蒙古) is correct there.
    if (!e.correction.empty()) {
      const std::string correction = s->normalizer_->NormalizeTerm(e.correction);
      if (correction != term && correction.find(term) != std::string::npos) {
        pattern(correction).suppresses.push_back(i);
      }
    }
  }
  for (const AllowRule& rule : s->lexicon_.allow) {
    const std::string phrase = s->normalizer_->NormalizeTerm(rule.phrase);
    if (phrase.empty()) {
      errors.push_back(rule.source + ": '" + rule.phrase + "' is empty after normalisation");
      continue;
    }
    if (rule.term.empty()) {
      pattern(phrase).suppresses_all = true;
      continue;
    }
    const auto it = entries_by_term.find(s->normalizer_->NormalizeTerm(rule.term));
    if (it == entries_by_term.end()) continue;  // allowing a term no list has: nothing to do
    auto& list = pattern(phrase).suppresses;
    list.insert(list.end(), it->second.begin(), it->second.end());
  }
  if (!errors.empty()) {
    std::string message;
    for (const auto& err : errors) message += (message.empty() ? "" : "\n") + err;
    return core::MakeError(message);
  }
  for (auto& role : s->roles_) std::sort(role.suppresses.begin(), role.suppresses.end());
  for (const auto& p : s->patterns_) s->longest_pattern_ = std::max(s->longest_pattern_, p.size());
  if (s->patterns_.empty()) {
    // An empty lexicon is legal (an office may empty every list). The engines want at least
    // one pattern: give them one with no role, so its rare hits report nothing.
    s->patterns_.push_back(std::string("\xFF\xFE\xFD", 3));
    s->roles_.emplace_back();
  }
  auto matcher = BuildMatcher(options.engine, s->patterns_);
  if (!matcher) return matcher.error();
  s->matcher_ = std::move(*matcher);
  return s;
}

std::vector<ScanMatch> Scanner::Scan(std::string_view text) const {
  std::vector<ScanMatch> out;
  Scan(text, [&](const ScanMatch& m) { out.push_back(m); });
  return out;
}

void Scanner::Scan(std::string_view text,
                   const std::function<void(const ScanMatch&)>& on_match) const {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.size();
    if (text.size() - pos > options_.chunk_bytes) {
      const std::size_t nl = text.find('\n', pos + options_.chunk_bytes);
      if (nl != std::string_view::npos) end = nl + 1;
    }
    ScanChunk(text.substr(pos, end - pos), pos, on_match);
    pos = end;
  }
}

void Scanner::ScanChunk(std::string_view chunk, std::size_t offset,
                        const std::function<void(const ScanMatch&)>& on_match) const {
  const NormalizedText norm = normalizer_->Normalize(chunk);
  std::vector<Hit> hits;
  HitCollector collector(patterns_, hits);
  matcher_->Scan(norm.text, collector);
  if (hits.empty()) return;

  std::vector<Hit> suppressors;
  for (const Hit& h : hits) {
    const PatternRole& role = roles_[h.pattern];
    if (role.suppresses_all || !role.suppresses.empty()) suppressors.push_back(h);
  }
  std::sort(suppressors.begin(), suppressors.end(),
            [](const Hit& a, const Hit& b) { return a.begin < b.begin; });
  auto suppressed = [&](const Hit& h, std::uint32_t entry) {
    // Suppressors starting at or before h.begin, no further back than the longest pattern.
    auto it = std::upper_bound(suppressors.begin(), suppressors.end(), h.begin,
                               [](std::uint32_t b, const Hit& s) { return b < s.begin; });
    while (it != suppressors.begin()) {
      --it;
      if (h.begin - it->begin > longest_pattern_) break;
      if (it->end < h.end) continue;
      const PatternRole& role = roles_[it->pattern];
      if (role.suppresses_all ||
          std::binary_search(role.suppresses.begin(), role.suppresses.end(), entry)) {
        return true;
      }
    }
    return false;
  };

  std::vector<std::pair<ScanMatch, std::uint32_t>> found;
  for (const Hit& h : hits) {
    for (std::uint32_t entry : roles_[h.pattern].fires) {
      const LexiconEntry& e = lexicon_.entries[entry];
      const EntryInfo& info = entry_info_[entry];
      const std::size_t ob = norm.MapBegin(h.begin);
      const std::size_t oe = norm.MapEnd(h.end);
      const bool split = norm.SpansGap(h.begin, h.end);
      if (split && !info.term_has_separator) {
        if (e.kind != LexiconKind::kSensitive) continue;
        if (info.chars < 3 && HasWhitespace(chunk.substr(ob, oe - ob))) continue;
      }
      if (!suppressors.empty() && suppressed(h, entry)) continue;
      found.push_back({ScanMatch{offset + ob, offset + oe, &e, split}, entry});
    }
  }
  const auto by_position = [](const auto& a, const auto& b) {
    if (a.first.begin != b.first.begin) return a.first.begin < b.first.begin;
    if (a.first.end != b.first.end) return a.first.end < b.first.end;
    return a.second < b.second;
  };
  if (!std::is_sorted(found.begin(), found.end(), by_position)) {
    std::sort(found.begin(), found.end(), by_position);
  }
  for (const auto& [m, entry] : found) on_match(m);
}

}  // namespace govwatch::text
