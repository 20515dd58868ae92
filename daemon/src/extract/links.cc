#include "extract/links.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <map>
#include <optional>
#include <unordered_map>

#include "extract/common.h"
#include "extract/html.h"
#include "extract/url.h"

namespace govwatch::extract {

std::string_view ToString(LinkKind kind) {
  switch (kind) {
    case LinkKind::kA: return "a";
    case LinkKind::kArea: return "area";
    case LinkKind::kIframe: return "iframe";
    case LinkKind::kFrame: return "frame";
    case LinkKind::kImg: return "img";
    case LinkKind::kScript: return "script";
    case LinkKind::kLink: return "link";
    case LinkKind::kForm: return "form";
    case LinkKind::kMetaRefresh: return "meta_refresh";
    case LinkKind::kScriptWritten: return "script_written";
  }
  return "a";
}

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

std::vector<std::string> SplitWs(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A deliberately small CSS reader: enough for the selectors that hidden-link hacks and CMS
// templates use (see links.h for what is unsupported; such selectors are dropped, never guessed).

using Declarations = std::map<std::string, std::string>;  // property → lower-case value

struct Compound {
  std::string tag;  // "" = any
  std::string id;
  std::vector<std::string> classes;
};

struct Rule {
  std::vector<Compound> parts;  // left to right, joined by descendant combinators
  Declarations decls;
};

// Only these properties matter for hiding; rules setting none of them are dropped early.
bool RelevantProperty(std::string_view p) {
  static constexpr std::array<std::string_view, 20> kProps = {
      "display", "visibility", "opacity", "font-size", "position", "left", "top", "text-indent",
      "width", "height", "overflow", "color", "background", "background-color", "filter",
      "margin-left", "margin-top", "font", "line-height", "max-height"};
  return std::find(kProps.begin(), kProps.end(), p) != kProps.end();
}

Declarations ParseDeclarations(std::string_view text) {
  Declarations out;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t end = text.find(';', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view decl = text.substr(i, end - i);
    const std::size_t colon = decl.find(':');
    if (colon != std::string_view::npos) {
      std::string prop = Lower(Trim(decl.substr(0, colon)));
      std::string value = Lower(Trim(decl.substr(colon + 1)));
      if (const std::size_t imp = value.find("!important"); imp != std::string::npos) {
        value = std::string(Trim(std::string_view(value).substr(0, imp)));
      }
      if (RelevantProperty(prop)) out[prop] = value;
    }
    i = end + 1;
  }
  return out;
}

std::optional<Compound> ParseCompound(std::string_view s) {
  Compound c;
  std::size_t i = 0;
  auto ident = [&](std::size_t from) {
    std::size_t j = from;
    while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '-' ||
                            s[j] == '_' || static_cast<unsigned char>(s[j]) >= 0x80)) {
      ++j;
    }
    return j;
  };
  if (i < s.size() && s[i] == '*') {
    ++i;
  } else {
    const std::size_t j = ident(i);
    c.tag = Lower(s.substr(i, j - i));
    i = j;
  }
  while (i < s.size()) {
    const char k = s[i];
    if (k != '.' && k != '#') return std::nullopt;  // [attr], :pseudo, +, ~ …: unsupported
    const std::size_t j = ident(i + 1);
    if (j == i + 1) return std::nullopt;
    std::string name(s.substr(i + 1, j - i - 1));
    if (k == '.') {
      c.classes.push_back(std::move(name));
    } else {
      c.id = std::move(name);
    }
    i = j;
  }
  if (c.tag.empty() && c.id.empty() && c.classes.empty() && s != "*") return std::nullopt;
  return c;
}

// "div.hl a, #x > span" → one Rule per supported selector.
void AddRules(std::string_view selectors, const Declarations& decls, std::vector<Rule>& rules) {
  std::size_t i = 0;
  while (i <= selectors.size()) {
    std::size_t end = selectors.find(',', i);
    if (end == std::string_view::npos) end = selectors.size();
    std::string sel(Trim(selectors.substr(i, end - i)));
    i = end + 1;
    for (char& ch : sel) {
      if (ch == '>') ch = ' ';  // child treated as descendant (a superset; see links.h)
    }
    Rule rule;
    bool ok = !Trim(sel).empty();
    for (const std::string& part : SplitWs(sel)) {
      auto compound = ParseCompound(part);
      if (!compound) {
        ok = false;
        break;
      }
      rule.parts.push_back(std::move(*compound));
    }
    if (ok && !rule.parts.empty()) {
      rule.decls = decls;
      rules.push_back(std::move(rule));
    }
  }
}

std::string StripComments(std::string_view css) {
  std::string out;
  out.reserve(css.size());
  std::size_t i = 0;
  while (i < css.size()) {
    if (css.compare(i, 2, "/*") == 0) {
      const std::size_t end = css.find("*/", i + 2);
      if (end == std::string_view::npos) break;
      i = end + 2;
      continue;
    }
    out.push_back(css[i++]);
  }
  return out;
}

