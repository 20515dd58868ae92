#include "extract/common.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
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

// Words that mark furniture wherever they appear in a class or id: "footer-links", "main-nav",
// "hotnews", "yqlj_box", "topNav" (by its "nav" suffix).
bool StrongFurnitureWord(std::string_view w) {
  static constexpr std::array<std::string_view, 26> kWords = {
      "nav",      "navbar",    "menu",      "footer",     "foot",     "header",  "bottom",
      "copyright", "links",    "yqlj",      "friendlink", "yqlink",   "breadcrumb", "crumb",
      "position", "location",  "dqwz",      "hot",        "hots",     "rank",    "ranking",
      "paihang",  "phb",       "djph",      "tuijian",    "recommend"};
  static constexpr std::array<std::string_view, 5> kMoreWords = {"share", "sidebar", "sitemap",
                                                                 "logo", "banner"};
  for (const std::string_view e : kWords) {
    if (w == e) return true;
  }
  for (const std::string_view e : kMoreWords) {
    if (w == e) return true;
  }
  static constexpr std::array<std::string_view, 10> kPrefixes = {
      "nav", "menu", "footer", "foot", "yqlj", "friendlink", "copyright", "hotnews", "rank",
      "breadcrumb"};
  for (const std::string_view p : kPrefixes) {
    if (w.starts_with(p)) return true;
  }
  return w.ends_with("nav") || w.ends_with("menu") || w.ends_with("footer") ||
         w.ends_with("links") || w.ends_with("yqlj");
}

// Words that mark furniture only when they are all a class token says ("top", "head_box",
// "top10", "link"): as one word among others they describe a part of something else, and
// "list_head", "toplist" or "newslist-top10" can be the main list itself.
bool WeakFurnitureWord(std::string_view w) {
  return w == "head" || w == "top" || w == "topbar" || w == "link";
}

// Layout filler that says nothing about what a block is: "top_wrap" is still the top.
bool FillerWord(std::string_view w) {
  static constexpr std::array<std::string_view, 22> kFiller = {
      "wrap", "wrapper", "box", "bg",  "inner", "container", "con", "cont", "main", "area", "fixed",
      "bar",  "part",    "div", "in",  "out",   "w",         "c",   "mod",  "block", "panel", "fluid"};
  for (const std::string_view f : kFiller) {
    if (w == f) return true;
  }
  return false;
}

// One class token (or a whole id): split into lower-case ASCII letter runs ("list_head" →
// list, head; "top10" → top) and judged word by word.
bool TokenMarksFurniture(std::string_view token) {
  std::string words[8];
  std::size_t count = 0;
  bool overflow = false;
  std::string word;
  for (std::size_t i = 0; i <= token.size(); ++i) {
    const char c = i < token.size() ? token[i] : ' ';
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      continue;
    }
    if (word.empty()) continue;
    if (StrongFurnitureWord(word)) return true;
    if (count < std::size(words)) {
      words[count++] = std::move(word);
    } else {
      overflow = true;
    }
    word.clear();
  }
  if (overflow) return false;
  std::size_t significant = 0;
  bool weak = false;
  for (std::size_t i = 0; i < count; ++i) {
    if (FillerWord(words[i])) continue;
    ++significant;
    weak = weak || WeakFurnitureWord(words[i]);
  }
  return weak && significant == 1;
}

}  // namespace

bool FurnitureHints::Marks(const xmlNode* node) {
  if (!IsElement(node)) return false;
  const std::string_view name = Name(node);
  if (name == "nav" || name == "header" || name == "footer") return true;
  // An id is one token; a class is a space-separated list of them.
  if (TokenMarksFurniture(Attr(node, "id"))) return true;
  const std::string classes = Attr(node, "class");
  std::size_t pos = 0;
  while (pos < classes.size()) {
    const std::size_t end = std::min(classes.find_first_of(" \t\r\n\f", pos), classes.size());
    if (end > pos && TokenMarksFurniture(std::string_view(classes).substr(pos, end - pos))) {
      return true;
    }
    pos = end + 1;
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
