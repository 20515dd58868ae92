#include "checks/text_match.h"

#include <cstdint>

namespace govwatch::checks {
namespace {

// Decodes one UTF-8 code point at `i` (advancing it); invalid bytes come back as U+FFFD.
char32_t Next(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : b & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((c & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += static_cast<std::size_t>(len);
  return cp;
}

void Append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsKept(char32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z');
  if (cp >= 0x3000 && cp <= 0x303F) return cp == 0x3007;  // CJK punctuation, except 〇
  if (cp >= 0x2000 && cp <= 0x206F) return false;          // general punctuation: “”‘’—…
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;          // CJK compatibility forms
  if (cp >= 0xFF00 && cp <= 0xFF65) return false;          // full-width punctuation (after folding)
  if (cp == 0x00B7 || cp == 0x00A0 || cp == 0xFFFD || cp == 0x30FB) return false;
  return true;
}

int CountChars(std::string_view s) {
  int n = 0;
  for (std::size_t i = 0; i < s.size();) {
    Next(s, i);
    ++n;
  }
  return n;
}

}  // namespace

std::string MatchKey(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = Next(text, i);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (IsKept(cp)) Append(out, cp);
  }
  return out;
}

std::vector<std::string> QuotedTitles(std::string_view text) {
  constexpr std::string_view kOpen = "《", kClose = "》";
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = text.find(kOpen, pos)) != std::string_view::npos) {
    // Match nesting: 《关于〈…〉的意见》 uses 〈〉 inside, but some pages nest 《《》》.
    int depth = 0;
    std::size_t i = pos;
    std::size_t end = std::string_view::npos;
    while (i < text.size()) {
      if (text.substr(i, kOpen.size()) == kOpen) {
        ++depth;
        i += kOpen.size();
      } else if (text.substr(i, kClose.size()) == kClose) {
        if (--depth == 0) {
          end = i;
          break;
        }
        i += kClose.size();
      } else {
        ++i;
      }
    }
    if (end == std::string_view::npos) break;
    out.emplace_back(text.substr(pos + kOpen.size(), end - pos - kOpen.size()));
    pos = end + kClose.size();
  }
  return out;
}

std::vector<std::string> DocumentTitleKeys(std::string_view title) {
  std::vector<std::string> keys;
  auto add = [&](std::string_view text) {
    std::string key = MatchKey(text);
    if (CountChars(key) < 4) return;
    for (const auto& k : keys) {
      if (k == key) return;
    }
    keys.push_back(std::move(key));
  };
  for (const auto& quoted : QuotedTitles(title)) add(quoted);
  std::string_view rest = title;
  // The issuer: "固原市人民政府办公室关于…" → "…".
  if (const auto about = rest.find("关于"); about != std::string_view::npos) {
    rest.remove_prefix(about + std::string_view("关于").size());
  }
  // "印发…的通知" / "转发…的通知": the subject is what was issued, often also quoted above.
  for (std::string_view verb : {"印发", "转发"}) {
    if (rest.starts_with(verb)) {
      std::string_view inner = rest.substr(verb.size());
      constexpr std::string_view kNotice = "的通知";
      if (inner.ends_with(kNotice)) inner.remove_suffix(kNotice.size());
      add(inner);
    }
  }
  add(rest);
  return keys;
}

}  // namespace govwatch::checks
