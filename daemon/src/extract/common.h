// Helpers shared by the list and article extractors (internal to the extract module).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "extract/html.h"

namespace govwatch::extract {

// The URL that relative links resolve against: <base href> (itself resolved against the page
// URL) when the page has one, else the page URL.
std::string DocumentBase(const xmlDoc* doc, const std::string& page_url);

// Whether an element's id/class marks page furniture rather than content: navigation, menus,
// headers, footers, copyright, friendly links (友情链接/yqlj), breadcrumbs, 热门/排行 boxes,
// share bars. Answers for the node and its ancestors, memoised per node.
//
// Each class token (and the id) is split into letter-run words. Unambiguous words mark the
// element wherever they appear ("footer-links", "main_nav", "hotnews"); the ambiguous "top",
// "head", "topbar" and "link" only when they are the token's one meaningful word besides
// layout filler ("top", "top_wrap", "head-box", "top10"), so a main list called "list_head",
// "toplist" or "newslist-top10" is kept.
class FurnitureHints {
 public:
  bool Inside(const xmlNode* node);
  static bool Marks(const xmlNode* node);

 private:
  std::unordered_map<const xmlNode*, bool> memo_;
};

}  // namespace govwatch::extract