void ParseStylesheet(std::string_view raw, std::vector<Rule>& rules) {
  const std::string css = StripComments(raw);
  std::size_t i = 0;
  while (i < css.size()) {
    const std::size_t open = css.find('{', i);
    if (open == std::string::npos) break;
    std::string_view prelude = std::string_view(css).substr(i, open - i);
    // "@import url(x); .a" and "<!-- .a": keep what follows the last statement end.
    if (const std::size_t semi = prelude.rfind(';'); semi != std::string_view::npos) {
      prelude.remove_prefix(semi + 1);
    }
    prelude = Trim(prelude);
    if (prelude.starts_with("<!--")) prelude = Trim(prelude.substr(4));
    if (prelude.starts_with("-->")) prelude = Trim(prelude.substr(3));
    if (prelude.starts_with("@")) {
      // @media/@supports/@font-face…: skip the whole block, nested braces included.
      int depth = 0;
      std::size_t j = open;
      for (; j < css.size(); ++j) {
        if (css[j] == '{') ++depth;
        if (css[j] == '}' && --depth == 0) break;
      }
      i = j + 1;
      continue;
    }
    const std::size_t close = css.find('}', open);
    const std::size_t body_end = close == std::string::npos ? css.size() : close;
    const Declarations decls =
        ParseDeclarations(std::string_view(css).substr(open + 1, body_end - open - 1));
    if (!decls.empty()) AddRules(prelude, decls, rules);
    if (close == std::string::npos) break;
    i = close + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Values

// A CSS length in px (pt and em converted roughly: 1pt = 1.33px, 1em = 16px); "0" is 0.
std::optional<double> LengthPx(std::string_view v) {
  v = Trim(v);
  if (v.empty()) return std::nullopt;
  const std::string s(v);
  char* end = nullptr;
  const double n = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) return std::nullopt;
  const std::string_view unit = Trim(std::string_view(end));
  if (unit.empty() || unit == "px") return n;
  if (unit == "pt") return n * 4.0 / 3.0;
  if (unit == "em" || unit == "rem") return n * 16.0;
  if (unit == "%") return std::nullopt;
  return std::nullopt;
}

std::optional<double> Number(std::string_view v) {
  v = Trim(v);
  const std::string s(v);
  char* end = nullptr;
  const double n = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) return std::nullopt;
  return n;
}

// "#fff", "#FFFFFF", "white", "rgb(255,255,255)" → "#ffffff"; nullopt when not a colour.
std::optional<std::string> NormalizeColor(std::string_view v) {
  std::string s = Lower(Trim(v));
  static const std::map<std::string, std::string> kNamed = {
      {"white", "#ffffff"}, {"black", "#000000"}, {"red", "#ff0000"},   {"blue", "#0000ff"},
      {"green", "#008000"}, {"yellow", "#ffff00"}, {"gray", "#808080"}, {"grey", "#808080"},
      {"silver", "#c0c0c0"}};
  if (auto it = kNamed.find(s); it != kNamed.end()) return it->second;
  if (s.size() == 4 && s[0] == '#' &&
      std::all_of(s.begin() + 1, s.end(), [](char c) { return std::isxdigit(c); })) {
    return std::string{'#', s[1], s[1], s[2], s[2], s[3], s[3]};
  }
  if (s.size() == 7 && s[0] == '#' &&
      std::all_of(s.begin() + 1, s.end(), [](char c) { return std::isxdigit(c); })) {
    return s;
  }
  if (s.starts_with("rgb(")) {
    int rgb[3] = {0, 0, 0};
    std::size_t pos = 4;
    for (int k = 0; k < 3; ++k) {
      while (pos < s.size() && (s[pos] == ' ' || s[pos] == ',')) ++pos;
      auto [p, ec] = std::from_chars(s.data() + pos, s.data() + s.size(), rgb[k]);
      if (ec != std::errc()) return std::nullopt;
      pos = static_cast<std::size_t>(p - s.data());
    }
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", rgb[0] & 255, rgb[1] & 255, rgb[2] & 255);
    return std::string(buf);
  }
  return std::nullopt;
}

// The colour token of a `background` shorthand ("#fff url(x) no-repeat" → "#ffffff").
std::optional<std::string> BackgroundColor(const Declarations& d) {
  if (auto it = d.find("background-color"); it != d.end()) return NormalizeColor(it->second);
  if (auto it = d.find("background"); it != d.end()) {
    for (const std::string& tok : SplitWs(it->second)) {
      if (auto c = NormalizeColor(tok)) return c;
    }
  }
  return std::nullopt;
}

std::string Get(const Declarations& d, const char* prop) {
  auto it = d.find(prop);
  return it == d.end() ? std::string() : it->second;
}

// ---------------------------------------------------------------------------------------------
// Style resolution and hiding

std::string Describe(const xmlNode* n) {
  std::string out(Name(n));
  const std::string id = Attr(n, "id");
  if (!id.empty()) out += "#" + id;
  const auto classes = SplitWs(Attr(n, "class"));
  if (!classes.empty()) out += "." + classes.front();
  return out;
}

