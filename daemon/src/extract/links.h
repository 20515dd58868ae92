// Link extraction for the link checks (issue 6): every link a page carries, resolved to an
// absolute URL, with whether — and why — it is hidden from people looking at the page.
//
// Kinds: <a href>, <area href>, <iframe src>, <frame src>, <img src>, <script src>,
// <link href>, <form action>, <meta http-equiv=refresh content="N;url=…">, and links written by
// inline scripts (document.write('<a href=…>'), location.href = '…', location.replace('…'),
// window.open('…')). Relative links resolve against <base href> when present, else base_url.
//
// Hidden (暗链): an element is hidden when it or any ancestor is hidden by inline style, a
// <style> block or a linked stylesheet (its text passed in `stylesheets`): display:none,
// visibility:hidden, opacity 0 (≤ 0.05), font-size 0–1 px, absolute/fixed positioning at
// left/top ≤ −1000 px, text-indent ≤ −999 px, a width or height ≤ 1 px (or 0) together with
// overflow:hidden or a zero box, a <marquee> whose height or width ≤ 5 px or whose scrollamount
// ≥ 1000, the text colour equal to the background colour, and the HTML `hidden` attribute.
// Stylesheet selectors supported: tag, .class, #id, tag.class, tag#id, compound (.a.b),
// descendant (A B), child (A > B, treated as descendant), comma lists, `*`. Unsupported
// (such a rule is ignored, never misapplied): attribute selectors, pseudo-classes/elements,
// sibling combinators, @media blocks (their inner rules are ignored), !important priority;
// specificity is not computed: a hiding declaration from any matching rule counts as hidden
// unless the element's own inline style overrides the same property.
//
// Benign hiding (hidden_benign, no veto): tab panels (hidden siblings of a visible panel in a
// tab container, or in containers whose id/class names tabs), collapsed menus/dropdowns
// (hidden lists inside navigation/menus/dropdowns/下拉), a CMS signature link (Hanweb's
// "Produced By 大汉网络" and similar), and statistics scripts (CNZZ, 百度统计, 51.la, …).
//
// Pure; thread-safe. Never fails: an unparsable page yields the links the forgiving parser finds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace govwatch::extract {

enum class LinkKind {
  kA, kArea, kIframe, kFrame, kImg, kScript, kLink, kForm, kMetaRefresh, kScriptWritten,
};
// "a", "area", "iframe", "frame", "img", "script", "link", "form", "meta_refresh",
// "script_written".
std::string_view ToString(LinkKind kind);

struct Link {
  // Absolute URL; empty when the href leads nowhere as a document (empty, "#…", javascript:,
  // mailto:, tel:, data:) — the raw value is in `href`.
  std::string url;
  std::string href;  // as written in the page (attribute value, trimmed)
  // Anchor text, whitespace collapsed; for <img> its alt, for an <a> around an image only the
  // image's alt when it has no text; for other kinds the title attribute or "".
  std::string text;
  LinkKind kind = LinkKind::kA;
  bool hidden = false;
  std::string hidden_reason;  // Chinese, e.g. "样式 display:none（祖先元素 div#hl）"; "" if visible
  bool hidden_benign = false;  // hidden, but a known harmless pattern (see above)
  std::string benign_reason;   // Chinese, e.g. "选项卡面板", "大汉网络版权签名"; "" if not benign
  // For fake-link detection: the element carries a script handler (onclick, onmouseover, …) or
  // a data-* target, so a "#"/javascript: href may well do something.
  bool has_handler = false;
  int line = 0;  // 1-based source line of the element when the parser knows it; 0 otherwise
};

// Every link in `html`, in document order. `base_url` is the page's URL. `stylesheets` are the
// texts of the page's linked stylesheets (see StylesheetUrls), in any order.
std::vector<Link> ExtractLinks(std::string_view html, std::string_view base_url,
                               const std::vector<std::string>& stylesheets = {});

// Absolute URLs of the page's <link rel="stylesheet" href> in document order, for the crawler
// to fetch and pass back to ExtractLinks.
std::vector<std::string> StylesheetUrls(std::string_view html, std::string_view base_url);

// What soft-404 and destination classification read: the page's <title> and its visible text
// (script/style excluded, whitespace collapsed), plus <meta name=keywords/description>, which
// parked and gambling pages stuff. Never fails.
//
// `headings` and `message` are the page's own message, what soft-404 reads: an error page says
// so in its title, its heading or its short body, whereas link texts (a list entry "已失效", an
// anchor "第404页") describe other pages.
struct PageText {
  std::string title;
  std::string text;      // title + meta keywords/description + body text, one space separated
  std::string headings;  // text of the <h1>/<h2> elements, one space separated
  std::string message;   // body text outside <a>, <nav>, <select> and <button>
};
PageText ReadPageText(std::string_view html);

}  // namespace govwatch::extract
