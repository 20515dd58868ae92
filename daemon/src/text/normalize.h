// Text normalisation for lexicon matching, with a map back to the original bytes.
//
// Matching runs on a normalised copy of the text: full-width letters and digits → half-width
// (Ａ→a, １→1), ASCII upper → lower case, traditional → simplified Chinese (OpenCC t2s), and
// "skippable" separators removed (spaces incl. U+3000, tabs, and symbols such as * . - _ / · ★ and
// their full-width twins, which people insert to split a word: 法 轮 功, 法*轮*功). Sentence
// punctuation (，。；：！？、（） , ; : ! ? ( )), newlines and everything else stay, so a word
// never matches across a sentence boundary.
//
// Every normalised byte knows the original byte range [begin, end) of the character it came
// from, so a match in the normalised text maps back to original byte offsets, and a match whose
// characters are not adjacent in the original "spans a gap" (a separator was skipped).
//
// Thread-safety: a Normalizer is immutable after Create and may be shared between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace opencc {
class SimpleConverter;
}

namespace govwatch::text {

// The normalised form of one piece of text (offsets relative to that piece).
//
// The position map is a list of segments, so text that needs no change costs no map: an
// identity segment is a run copied unchanged (normalised byte k ↔ original byte k + shift); a
// converted segment is one character whose normalised bytes come from original [begin, end).
// Skipped characters have no segment; they show as a jump between consecutive segments.
struct NormalizedText {
  struct Segment {
    std::uint32_t norm_begin;
    std::uint32_t orig_begin;
    std::uint32_t orig_end;
    bool identity;
  };
  std::string text;               // normalised UTF-8
  std::vector<Segment> segments;  // ordered by norm_begin, covering all of text

  // Original offset of the character starting at normalised byte `begin`.
  std::uint32_t MapBegin(std::size_t begin) const;
  // Original end offset of the character ending at normalised byte `end` (exclusive).
  std::uint32_t MapEnd(std::size_t end) const;
  // True when some character was skipped between two characters of normalised [begin, end).
  bool SpansGap(std::size_t begin, std::size_t end) const;

 private:
  std::size_t SegmentOf(std::size_t norm_byte) const;
};

class Normalizer {
 public:
  // Loads the OpenCC t2s conversion from opencc_config (a path or a name OpenCC resolves in its
  // data directory) and builds the table of traditional characters. Error when OpenCC cannot
  // load it.
  static core::Result<std::shared_ptr<const Normalizer>> Create(
      const std::string& opencc_config = "t2s.json");
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // Normalises `original` (invalid UTF-8 bytes are kept as they are, one "character" each).
  NormalizedText Normalize(std::string_view original) const;
  // Normalises a lexicon term: the same rules, text only.
  std::string NormalizeTerm(std::string_view term) const;
  // True when the code point is a traditional character that t2s changes (a cheap test used to
  // skip OpenCC on text that has none).
  bool IsTraditional(char32_t cp) const;
  // The skippable-separator rule (after full-width folding).
  static bool IsSkippable(char32_t cp);
  // Full-width letters/digits → half-width, ASCII lower case; other code points unchanged.
  static char32_t FoldWidthAndCase(char32_t cp);

 private:
  Normalizer() = default;
  std::string ConvertT2S(std::string_view s) const;

  std::unique_ptr<opencc::SimpleConverter> converter_;
  // Bit per code point below kTableLimit: t2s changes it on its own.
  std::vector<std::uint64_t> traditional_bits_;
  // Single-character simplified form, used when OpenCC's phrase conversion of a line changes the
  // number of characters and cannot be aligned.
  std::unordered_map<char32_t, char32_t> simplified_of_;
};

// ---- UTF-8 helpers -----------------------------------------------------------------------------

// Decodes the code point at s[i]; sets len to its byte length (1 for an invalid byte, whose
// value is returned as 0xFFFD-free raw byte | 0x80000000 so it never equals a real code point).
char32_t DecodeUtf8(std::string_view s, std::size_t i, std::size_t& len);
void AppendUtf8(std::string& out, char32_t cp);
// True when s is valid UTF-8.
bool IsValidUtf8(std::string_view s);
// Number of code points in s (invalid bytes count one each).
std::size_t CountChars(std::string_view s);

}  // namespace govwatch::text