enum class Technique { kNone, kDisplay, kVisibility, kHiddenAttr, kOther };

struct Hiding {
  Technique technique = Technique::kNone;
  std::string reason;              // Chinese
  const xmlNode* by = nullptr;     // the element whose own style hides
};

class StyleResolver {
 public:
  explicit StyleResolver(std::vector<Rule> rules) : rules_(std::move(rules)) {}

  const Declarations& Of(const xmlNode* n) {
    auto it = memo_.find(n);
    if (it != memo_.end()) return it->second;
    Declarations d;
    for (const Rule& r : rules_) {
      if (Matches(n, r)) {
        for (const auto& [k, v] : r.decls) d[k] = v;
      }
    }
    for (const auto& [k, v] : ParseDeclarations(Attr(n, "style"))) d[k] = v;
    return memo_.emplace(n, std::move(d)).first->second;
  }

  // The hiding of `n` itself (not its ancestors).
  Hiding Own(const xmlNode* n) {
    Hiding h;
    h.by = n;
    const Declarations& d = Of(n);
    auto set = [&](Technique t, std::string reason) {
      h.technique = t;
      h.reason = std::move(reason);
      return h;
    };
    if (Get(d, "display") == "none") return set(Technique::kDisplay, "样式 display:none");
    if (const std::string v = Get(d, "visibility"); v == "hidden" || v == "collapse") {
      return set(Technique::kVisibility, "样式 visibility:" + v);
    }
    if (xmlHasProp(const_cast<xmlNode*>(n), reinterpret_cast<const xmlChar*>("hidden")) !=
        nullptr) {
      return set(Technique::kHiddenAttr, "HTML hidden 属性");
    }
    if (auto o = Number(Get(d, "opacity")); o && *o <= 0.05) {
      return set(Technique::kOther, "样式 opacity:" + Get(d, "opacity"));
    }
    if (const std::string f = Get(d, "filter"); Contains(f, "opacity=0)") ||
                                                 Contains(f, "opacity=0 ")) {
      return set(Technique::kOther, "样式 filter:" + f);
    }
    if (auto fs = LengthPx(Get(d, "font-size")); fs && *fs <= 1.0) {
      return set(Technique::kOther, "样式 font-size:" + Get(d, "font-size") + "（字号过小）");
    }
    const std::string position = Get(d, "position");
    if (position == "absolute" || position == "fixed") {
      for (const char* side : {"left", "top"}) {
        if (auto v = LengthPx(Get(d, side)); v && *v <= -1000) {
          return set(Technique::kOther, std::string("样式 position:") + position + ";" + side +
                                            ":" + Get(d, side) + "（移出屏幕）");
        }
      }
    }
    for (const char* side : {"margin-left", "margin-top"}) {
      if (auto v = LengthPx(Get(d, side)); v && *v <= -1000) {
        return set(Technique::kOther,
                   std::string("样式 ") + side + ":" + Get(d, side) + "（移出屏幕）");
      }
    }
    if (auto ti = LengthPx(Get(d, "text-indent")); ti && *ti <= -999) {
      return set(Technique::kOther, "样式 text-indent:" + Get(d, "text-indent") + "（文字缩进出屏幕）");
    }
    const std::string overflow = Get(d, "overflow");
    if (overflow == "hidden") {
      for (const char* dim : {"width", "height", "max-height"}) {
        if (auto v = LengthPx(Get(d, dim)); v && *v <= 1.0) {
          return set(Technique::kOther, std::string("样式 overflow:hidden;") + dim + ":" +
                                            Get(d, dim) + "（零尺寸容器）");
        }
      }
    }
    const std::string_view name = Name(n);
    if (name == "marquee") {
      for (const char* dim : {"width", "height"}) {
        std::optional<double> v = LengthPx(Attr(n, dim));
        if (!v) v = LengthPx(Get(d, dim));
        if (v && *v <= 5.0) {
          return set(Technique::kOther, std::string("极小的滚动字幕 <marquee> ") + dim + "=" +
                                            std::to_string(static_cast<int>(*v)));
        }
      }
      if (auto amount = Number(Attr(n, "scrollamount")); amount && *amount >= 1000) {
        return set(Technique::kOther,
                   "滚动字幕 scrollamount=" + Attr(n, "scrollamount") + "（滚动过快无法看清）");
      }
    }
    if (name == "iframe" || name == "frame" || name == "img") {
      for (const char* dim : {"width", "height"}) {
        std::optional<double> v = LengthPx(Attr(n, dim));
        if (!v) v = LengthPx(Get(d, dim));
        if (v && *v <= 1.0) {
          return set(Technique::kOther, std::string("零尺寸 <") + std::string(name) + "> " +
                                            dim + "=" + std::to_string(static_cast<int>(*v)));
        }
      }
    }
    return h;
  }

