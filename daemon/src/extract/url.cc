#include "extract/url.h"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <cctype>

namespace govwatch::extract {
namespace {

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

std::string EncodeLoose(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const bool bad_percent =
        c == '%' && !(i + 2 < s.size() && IsHex(s[i + 1]) && IsHex(s[i + 2]));
    if (c >= 0x80 || c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' ||
        c == '^' || c == '`' || c == '{' || c == '|' || c == '}' || bad_percent) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> ResolveUrl(std::string_view base, std::string_view href) {
  href = TrimSpaces(href);
  if (href.empty() || href.front() == '#') return std::nullopt;
  for (const std::string_view scheme : {"javascript:", "mailto:", "tel:", "data:", "vbscript:"}) {
    if (StartsWithNoCase(href, scheme)) return std::nullopt;
  }
  const std::string ref_text = EncodeLoose(href);
  const auto ref = boost::urls::parse_uri_reference(ref_text);
  if (!ref) return std::nullopt;
  if (ref->has_scheme()) return std::string(ref->buffer());
  const std::string base_text = EncodeLoose(TrimSpaces(base));
  const auto base_url = boost::urls::parse_uri(base_text);
  if (!base_url) return ref_text;
  boost::urls::url resolved;
  if (!boost::urls::resolve(*base_url, *ref, resolved)) return std::nullopt;
  return std::string(resolved.buffer());
}

}  // namespace govwatch::extract
