#include "sources/post_text.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace govwatch::sources {
namespace {

bool IsUrlChar(unsigned char c) {
  // ASCII URL characters; stops at spaces, quotes, angle brackets and any non-ASCII (Chinese
  // punctuation right after a URL is common).
  return c > 0x20 && c < 0x7f && c != '"' && c != '\'' && c != '<' && c != '>' && c != '`';
}

void Add(std::string url, std::vector<std::string>& out, std::set<std::string>& seen) {
  while (!url.empty() && (url.back() == '.' || url.back() == ',' || url.back() == ')' ||
                          url.back() == ';')) {
    url.pop_back();
  }
  const std::string marker = "sinaurl?u=";
  if (const auto at = url.find(marker); at != std::string::npos) {
    std::string inner = url.substr(at + marker.size());
    if (const auto amp = inner.find('&'); amp != std::string::npos) inner.erase(amp);
    url = PercentDecode(inner);
  }
  if (!(url.starts_with("http://") || url.starts_with("https://"))) return;
  if (seen.insert(url).second) out.push_back(std::move(url));
}

}  // namespace

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() &&
        std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (s[i] == '+') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string HostOf(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  std::string host(url.substr(0, url.find_first_of("/?#")));
  if (const auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  if (const auto colon = host.rfind(':'); colon != std::string::npos) host.erase(colon);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

std::string PlainText(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  for (size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      const auto end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string tag(html.substr(i + 1, std::min<size_t>(end - i - 1, 3)));
      std::transform(tag.begin(), tag.end(), tag.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (tag.starts_with("br") || tag.starts_with("p") || tag.starts_with("/p")) out += '\n';
      i = end + 1;
      continue;
    }
    if (html[i] == '&') {
      static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
          {"&#39;", "'"}, {"&nbsp;", " "}};
      bool matched = false;
      for (const auto& [entity, text] : kEntities) {
        if (html.substr(i).starts_with(entity)) {
          out += text;
          i += entity.size();
          matched = true;
          break;
        }
      }
      if (matched) continue;
    }
    out += html[i++];
  }
  // Collapse whitespace runs, keep single newlines.
  std::string collapsed;
  for (char c : out) {
    const bool space = c == ' ' || c == '\t' || c == '\r';
    if (space && (collapsed.empty() || collapsed.back() == ' ' || collapsed.back() == '\n')) continue;
    if (c == '\n' && (collapsed.empty() || collapsed.back() == '\n')) continue;
    if (c == '\n' && collapsed.back() == ' ') collapsed.back() = '\n';
    else collapsed += space ? ' ' : c;
  }
  while (!collapsed.empty() && (collapsed.back() == ' ' || collapsed.back() == '\n')) {
    collapsed.pop_back();
  }
  return collapsed;
}

std::vector<std::string> FindLinks(std::string_view text) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (size_t i = 0; i < text.size();) {
    const size_t http = text.find("http", i);
    const size_t www = text.find("www.", i);
    const size_t at = std::min(http, www);
    if (at == std::string_view::npos) break;
    size_t end = at;
    while (end < text.size() && IsUrlChar(static_cast<unsigned char>(text[end]))) ++end;
    // Entities inside href values: "&amp;" → "&".
    std::string candidate;
    const std::string_view raw = text.substr(at, end - at);
    for (size_t k = 0; k < raw.size(); ++k) {
      candidate += raw[k];
      if (raw.substr(k).starts_with("&amp;")) k += 4;
    }
    if (at == http && (candidate.starts_with("http://") || candidate.starts_with("https://"))) {
      Add(std::move(candidate), out, seen);
    } else if (at == www && (at < 3 || text.substr(at - 3, 3) != "://")) {
      std::string with_scheme("http://");
      with_scheme.append(candidate);
      if (HostOf(with_scheme).ends_with(".gov.cn")) Add(std::move(with_scheme), out, seen);
    }
    i = std::max(end, at + 4);
  }
  return out;
}

}  // namespace govwatch::sources