  // Hiding of `n` by itself or the nearest hiding ancestor (memoised).
  const Hiding& Effective(const xmlNode* n) {
    auto it = effective_.find(n);
    if (it != effective_.end()) return it->second;
    Hiding h;
    if (n != nullptr && IsElement(n)) {
      h = Own(n);
      if (h.technique == Technique::kNone && n->parent != nullptr && IsElement(n->parent)) {
        h = Effective(n->parent);
      }
    }
    return effective_.emplace(n, std::move(h)).first->second;
  }

  // Text colour equal to the background colour, judged at `n` with inheritance.
  std::optional<std::string> SameColour(const xmlNode* n) {
    std::optional<std::string> color;
    std::optional<std::string> background;
    for (const xmlNode* p = n; p != nullptr && IsElement(p); p = p->parent) {
      const Declarations& d = Of(p);
      if (!color) {
        if (auto it = d.find("color"); it != d.end()) color = NormalizeColor(it->second);
        if (!color && IsNamed(p, "font")) color = NormalizeColor(Attr(p, "color"));
      }
      if (!background) {
        background = BackgroundColor(d);
        if (!background) background = NormalizeColor(Attr(p, "bgcolor"));
      }
      if (color && background) break;
    }
    if (color && background && *color == *background) return *color;
    return std::nullopt;
  }

 private:
  static bool MatchesCompound(const xmlNode* n, const Compound& c) {
    if (!IsElement(n)) return false;
    if (!c.tag.empty() && Name(n) != c.tag) return false;
    if (!c.id.empty() && Attr(n, "id") != c.id) return false;
    if (!c.classes.empty()) {
      const auto classes = SplitWs(Attr(n, "class"));
      for (const std::string& want : c.classes) {
        if (std::find(classes.begin(), classes.end(), want) == classes.end()) return false;
      }
    }
    return true;
  }

  static bool Matches(const xmlNode* n, const Rule& r) {
    if (!MatchesCompound(n, r.parts.back())) return false;
    const xmlNode* p = n->parent;
    for (std::size_t i = r.parts.size() - 1; i-- > 0;) {
      while (p != nullptr && !MatchesCompound(p, r.parts[i])) p = p->parent;
      if (p == nullptr) return false;
      p = p->parent;
    }
    return true;
  }

  std::vector<Rule> rules_;
  std::unordered_map<const xmlNode*, Declarations> memo_;
  std::unordered_map<const xmlNode*, Hiding> effective_;
};

// ---------------------------------------------------------------------------------------------
// Benign hiding

std::string IdClassLower(const xmlNode* n) { return Lower(Attr(n, "id") + " " + Attr(n, "class")); }

bool HostEndsWith(std::string_view url, std::string_view domain) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return false;
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
    rest.remove_prefix(at + 1);
  }
  rest = rest.substr(0, rest.find(':'));
  const std::string host = Lower(rest);
  return host == domain ||
         (host.size() > domain.size() && host.ends_with(domain) &&
          host[host.size() - domain.size() - 1] == '.');
}

std::optional<std::string> StatisticsOrSignature(const Link& link) {
  static constexpr std::array<std::string_view, 10> kStats = {
      "cnzz.com", "umeng.com", "51.la", "hm.baidu.com", "tongji.baidu.com",
      "google-analytics.com", "googletagmanager.com", "51yes.com", "ucweb.com", "kaipuyun.cn"};
  for (std::string_view d : kStats) {
    if (HostEndsWith(link.url, d)) return "网站统计代码";
  }
  if (Contains(link.text, "站长统计") || Contains(link.text, "网站统计")) return "网站统计代码";
  const std::string text = Lower(link.text);
  if (HostEndsWith(link.url, "hanweb.com") || Contains(link.text, "大汉网络") ||
      Contains(text, "produced by")) {
    return "内容管理系统版权签名（大汉网络 Produced By）";
  }
  return std::nullopt;
}

bool NamesTab(std::string_view idclass) {
  static constexpr std::array<std::string_view, 10> kWords = {
      "tab", "xxk", "qiehuan", "switch", "slide", "pane", "panel", "con_", "-con", "hidden"};
  for (std::string_view w : kWords) {
    if (Contains(idclass, w)) return true;
  }
  return false;
}

std::string StripDigits(std::string s) {
  while (!s.empty() && std::isdigit(static_cast<unsigned char>(s.back()))) s.pop_back();
  while (!s.empty() && (s.back() == '_' || s.back() == '-')) s.pop_back();
  return s;
}

// A hidden panel next to a visible one of the same family, or in a container named for tabs.
bool TabPanel(const xmlNode* hidden, StyleResolver& styles) {
  const xmlNode* parent = hidden->parent;
  if (NamesTab(IdClassLower(hidden)) || (parent != nullptr && NamesTab(IdClassLower(parent)))) {
    return true;
  }
  if (parent == nullptr) return false;
  const std::string cls = Attr(hidden, "class");
  const std::string id_family = StripDigits(Attr(hidden, "id"));
  for (const xmlNode* s = parent->children; s != nullptr; s = s->next) {
    if (s == hidden || !IsElement(s) || Name(s) != Name(hidden)) continue;
    const bool same_family = (!cls.empty() && Attr(s, "class") == cls) ||
                             (!id_family.empty() && Attr(hidden, "id") != id_family &&
                              StripDigits(Attr(s, "id")) == id_family);
    if (same_family && styles.Own(s).technique == Technique::kNone) return true;
  }
  return false;
}

