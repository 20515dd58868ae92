#include "fetch/charset.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <memory>
#include <vector>

namespace govwatch::fetch {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"' ||
                        s.front() == '\'' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '"' ||
                        s.back() == '\'' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// The value of `name=` after position `from` in a lower-cased text, up to a delimiter.
std::string ValueAfter(std::string_view lower, size_t from, std::string_view name) {
  size_t pos = lower.find(name, from);
  if (pos == std::string_view::npos) return {};
  pos += name.size();
  while (pos < lower.size() && (lower[pos] == ' ' || lower[pos] == '=' || lower[pos] == '"' ||
                                lower[pos] == '\''))
    ++pos;
  size_t end = pos;
  while (end < lower.size() && (std::isalnum(static_cast<unsigned char>(lower[end])) ||
                                lower[end] == '-' || lower[end] == '_' || lower[end] == '.' ||
                                lower[end] == ':'))
    ++end;
  return std::string(lower.substr(pos, end - pos));
}

// Strict conversion: nullopt when the input has an invalid or truncated sequence.
std::optional<std::string> Convert(std::string_view bytes, const std::string& from, bool lossy) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  std::array<char, 16 * 1024> buf;
  bool failed = false;
  while (in_left > 0) {
    char* out_ptr = buf.data();
    size_t out_left = buf.size();
    const size_t rc = iconv(cd, &in, &in_left, &out_ptr, &out_left);
    out.append(buf.data(), buf.size() - out_left);
    if (rc != static_cast<size_t>(-1)) continue;
    if (errno == E2BIG) continue;
    // EILSEQ (invalid) or EINVAL (truncated at the end).
    if (!lossy) {
      failed = true;
      break;
    }
    out += "\xEF\xBF\xBD";
    ++in;
    --in_left;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
  }
  iconv_close(cd);
  if (failed) return std::nullopt;
  return out;
}

std::string Detect(std::string_view bytes) {
  std::unique_ptr<std::remove_pointer_t<uchardet_t>, void (*)(uchardet_t)> ud(uchardet_new(),
                                                                               uchardet_delete);
  // Detection on a prefix is as good and bounds the cost on large pages.
  const size_t n = std::min<size_t>(bytes.size(), 64 * 1024);
  if (uchardet_handle_data(ud.get(), bytes.data(), n) != 0) return {};
  uchardet_data_end(ud.get());
  const char* name = uchardet_get_charset(ud.get());
  return name ? std::string(name) : std::string();
}

}  // namespace

std::optional<std::string> CanonicalCharset(std::string_view label) {
  const std::string l = Lower(Trim(label));
  if (l.empty()) return std::nullopt;
  if (l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8" || l == "ascii" ||
      l == "us-ascii")
    return "UTF-8";  // ASCII is a subset; decoding as UTF-8 is exact.
  if (l == "gbk" || l == "gb2312" || l == "x-gbk" || l == "gb18030" || l == "cp936" ||
      l == "windows-936" || l == "gb_2312-80" || l == "euc-cn" || l == "csgb2312" ||
      l == "x-euc-cn" || l == "chinese" || l == "iso-ir-58")
    return "GB18030";
  if (l == "big5" || l == "big5-hkscs" || l == "x-x-big5" || l == "cn-big5") return "BIG5-HKSCS";
  if (l == "iso-8859-1" || l == "latin1" || l == "windows-1252" || l == "cp1252" ||
      l == "l1")
    return "WINDOWS-1252";  // WHATWG: the Latin-1 label means windows-1252.
  if (l == "utf-16le") return "UTF-16LE";
  if (l == "utf-16be") return "UTF-16BE";
  if (l == "utf-16") return "UTF-16";
  if (l == "shift_jis" || l == "sjis" || l == "shift-jis") return "SHIFT_JIS";
  if (l == "euc-jp") return "EUC-JP";
  if (l == "euc-kr") return "EUC-KR";
  if (l == "koi8-r") return "KOI8-R";
  if (l == "windows-1251") return "WINDOWS-1251";
  return std::nullopt;
}

std::string MediaType(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  return Lower(Trim(content_type.substr(0, semi)));
}

std::string CharsetFromContentType(std::string_view content_type) {
  const std::string lower = Lower(content_type);
  const size_t semi = lower.find(';');
  if (semi == std::string::npos) return {};
  return ValueAfter(lower, semi, "charset");
}

bool IsTextMediaType(std::string_view media_type) {
  if (media_type.empty()) return true;
  if (media_type.starts_with("text/")) return true;
  if (media_type.ends_with("+xml") || media_type.ends_with("+json")) return true;
  return media_type == "application/xml" || media_type == "application/json" ||
         media_type == "application/javascript" || media_type == "application/x-javascript" ||
         media_type == "application/xhtml+xml";
}

std::string DeclaredInMarkup(std::string_view bytes) {
  const std::string head = Lower(bytes.substr(0, 4096));
  if (head.starts_with("<?xml")) {
    const size_t end = head.find("?>");
    const std::string enc = ValueAfter(std::string_view(head).substr(0, end), 0, "encoding");
    if (!enc.empty()) return enc;
  }
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    const size_t end = head.find('>', pos);
    const std::string_view tag =
        std::string_view(head).substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    // <meta charset="gbk"> and <meta http-equiv="Content-Type" content="text/html; charset=gbk">
    const size_t cs = tag.find("charset");
    if (cs != std::string_view::npos) {
      const std::string value = ValueAfter(tag, cs, "charset");
      if (!value.empty()) return value;
    }
    pos += 5;
  }
  return {};
}

bool IsValidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values above U+10FFFF.
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

Decoded DecodeToUtf8(std::string_view bytes, std::string_view content_type) {
  // A BOM settles the question.
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    std::string_view rest = bytes.substr(3);
    if (IsValidUtf8(rest)) return {std::string(rest), "UTF-8", false};
    return {*Convert(rest, "UTF-8", true), "UTF-8", true};
  }
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    const std::string cs = bytes.starts_with("\xFF\xFE") ? "UTF-16LE" : "UTF-16BE";
    if (auto text = Convert(bytes.substr(2), cs, false)) return {std::move(*text), cs, false};
  }

  // Non-ASCII text in a legacy encoding is practically never well-formed UTF-8, so well-formed
  // UTF-8 with multi-byte sequences is UTF-8 whatever the label says (sites labelled gb2312 that
  // moved to a UTF-8 CMS keep their old header).
  const bool has_non_ascii = std::any_of(bytes.begin(), bytes.end(),
                                         [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  if (has_non_ascii && IsValidUtf8(bytes)) return {std::string(bytes), "UTF-8", false};

  std::vector<std::string> candidates;
  auto add = [&candidates](std::string_view label) {
    if (auto cs = CanonicalCharset(label)) {
      if (std::find(candidates.begin(), candidates.end(), *cs) == candidates.end())
        candidates.push_back(*cs);
    }
  };
  add(CharsetFromContentType(content_type));
  add(DeclaredInMarkup(bytes));
  add(Detect(bytes));
  add("utf-8");
  add("gb18030");

  for (const std::string& cs : candidates) {
    if (cs == "UTF-8") {
      if (IsValidUtf8(bytes)) return {std::string(bytes), cs, false};
      continue;
    }
    if (auto text = Convert(bytes, cs, false)) return {std::move(*text), cs, false};
  }
  // Nothing decodes cleanly: keep what we can read, with the first candidate.
  const std::string& cs = candidates.front();
  if (auto text = Convert(bytes, cs, true)) return {std::move(*text), cs, true};
  return {*Convert(bytes, "UTF-8", true), "UTF-8", true};
}

}  // namespace govwatch::fetch
