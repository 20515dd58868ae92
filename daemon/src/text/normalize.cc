#include "text/normalize.h"

#include <SimpleConverter.hpp>

#include <algorithm>
#include <array>
#include <exception>

namespace govwatch::text {
namespace {

constexpr char32_t kInvalidByteFlag = 0x80000000u;
constexpr char32_t kTableLimit = 0x30000;

// What normalisation does to an ASCII byte: keep, lower-case, or skip.
enum : std::uint8_t { kKeep = 0, kLower = 1, kSkip = 2 };

constexpr std::array<std::uint8_t, 128> MakeAsciiActions() {
  std::array<std::uint8_t, 128> a{};
  for (int c = 'A'; c <= 'Z'; ++c) a[c] = kLower;
  for (char c : std::string_view(" \t\r\v\f*.-_+=~`'\"|/\\#@$%^&[]{}<>")) {
    a[static_cast<unsigned char>(c)] = kSkip;
  }
  return a;
}
constexpr std::array<std::uint8_t, 128> kAsciiActions = MakeAsciiActions();

}  // namespace

char32_t DecodeUtf8(std::string_view s, std::size_t i, std::size_t& len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  const std::size_t left = s.size() - i;
  auto cont = [&](std::size_t k) {
    return k < left && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  auto byte = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
  if (b0 >= 0xC2 && b0 < 0xE0 && cont(1)) {
    len = 2;
    return ((b0 & 0x1F) << 6) | byte(1);
  }
  if (b0 >= 0xE0 && b0 < 0xF0 && cont(1) && cont(2)) {
    const char32_t cp = ((b0 & 0x0F) << 12) | (byte(1) << 6) | byte(2);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      len = 3;
      return cp;
    }
  }
  if (b0 >= 0xF0 && b0 < 0xF5 && cont(1) && cont(2) && cont(3)) {
    const char32_t cp = ((b0 & 0x07) << 18) | (byte(1) << 12) | (byte(2) << 6) | byte(3);
    if (cp >= 0x10000 && cp <= 0x10FFFF) {
      len = 4;
      return cp;
    }
  }
  len = 1;
  return kInvalidByteFlag | b0;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp & kInvalidByteFlag) {
    out.push_back(static_cast<char>(cp & 0xFF));
  } else if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    if (DecodeUtf8(s, i, len) & kInvalidByteFlag) return false;
    i += len;
  }
  return true;
}