bool CollapsedMenu(const xmlNode* hidden) {
  const std::string_view name = Name(hidden);
  if ((name == "ul" || name == "ol" || name == "dl" || name == "div") && hidden->parent != nullptr &&
      (IsNamed(hidden->parent, "li") || IsNamed(hidden->parent, "dd"))) {
    return true;
  }
  static constexpr std::array<std::string_view, 9> kWords = {
      "nav", "menu", "drop", "xiala", "xl_", "subnav", "submenu", "sub_", "select"};
  int depth = 0;
  for (const xmlNode* p = hidden; p != nullptr && IsElement(p) && depth < 4; p = p->parent, ++depth) {
    const std::string ic = IdClassLower(p);
    for (std::string_view w : kWords) {
      if (Contains(ic, w)) return true;
    }
  }
  return false;
}

void JudgeBenign(Link& link, const Hiding& hiding, StyleResolver& styles) {
  if (auto why = StatisticsOrSignature(link)) {
    link.hidden_benign = true;
    link.benign_reason = *why;
    return;
  }
  if (hiding.by == nullptr) return;
  // Tabs and menus collapse with display/visibility/hidden only; off-screen, zero-size, tiny
  // font or same-colour text are not how any widget hides a panel.
  if (hiding.technique != Technique::kDisplay && hiding.technique != Technique::kVisibility &&
      hiding.technique != Technique::kHiddenAttr) {
    return;
  }
  if (CollapsedMenu(hiding.by)) {
    link.hidden_benign = true;
    link.benign_reason = "折叠的下拉菜单";
  } else if (TabPanel(hiding.by, styles)) {
    link.hidden_benign = true;
    link.benign_reason = "选项卡面板";
  }
}

void ApplyHiding(Link& link, const xmlNode* element, StyleResolver& styles) {
  const Hiding& h = styles.Effective(element);
  if (h.technique != Technique::kNone) {
    link.hidden = true;
    link.hidden_reason = h.reason;
    if (h.by != element) link.hidden_reason += "（祖先元素 " + Describe(h.by) + "）";
    JudgeBenign(link, h, styles);
    return;
  }
  if (auto colour = styles.SameColour(element)) {
    link.hidden = true;
    link.hidden_reason = "文字颜色与背景色相同（" + *colour + "）";
    JudgeBenign(link, Hiding{}, styles);
  }
}

bool HasHandler(const xmlNode* n) {
  int depth = 0;
  for (const xmlNode* p = n; p != nullptr && IsElement(p) && depth < 3; p = p->parent, ++depth) {
    for (const xmlAttr* a = p->properties; a != nullptr; a = a->next) {
      const std::string_view name = reinterpret_cast<const char*>(a->name);
      if (name.starts_with("on") || name == "data-toggle" || name == "data-target" ||
          name == "data-tab" || (name == "role" && Attr(p, "role") == "tab")) {
        return true;
      }
    }
  }
  return false;
}

std::string AnchorText(const xmlNode* n) {
  std::string text = Text(n);
  if (!text.empty()) return text;
  const xmlNode* img = nullptr;
  Walk(n, [&](const xmlNode* c) {
    if (img == nullptr && IsNamed(c, "img")) img = c;
    return img == nullptr;
  });
  if (img != nullptr) return CollapseSpaces(Attr(img, "alt"));
  return CollapseSpaces(Attr(n, "title"));
}

// ---------------------------------------------------------------------------------------------
// Inline scripts

// Reads a JS string literal starting at s[i] (a quote); appends its value. Returns the index
// after the closing quote. Sets `escaped` when \x or \u escapes were used.
std::size_t ReadJsString(std::string_view s, std::size_t i, std::string& out, bool& escaped) {
  const char quote = s[i++];
  while (i < s.size() && s[i] != quote) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char e = s[i + 1];
      if ((e == 'x' && i + 3 < s.size()) || (e == 'u' && i + 5 < s.size())) {
        const int len = e == 'x' ? 2 : 4;
        unsigned value = 0;
        auto [p, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 2 + len, value, 16);
        if (ec == std::errc() && p == s.data() + i + 2 + len && value < 0x80) {
          out.push_back(static_cast<char>(value));
          escaped = true;
          i += 2 + len;
          continue;
        }
      }
      out.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
      i += 2;
      continue;
    }
    out.push_back(s[i++]);
  }
  return i < s.size() ? i + 1 : i;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 5 < s.size() && (s[i + 1] == 'u' || s[i + 1] == 'U')) {
      // unescape()'s %uXXXX form → UTF-8.
      unsigned cp = 0;
      auto [p, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16);
      if (ec == std::errc() && p == s.data() + i + 6) {
        if (cp < 0x80) {
          out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
          out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
          out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
          out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
          out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
          out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
        i += 5;
        continue;
      }
    }
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// The argument list of a call whose '(' is at s[open]: concatenated string literals, and
// whether it was obfuscated (unescape, \x escapes). Stops at the matching ')'.
std::pair<std::string, bool> CallStrings(std::string_view s, std::size_t open) {
  std::string value;
  bool escaped = false;
  int depth = 0;
  std::size_t i = open;
  const std::size_t start = open;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"' || c == '\'' || c == '`') {
      i = ReadJsString(s, i, value, escaped) - 1;
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) break;
  }
  const std::string_view call = s.substr(start, i - start);
  if (Contains(call, "unescape(") || Contains(call, "decodeURIComponent(")) {
    value = PercentDecode(value);
    escaped = true;
  }
  return {value, escaped};
}

