#include "extract/common.h"

#include <array>
#include <cctype>
#include <vector>

#include "extract/url.h"

namespace govwatch::extract {

std::string DocumentBase(const xmlDoc* doc, const std::string& page_url) {
  std::string base = page_url;
  const xmlNode* root = Root(doc);
  const xmlNode* found = nullptr;
  Walk(root, [&](const xmlNode* n) {
    if (found != nullptr) return false;
    if (IsNamed(n, "base") && !Attr(n, "href").empty()) {
      found = n;
      return false;
    }
    // <base> lives in <head>; do not scan the whole body for it.
    return n == root || IsNamed(n, "head");
  });
  if (found != nullptr) {
    if (auto resolved = ResolveUrl(page_url, Attr(found, "href"))) base = *resolved;
  }
  return base;
}

namespace {

bool TokenMarksFurniture(const std::string& t) {
  static constexpr std::array<std::string_view, 34> kExact = {
      "nav",       "navbar",     "menu",      "footer",   "foot",       "bottom",  "header",
      "head",      "top",        "topbar",    "copyright", "links",     "link",    "yqlj",
      "friendlink", "yqlink",    "breadcrumb", "crumb",   "position",   "location", "hot",
      "hots",      "rank",       "ranking",   "paihang",  "phb",        "djph",    "tuijian",
      "recommend", "share",      "sidebar",   "sitemap",  "logo",       "banner"};
  for (const std::string_view e : kExact) {
    if (t == e) return true;
  }
  static constexpr std::array<std::string_view, 10> kPrefixes = {
      "nav", "menu", "footer", "foot", "yqlj", "friendlink", "copyright", "hotnews", "rank",
      "breadcrumb"};
  for (const std::string_view p : kPrefixes) {
    if (t.starts_with(p)) return true;
  }
  return t.ends_with("nav") || t.ends_with("menu") || t.ends_with("footer") ||
         t.ends_with("links") || t.ends_with("yqlj");
}

}  // namespace

bool FurnitureHints::Marks(const xmlNode* node) {
  if (!IsElement(node)) return false;
  const std::string_view name = Name(node);
  if (name == "nav" || name == "header" || name == "footer") return true;
  for (const char* attr : {"id", "class"}) {
    const std::string value = Attr(node, attr);
    std::string token;
    for (std::size_t i = 0; i <= value.size(); ++i) {
      const char c = i < value.size() ? value[i] : ' ';
      if (std::isalnum(static_cast<unsigned char>(c))) {
        token.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      } else if (!token.empty()) {
        if (TokenMarksFurniture(token)) return true;
        token.clear();
      }
    }
  }
  return false;
}

bool FurnitureHints::Inside(const xmlNode* node) {
  // Iterative: climb until a memoised or marked ancestor, then fill the memo on the way back.
  std::vector<const xmlNode*> path;
  bool verdict = false;
  for (const xmlNode* n = node; n != nullptr && IsElement(n); n = n->parent) {
    if (const auto it = memo_.find(n); it != memo_.end()) {
      verdict = it->second;
      break;
    }
    path.push_back(n);
    if (Marks(n)) {
      verdict = true;
      break;
    }
  }
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    if (Marks(*it)) verdict = true;
    memo_[*it] = verdict;
  }
  return verdict;
}

}  // namespace govwatch::extract
