// Scanner: every lexicon match in a text, with original byte offsets, after allow-list and
// own-correction suppression.
//
// Built once per lexicon load: every entry's term, every allow phrase and every correction that
// contains its own wrong term (内蒙古 for 内蒙) are normalised (normalize.h) and compiled into one
// Matcher. A scan normalises the text line-chunk by line-chunk, runs the matcher once and keeps:
//   - typo / severe matches whose characters are adjacent in the original (or whose term itself
//     holds a separator);
//   - sensitive matches also when separators were inserted between characters (法 轮 功) — for
//     two-character words only when the separator is a symbol, not whitespace, because "特色 情况"
//     in a table must not read as 色情;
// minus every match lying inside an occurrence of an allow phrase (all terms, or the one term it
// names) or inside an occurrence of its own correction.
// Thread-safety: immutable after Build; Scan may be called concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "text/lexicon.h"
#include "text/matcher.h"
#include "text/normalize.h"

namespace govwatch::text {

struct ScanMatch {
  std::size_t begin = 0;  // original byte offsets [begin, end)
  std::size_t end = 0;
  const LexiconEntry* entry = nullptr;  // owned by the Scanner
  bool split = false;                   // separators were skipped inside the match
};

struct ScannerOptions {
  MatcherEngine engine = MatcherEngine::kHyperscan;  // measured faster: docs/content-checks.md
  // Text is normalised and scanned in pieces of about this size, cut after a newline (no match
  // crosses a newline), so memory stays bounded on large inputs.
  std::size_t chunk_bytes = 1 << 20;
};

class Scanner {
 public:
  // Error when a term normalises to nothing (e.g. "***") or the matcher cannot be built.
  static core::Result<std::unique_ptr<Scanner>> Build(Lexicon lexicon,
                                                      std::shared_ptr<const Normalizer> normalizer,
                                                      ScannerOptions options = {});

  // Every match in `text`, ordered by (begin, end, entry order).
  std::vector<ScanMatch> Scan(std::string_view text) const;
  // The same matches, delivered chunk by chunk (ordered within a chunk) without collecting them.
  void Scan(std::string_view text, const std::function<void(const ScanMatch&)>& on_match) const;

  const Lexicon& lexicon() const { return lexicon_; }
  const Normalizer& normalizer() const { return *normalizer_; }
  std::size_t PatternCount() const { return patterns_.size(); }
  std::size_t MatcherMemoryBytes() const { return matcher_->MemoryBytes(); }

 private:
  struct PatternRole {
    std::vector<std::uint32_t> fires;       // entries reported when the pattern occurs
    bool suppresses_all = false;             // an allow phrase without a term
    std::vector<std::uint32_t> suppresses;  // entries suppressed inside an occurrence
  };
  struct EntryInfo {
    std::uint32_t chars = 0;         // characters of the normalised term
    bool term_has_separator = false;  // the written term itself contains a skipped character
  };
  Scanner() = default;
  void ScanChunk(std::string_view chunk, std::size_t offset,
                 const std::function<void(const ScanMatch&)>& on_match) const;

  Lexicon lexicon_;
  std::shared_ptr<const Normalizer> normalizer_;
  ScannerOptions options_;
  std::vector<std::string> patterns_;
  std::vector<PatternRole> roles_;
  std::vector<EntryInfo> entry_info_;
  std::size_t longest_pattern_ = 0;
  std::unique_ptr<Matcher> matcher_;
};

}  // namespace govwatch::text