struct ScriptTarget {
  std::string html;      // document.write: the written markup
  std::string url;       // navigation: the target
  std::string how;       // "document.write", "location.href", "window.open", …
  bool obfuscated = false;
};

std::vector<ScriptTarget> ScanScript(std::string_view js) {
  std::vector<ScriptTarget> out;
  // document.write / writeln
  for (std::size_t pos = js.find("document.write"); pos != std::string_view::npos;
       pos = js.find("document.write", pos + 1)) {
    const std::size_t open = js.find('(', pos);
    if (open == std::string_view::npos || open > pos + 20) continue;
    auto [value, obfuscated] = CallStrings(js, open);
    if (!value.empty()) out.push_back({std::move(value), "", "document.write", obfuscated});
  }
  // location.href = '…', window.location = '…', location.replace('…'), window.open('…')
  auto string_after = [&](std::size_t i) -> std::optional<std::pair<std::string, bool>> {
    while (i < js.size() && std::isspace(static_cast<unsigned char>(js[i]))) ++i;
    if (i < js.size() && (js[i] == '"' || js[i] == '\'')) {
      std::string v;
      bool esc = false;
      ReadJsString(js, i, v, esc);
      return std::make_pair(v, esc);
    }
    return std::nullopt;
  };
  for (std::size_t pos = js.find("location"); pos != std::string_view::npos;
       pos = js.find("location", pos + 1)) {
    std::size_t i = pos + 8;
    std::string how = "location.href";
    if (js.compare(i, 5, ".href") == 0) {
      i += 5;
    } else if (js.compare(i, 8, ".replace") == 0 || js.compare(i, 7, ".assign") == 0) {
      how = js.compare(i, 8, ".replace") == 0 ? "location.replace" : "location.assign";
      i += how == "location.replace" ? 8 : 7;
      while (i < js.size() && std::isspace(static_cast<unsigned char>(js[i]))) ++i;
      if (i >= js.size() || js[i] != '(') continue;
      if (auto v = string_after(i + 1)) out.push_back({"", v->first, how, v->second});
      continue;
    }
    while (i < js.size() && std::isspace(static_cast<unsigned char>(js[i]))) ++i;
    if (i >= js.size() || js[i] != '=' || (i + 1 < js.size() && js[i + 1] == '=')) continue;
    if (auto v = string_after(i + 1)) out.push_back({"", v->first, how, v->second});
  }
  for (std::size_t pos = js.find("window.open"); pos != std::string_view::npos;
       pos = js.find("window.open", pos + 1)) {
    std::size_t i = pos + 11;
    while (i < js.size() && std::isspace(static_cast<unsigned char>(js[i]))) ++i;
    if (i >= js.size() || js[i] != '(') continue;
    if (auto v = string_after(i + 1)) out.push_back({"", v->first, "window.open", v->second});
  }
  return out;
}

std::string MetaRefreshUrl(std::string_view content) {
  const std::string lower = Lower(content);
  const std::size_t u = lower.find("url");
  if (u == std::string::npos) return "";
  std::size_t i = u + 3;
  while (i < content.size() && (content[i] == ' ' || content[i] == '=')) ++i;
  std::string_view rest = Trim(content.substr(i));
  if (!rest.empty() && (rest.front() == '\'' || rest.front() == '"')) {
    const char q = rest.front();
    rest.remove_prefix(1);
    rest = rest.substr(0, rest.find(q));
  }
  return std::string(Trim(rest));
}

struct LinkSpec {
  const char* element;
  const char* attribute;
  LinkKind kind;
};
constexpr std::array<LinkSpec, 9> kSpecs = {{
    {"a", "href", LinkKind::kA},
    {"area", "href", LinkKind::kArea},
    {"iframe", "src", LinkKind::kIframe},
    {"frame", "src", LinkKind::kFrame},
    {"img", "src", LinkKind::kImg},
    {"script", "src", LinkKind::kScript},
    {"link", "href", LinkKind::kLink},
    {"form", "action", LinkKind::kForm},
    {"embed", "src", LinkKind::kIframe},
}};