std::size_t CountChars(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::size_t NormalizedText::SegmentOf(std::size_t norm_byte) const {
  auto it = std::upper_bound(segments.begin(), segments.end(), norm_byte,
                             [](std::size_t b, const Segment& seg) { return b < seg.norm_begin; });
  return static_cast<std::size_t>(it - segments.begin()) - 1;
}

std::uint32_t NormalizedText::MapBegin(std::size_t begin) const {
  const Segment& seg = segments[SegmentOf(begin)];
  return seg.identity ? static_cast<std::uint32_t>(seg.orig_begin + (begin - seg.norm_begin))
                      : seg.orig_begin;
}

std::uint32_t NormalizedText::MapEnd(std::size_t end) const {
  const Segment& seg = segments[SegmentOf(end - 1)];
  return seg.identity ? static_cast<std::uint32_t>(seg.orig_begin + (end - seg.norm_begin))
                      : seg.orig_end;
}

bool NormalizedText::SpansGap(std::size_t begin, std::size_t end) const {
  const std::size_t first = SegmentOf(begin);
  const std::size_t last = SegmentOf(end - 1);
  for (std::size_t k = first; k < last; ++k) {
    if (segments[k].orig_end != segments[k + 1].orig_begin) return true;
  }
  return false;
}

Normalizer::~Normalizer() = default;

core::Result<std::shared_ptr<const Normalizer>> Normalizer::Create(
    const std::string& opencc_config) {
  std::shared_ptr<Normalizer> n(new Normalizer());
  try {
    n->converter_ = std::make_unique<opencc::SimpleConverter>(opencc_config);
  } catch (const std::exception& e) {
    return core::MakeError("cannot load OpenCC conversion " + opencc_config + ": " + e.what());
  }
  // Which CJK characters does t2s change on their own? One OpenCC call over all of them, one
  // per line so that no phrase rule joins neighbours.
  std::string all;
  std::vector<char32_t> cps;
  auto add_range = [&](char32_t from, char32_t to) {
    for (char32_t cp = from; cp <= to; ++cp) {
      cps.push_back(cp);
      AppendUtf8(all, cp);
      all.push_back('\n');
    }
  };
  add_range(0x3400, 0x4DBF);
  add_range(0x4E00, 0x9FFF);
  add_range(0xF900, 0xFAFF);
  add_range(0x20000, 0x2A6DF);
  std::string converted;
  try {
    converted = n->converter_->Convert(all);
  } catch (const std::exception& e) {
    return core::MakeError("OpenCC conversion failed: " + std::string(e.what()));
  }
  n->traditional_bits_.assign(kTableLimit / 64, 0);
  std::size_t pos = 0;
  for (char32_t cp : cps) {
    const std::size_t nl = converted.find('\n', pos);
    if (nl == std::string::npos) break;
    const std::string_view piece(converted.data() + pos, nl - pos);
    pos = nl + 1;
    std::size_t len = 0;
    const char32_t out = piece.empty() ? cp : DecodeUtf8(piece, 0, len);
    if (out == cp && len == piece.size()) continue;
    n->traditional_bits_[cp / 64] |= std::uint64_t{1} << (cp % 64);
    if (len == piece.size()) n->simplified_of_[cp] = out;
  }
  return std::shared_ptr<const Normalizer>(std::move(n));
}

bool Normalizer::IsTraditional(char32_t cp) const {
  return cp < kTableLimit && ((traditional_bits_[cp / 64] >> (cp % 64)) & 1) != 0;
}

bool Normalizer::IsSkippable(char32_t cp) {
  if (cp < 128) return kAsciiActions[cp] == kSkip;
  switch (cp) {
    case 0x00A0: case 0x00B7: case 0x00D7: case 0x2022: case 0x2027: case 0x30FB:
    case 0x2605: case 0x2606: case 0x203B: case 0x25CB: case 0x25CF: case 0x25C6:
    case 0x25C7: case 0x25A0: case 0x25A1: case 0x25B3: case 0x25B2: case 0x3000:
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x2014:
    case 0x2013: case 0x2015: case 0xFF3F:
      return true;
    default:
      // Full-width twins of skippable ASCII symbols (＊ ＿ ／ …), and typographic spaces.
      if (cp >= 0xFF01 && cp <= 0xFF5E) return kAsciiActions[cp - 0xFEE0] == kSkip;
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

char32_t Normalizer::FoldWidthAndCase(char32_t cp) {
  // Full-width letters and digits only: full-width punctuation (，：（）) is the normal
  // punctuation of Chinese text and stays, so such text needs no position map at all.
  if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
      (cp >= 0xFF41 && cp <= 0xFF5A)) {
    cp -= 0xFEE0;
  }
  if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
  return cp;
}

std::string Normalizer::ConvertT2S(std::string_view s) const {
  try {
    return converter_->Convert(s.data(), s.size());
  } catch (const std::exception&) {
    return std::string();  // the caller falls back to the character table
  }
}

NormalizedText Normalizer::Normalize(std::string_view original) const {
  NormalizedText out;
  out.text.reserve(original.size());
  auto& segments = out.segments;
  // Unchanged characters are copied in runs; a run is flushed when a character must change or
  // be skipped.
  std::size_t run_start = 0;
  auto flush = [&](std::size_t upto) {
    if (upto == run_start) return;
    const auto norm = static_cast<std::uint32_t>(out.text.size());
    if (!segments.empty() && segments.back().identity && segments.back().orig_end == run_start) {
      segments.back().orig_end = static_cast<std::uint32_t>(upto);
    } else {
      segments.push_back({norm, static_cast<std::uint32_t>(run_start),
                          static_cast<std::uint32_t>(upto), true});
    }
    out.text.append(original.substr(run_start, upto - run_start));
  };
  auto emit = [&](char32_t cp, std::size_t ob, std::size_t oe) {
    segments.push_back({static_cast<std::uint32_t>(out.text.size()), static_cast<std::uint32_t>(ob),
                        static_cast<std::uint32_t>(oe), false});
    AppendUtf8(out.text, cp);
  };
  // Traditional text: the first traditional character of a line has OpenCC convert the line;
  // its output is used for the rest of the line when it keeps the character count (phrases:
  // 乾隆 stays, 乾燥 → 干燥), else single characters are looked up.
  std::size_t line_start = 0;
  bool line_converted = false;
  std::vector<char32_t> converted;
  std::size_t conv_index = 0;  // index in `converted` of the current character
  const std::size_t n = original.size();
  std::size_t i = 0;
  while (i < n) {
    const auto b = static_cast<unsigned char>(original[i]);
    if (b < 0x80) {
      const std::uint8_t action = kAsciiActions[b];
      if (!converted.empty()) ++conv_index;
      if (action == kKeep) {
        if (b == '\n') {
          line_start = i + 1;
          line_converted = false;
          converted.clear();
        }
        ++i;
        continue;
      }
      flush(i);
      if (action == kLower) emit(b + ('a' - 'A'), i, i + 1);
      ++i;
      run_start = i;
      continue;
    }
    std::size_t len = 0;
    const char32_t cp = DecodeUtf8(original, i, len);
    char32_t result = cp;
    if (!(cp & kInvalidByteFlag)) {
      if (!converted.empty()) {
        result = converted[conv_index];
      } else if (IsTraditional(cp)) {
        if (!line_converted) {
          line_converted = true;
          std::size_t line_end = original.find('\n', i);
          if (line_end == std::string_view::npos) line_end = n;
          const std::string conv = ConvertT2S(original.substr(line_start, line_end - line_start));
          for (std::size_t k = 0; k < conv.size();) {
            std::size_t l = 0;
            converted.push_back(DecodeUtf8(conv, k, l));
            k += l;
          }
          if (converted.size() !=
              CountChars(original.substr(line_start, line_end - line_start))) {
            converted.clear();
          } else {
            conv_index = CountChars(original.substr(line_start, i - line_start));
          }
        }
        if (!converted.empty()) {
          result = converted[conv_index];
        } else if (const auto it = simplified_of_.find(cp); it != simplified_of_.end()) {
          result = it->second;
        }
      }
      result = FoldWidthAndCase(result);
    }
    if (!converted.empty()) ++conv_index;
    const bool skip = !(cp & kInvalidByteFlag) && IsSkippable(result);
    if (result == cp && !skip) {
      i += len;
      continue;
    }
    flush(i);
    if (!skip) emit(result, i, i + len);
    i += len;
    run_start = i;
  }
  flush(n);
  return out;
}

std::string Normalizer::NormalizeTerm(std::string_view term) const {
  return Normalize(term).text;
}

}  // namespace govwatch::text