// Kinds that people see; the others (script, link, meta refresh) are invisible by nature, so
// "hidden" says nothing about them.
bool Displayed(LinkKind k) {
  return k == LinkKind::kA || k == LinkKind::kArea || k == LinkKind::kIframe ||
         k == LinkKind::kFrame || k == LinkKind::kImg || k == LinkKind::kScriptWritten;
}

std::string HostLower(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  return Lower(rest.substr(0, rest.find(':')));
}

std::vector<Rule> CollectRules(const xmlDoc* doc, const std::vector<std::string>& stylesheets) {
  std::vector<Rule> rules;
  for (const std::string& sheet : stylesheets) ParseStylesheet(sheet, rules);
  Walk(Root(doc), [&](const xmlNode* n) {
    if (IsNamed(n, "style")) {
      xmlChar* content = xmlNodeGetContent(n);
      if (content != nullptr) {
        ParseStylesheet(reinterpret_cast<const char*>(content), rules);
        xmlFree(content);
      }
      return false;
    }
    return true;
  });
  return rules;
}

}  // namespace

std::vector<Link> ExtractLinks(std::string_view html, std::string_view base_url,
                               const std::vector<std::string>& stylesheets) {
  std::vector<Link> out;
  DocPtr doc = ParseHtml(html);
  const xmlNode* root = Root(doc.get());
  if (root == nullptr) return out;
  const std::string base = DocumentBase(doc.get(), std::string(base_url));
  const std::string page_host = HostLower(base_url);
  StyleResolver styles(CollectRules(doc.get(), stylesheets));

  Walk(root, [&](const xmlNode* n) {
    if (!IsElement(n)) return true;
    const std::string_view name = Name(n);
    if (name == "meta") {
      if (Lower(Attr(n, "http-equiv")) == "refresh") {
        Link link;
        link.kind = LinkKind::kMetaRefresh;
        link.href = MetaRefreshUrl(Attr(n, "content"));
        if (!link.href.empty()) {
          link.url = ResolveUrl(base, link.href).value_or("");
          link.line = static_cast<int>(xmlGetLineNo(n));
          out.push_back(std::move(link));
        }
      }
      return false;
    }
    for (const LinkSpec& spec : kSpecs) {
      if (name != spec.element) continue;
      if (xmlHasProp(const_cast<xmlNode*>(n), reinterpret_cast<const xmlChar*>(spec.attribute)) ==
          nullptr) {
        break;  // <a name=…> anchors, <form> posting to itself: not links
      }
      Link link;
      link.kind = spec.kind;
      link.href = std::string(Trim(Attr(n, spec.attribute)));
      link.url = ResolveUrl(base, link.href).value_or("");
      if (spec.kind == LinkKind::kA || spec.kind == LinkKind::kArea) {
        link.text = spec.kind == LinkKind::kA ? AnchorText(n) : CollapseSpaces(Attr(n, "alt"));
        link.has_handler = HasHandler(n);
      } else if (spec.kind == LinkKind::kImg) {
        link.text = CollapseSpaces(Attr(n, "alt"));
      } else {
        link.text = CollapseSpaces(Attr(n, "title"));
      }
      link.line = static_cast<int>(xmlGetLineNo(n));
      if (Displayed(spec.kind)) ApplyHiding(link, n, styles);
      if (spec.kind == LinkKind::kScript) {
        if (auto why = StatisticsOrSignature(link)) {
          link.hidden_benign = true;  // not hidden, but say what it is for callers
          link.benign_reason = *why;
        }
      }
      out.push_back(std::move(link));
      break;
    }
    if (name == "script" && Attr(n, "src").empty()) {
      const std::string type = Lower(Attr(n, "type"));
      if (!type.empty() && !Contains(type, "javascript")) return false;  // text/xml datastores …
      xmlChar* content = xmlNodeGetContent(n);
      const std::string js = content == nullptr ? "" : reinterpret_cast<const char*>(content);
      if (content != nullptr) xmlFree(content);
      const Hiding& container = styles.Effective(n->parent);
      for (ScriptTarget& t : ScanScript(js)) {
        if (!t.url.empty()) {
          Link link;
          link.kind = LinkKind::kScriptWritten;
          link.href = t.url;
          link.url = ResolveUrl(base, t.url).value_or("");
          link.line = static_cast<int>(xmlGetLineNo(n));
          const std::string host = HostLower(link.url);
          // A script navigation away from the site hijacks visitors: hidden from view-source
          // readers and from anyone who does not run scripts.
          const bool gov = host == "gov.cn" || host.ends_with(".gov.cn");
          if (!link.url.empty() && !host.empty() && host != page_host && !gov) {
            link.hidden = true;
            link.hidden_reason = "内联脚本跳转到站外非政府网站（" + t.how + "）";
            JudgeBenign(link, Hiding{}, styles);
          }
          out.push_back(std::move(link));
          continue;
        }
        DocPtr fragment = ParseHtml(t.html);
        StyleResolver fragment_styles(CollectRules(fragment.get(), {}));
        Walk(Root(fragment.get()), [&](const xmlNode* f) {
          if (!IsElement(f)) return true;
          for (const LinkSpec& spec : kSpecs) {
            if (Name(f) != spec.element || Attr(f, spec.attribute).empty()) continue;
            Link link;
            link.kind = LinkKind::kScriptWritten;
            link.href = std::string(Trim(Attr(f, spec.attribute)));
            link.url = ResolveUrl(base, link.href).value_or("");
            link.text = spec.kind == LinkKind::kA ? AnchorText(f) : CollapseSpaces(Attr(f, "alt"));
            link.has_handler = HasHandler(f);
            link.line = static_cast<int>(xmlGetLineNo(n));
            if (spec.kind != LinkKind::kScript && spec.kind != LinkKind::kLink) {
              ApplyHiding(link, f, fragment_styles);
              if (!link.hidden && container.technique != Technique::kNone) {
                link.hidden = true;
                link.hidden_reason = container.reason + "（脚本所在的祖先元素 " +
                                     Describe(container.by) + "）";
                JudgeBenign(link, container, styles);
              }
            }
            if (!link.hidden && t.obfuscated) {
              link.hidden = true;
              link.hidden_reason = "内联脚本以编码方式（unescape/转义字符）写入";
            }
            if (link.hidden) link.hidden_reason = "脚本写入（document.write）；" + link.hidden_reason;
            if (!link.hidden_benign) {
              if (auto why = StatisticsOrSignature(link)) {
                link.hidden_benign = link.hidden;
                if (link.hidden) link.benign_reason = *why;
              }
            }
            out.push_back(std::move(link));
            break;
          }
          return true;
        });
      }
      return false;
    }
    return true;
  });
  return out;
}

std::vector<std::string> StylesheetUrls(std::string_view html, std::string_view base_url) {
  std::vector<std::string> out;
  DocPtr doc = ParseHtml(html);
  const xmlNode* root = Root(doc.get());
  if (root == nullptr) return out;
  const std::string base = DocumentBase(doc.get(), std::string(base_url));
  Walk(root, [&](const xmlNode* n) {
    if (IsNamed(n, "link") && Contains(Lower(Attr(n, "rel")), "stylesheet")) {
      if (auto url = ResolveUrl(base, Attr(n, "href"))) {
        if (std::find(out.begin(), out.end(), *url) == out.end()) out.push_back(*url);
      }
    }
    return true;
  });
  return out;
}

PageText ReadPageText(std::string_view html) {
  PageText out;
  DocPtr doc = ParseHtml(html);
  const xmlNode* root = Root(doc.get());
  if (root == nullptr) return out;
  const xmlNode* body = nullptr;
  std::string meta;
  Walk(root, [&](const xmlNode* n) {
    if (IsNamed(n, "title") && out.title.empty()) {
      out.title = Text(n);
      return false;
    }
    if (IsNamed(n, "meta")) {
      const std::string name = Lower(Attr(n, "name"));
      if (name == "keywords" || name == "description") {
        const std::string c = CollapseSpaces(Attr(n, "content"));
        if (!c.empty()) meta += (meta.empty() ? "" : " ") + c;
      }
      return false;
    }
    if (IsNamed(n, "body") && body == nullptr) {
      body = n;
      return false;
    }
    return true;
  });
  std::string text = body != nullptr ? Text(body) : Text(root);
  // The page's own message: the same text without what names other pages (link texts, menus).
  std::string headings;
  std::string message;
  Walk(body != nullptr ? body : root, [&](const xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content != nullptr) message += reinterpret_cast<const char*>(n->content);
      return false;
    }
    if (!IsElement(n)) return n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE;
    const std::string_view name = Name(n);
    if (name == "a" || name == "nav" || name == "select" || name == "button" ||
        name == "script" || name == "style" || name == "noscript" || name == "template" ||
        name == "title") {
      message.push_back(' ');  // the removed link text separated the words around it
      return false;
    }
    if (name == "h1" || name == "h2") {
      const std::string h = Text(n);
      if (!h.empty()) headings += (headings.empty() ? "" : " ") + h;
    }
    // Blocks separate words ("<td>a</td><td>b</td>"); inline markup does not ("通知<b>公告</b>").
    static constexpr std::array<std::string_view, 12> kInline = {
        "b", "i", "em", "strong", "span", "font", "u", "small", "sub", "sup", "label", "abbr"};
    if (std::find(kInline.begin(), kInline.end(), name) == kInline.end()) message.push_back(' ');
    return true;
  });
  out.headings = std::move(headings);
  out.message = CollapseSpaces(message);
  for (const std::string* part : {&out.title, &meta, &text}) {
    if (part->empty()) continue;
    if (!out.text.empty()) out.text += ' ';
    out.text += *part;
  }
  return out;
}

}  // namespace govwatch::extract
