// List pages: configured XPath, or automatic detection of the main repeated list(s) of dated
// links.
//
// Automatic detection, in short: every usable <a> is assigned to an "item" — the lowest ancestor
// (li, tr, dd, div.item, a per-record table, …) that has a same-tag sibling which also holds a
// link; links that are siblings of each other with dates and <br>s between them (a flat list,
// also inside one <td> or <p>) are each their own item. Items are grouped by (parent, tag): each
// group is a candidate list. A candidate counts when most of its items carry a date, its titles
// are title-length, and it is not page furniture (nav/header/footer/友情链接/热门/排行 by id,
// class or heading). All counting candidates at least a third as dated as the best are
// returned, so tabbed lists (hidden tabs included) all come back.
//
// A young column often has a single item, which has no sibling to repeat. So each link also
// remembers the lowest ancestor that sits in a list-shaped container (ul/ol/table/tbody/dl, or
// an element whose class or id says list) as a one-item candidate. When the page has no list at
// all, the best such candidate is returned if it has the full signature of a list entry: one
// title-length link, a printed date, little other text, no 上一篇/下一篇 label, outside
// furniture, not next to a footer's 版权所有/ICP备 lines, and the page is not an article (an
// article's prose would otherwise let a lone dated link in its sidebar pass).
#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

#include "extract/common.h"
#include "extract/extract.h"
#include "extract/html.h"
#include "extract/url.h"
#include "text/date_parse.h"

namespace govwatch::extract {
namespace {

using core::DateProvenance;
using core::Item;

constexpr std::array<std::string_view, 14> kHotHeadings = {
    "排行", "热门", "热点排行", "热文", "点击排行", "阅读排行", "推荐阅读", "相关文章",
    "相关阅读", "相关链接", "友情链接", "猜你喜欢", "最新评论", "图片新闻"};

// Link texts that are navigation between pages or to the column, never items.
bool IsPagerText(std::string_view t) {
  static constexpr std::array<std::string_view, 14> kPager = {
      "首页", "上一页", "下一页", "尾页", "末页", "更多", "更多>>", "more", "More", "MORE",
      ">>",   "<<",     "上页",   "下页"};
  for (const std::string_view p : kPager) {
    if (t == p) return true;
  }
  if (t.starts_with("更多")) return true;
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Text of a node, capped: enough to recognise a heading without copying a whole column.
std::string ShortText(const xmlNode* node, std::size_t cap) {
  std::string raw;
  Walk(node, [&](const xmlNode* n) {
    if (raw.size() > cap) return false;
    if (n->type == XML_TEXT_NODE && n->content != nullptr) {
      raw += reinterpret_cast<const char*>(n->content);
      return false;
    }
    return n->type == XML_ELEMENT_NODE && !IsNamed(n, "script") && !IsNamed(n, "style");
  });
  return CollapseSpaces(raw);
}

bool HotHeadingNear(const xmlNode* container) {
  const xmlNode* a = container;
  for (int up = 0; up < 3 && IsElement(a); ++up, a = a->parent) {
    int seen = 0;
    for (const xmlNode* s = a->prev; s != nullptr && seen < 2; s = s->prev) {
      if (!IsElement(s)) continue;
      ++seen;
      const std::string t = ShortText(s, 120);
      if (CodePoints(t) > 30) continue;
      for (const std::string_view k : kHotHeadings) {
        if (t.find(k) != std::string::npos) return true;
      }
    }
  }
  return false;
}

std::string AnchorTitle(const xmlNode* a) {
  std::string text = Text(a);
  std::string title = CollapseSpaces(Attr(a, "title"));
  const bool truncated = text.ends_with("...") || text.ends_with("…") || text.ends_with("..");
  if (!title.empty() && (text.empty() || truncated || CodePoints(title) > CodePoints(text))) {
    return title;
  }
  return text;
}

// Article-page navigation to the neighbouring article, never a list entry.
bool HasPrevNextLabel(std::string_view text) {
  for (const std::string_view l : {"上一篇", "下一篇", "上一条", "下一条"}) {
    if (text.find(l) != std::string_view::npos) return true;
  }
  return false;
}

// Lines that only a page footer carries.
bool HasFooterMarker(std::string_view text) {
  for (const std::string_view m : {"版权所有", "ICP备", "网站标识码", "主办单位", "承办单位",
                                   "技术支持", "公网安备", "Copyright", "©"}) {
    if (text.find(m) != std::string_view::npos) return true;
  }
  return false;
}

// Whether an element is shaped like a list: ul/ol/dl/table/tbody, or a class or id word that
// says list ("list", "newslist", "list_con", "lb" for 列表), or the wrapper we build around a
// Hanweb datastore's records. Returns 2 for a named list, 1 for a list tag, 0 otherwise.
int ListShape(const xmlNode* node) {
  int shape = 0;
  const std::string_view name = Name(node);
  if (name == "ul" || name == "ol" || name == "dl" || name == "table" || name == "tbody") {
    shape = 1;
  }
  for (const char* attr : {"class", "id"}) {
    const std::string value = Attr(node, attr);
    std::string word;
    for (std::size_t i = 0; i <= value.size(); ++i) {
      const char c = i < value.size() ? value[i] : ' ';
      if (std::isalpha(static_cast<unsigned char>(c))) {
        word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        continue;
      }
      if (word.find("list") != std::string::npos || word == "lb" || word == "datastore") return 2;
      word.clear();
    }
  }
  return shape;
}

// Whether `x` can be an entry of the list-shaped `container`: li in ul/ol, tr in a table, dt/dd
// in dl; in a container named as a list any block (div.item, p) or the link itself.
bool EntryOf(const xmlNode* x, const xmlNode* container, int shape) {
  const std::string_view c = Name(container);
  const std::string_view n = Name(x);
  if (c == "ul" || c == "ol") return n == "li";
  if (c == "table" || c == "tbody") return n == "tr";
  if (c == "dl") return n == "dt" || n == "dd";
  if (shape < 2) return false;
  return n == "li" || n == "div" || n == "p" || n == "a" || n == "dd" || n == "dt" ||
         n == "section" || n == "article" || n == "h3" || n == "h4";
}

// Removes text[begin,end) and brackets/spaces left around it: "标题 [06-30]" → "标题".
std::string CutDate(const std::string& text, std::size_t begin, std::size_t end) {
  std::string left = text.substr(0, begin);
  std::string right = text.substr(end);
  auto strip_tail = [](std::string& s) {
    for (bool changed = true; changed;) {
      changed = false;
      for (const std::string_view b : {" ", "[", "(", "（", "【", "［", "〔"}) {
        if (s.ends_with(b)) {
          s.resize(s.size() - b.size());
          changed = true;
        }
      }
    }
  };
  auto strip_head = [](std::string& s) {
    for (bool changed = true; changed;) {
      changed = false;
      for (const std::string_view b : {" ", "]", ")", "）", "】", "］", "〕"}) {
        if (s.starts_with(b)) {
          s.erase(0, b.size());
          changed = true;
        }
      }
    }
  };
  strip_tail(left);
  strip_head(right);
  return CollapseSpaces(left + (left.empty() || right.empty() ? "" : " ") + right);
}

struct ItemDate {
  std::optional<core::Timestamp> when;
  DateProvenance provenance = DateProvenance::kFirstSeen;
};

std::optional<core::Timestamp> LatestDate(std::string_view text, const Context& ctx) {
  std::optional<core::Timestamp> best;
  for (const auto& m : text::FindDates(text, ctx.now, ctx.tz)) {
    if (!best || m.utc > *best) best = m.utc;
  }
  return best;
}

struct Entry {
  const xmlNode* item = nullptr;
  std::vector<const xmlNode*> anchors;
};

struct Group {
  const xmlNode* container = nullptr;
  const xmlNode* hint_node = nullptr;  // where to look for furniture hints
  int single_shape = 0;                // > 0: a one-item candidate, with its container's shape
  std::vector<Entry> entries;
  std::unordered_map<const xmlNode*, std::size_t> index;
};

struct Built {
  std::vector<Item> items;
  int list_dated = 0;
  int url_dated = 0;
  double avg_title = 0;
};

class AutoList {
 public:
  AutoList(const Context& ctx, std::string base) : ctx_(ctx), base_(std::move(base)) {}

  // Collects candidate groups from one document. `hint_origin`, when set, stands in for the
  // candidates' position in the page (the <script> a Hanweb datastore came from).
  void Collect(const xmlNode* root, const xmlNode* hint_origin) {
    std::vector<const xmlNode*> anchors;
    std::unordered_set<const xmlNode*> has_anchor;
    Walk(root, [&](const xmlNode* n) {
      if (n->type == XML_TEXT_NODE) {
        if (hint_origin == nullptr) CountProse(n);
        return false;
      }
      if (!IsElement(n)) return false;
      const std::string_view name = Name(n);
      if (name == "script" || name == "style" || name == "head" || name == "select") {
        return false;
      }
      if (name == "a" && Usable(n)) {
        anchors.push_back(n);
        for (const xmlNode* p = n; IsElement(p) && has_anchor.insert(p).second; p = p->parent) {
        }
      }
      return true;
    });
    // Per parent: how many children of each tag hold a link, and whether <br>s separate them.
    struct Children {
      std::unordered_map<std::string_view, int> anchored;
      bool has_br = false;
    };
    std::unordered_map<const xmlNode*, Children> children;
    auto children_of = [&](const xmlNode* parent) -> const Children& {
      auto [it, inserted] = children.try_emplace(parent);
      if (inserted) {
        for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
          if (!IsElement(c)) continue;
          if (has_anchor.count(c) != 0) ++it->second.anchored[Name(c)];
          if (IsNamed(c, "br")) it->second.has_br = true;
        }
      }
      return it->second;
    };
    auto repeated = [&](const xmlNode* x) {
      const Children& c = children_of(x->parent);
      const auto found = c.anchored.find(Name(x));
      return found != c.anchored.end() && found->second >= 2;
    };
    for (const xmlNode* a : anchors) {
      const xmlNode* parent = a->parent;
      const std::string_view pn = Name(parent);
      // A link directly in a list container (<div class="list"><a class="item">…) is itself
      // the item; a link inside li/td/dd/p is part of that item — unless that element holds a
      // whole flat list (<td><a>…</a> 06-30<br><a>…</a> 06-29<br></td>): links separated by
      // <br>s in an element that is not itself one of several entries (<li><a>[类]</a><a>…
      // </a><br>摘要</li> repeated stays one entry per li).
      const bool inline_parent = pn == "li" || pn == "td" || pn == "dd" || pn == "dt" ||
                                 pn == "p" || pn == "span" || pn == "font" || pn == "em" ||
                                 pn == "strong" || pn == "b" || pn == "h2" || pn == "h3" ||
                                 pn == "h4" || pn == "h5" || pn == "h6" || pn == "th";
      const bool flat = inline_parent && children_of(parent).has_br && repeated(a) &&
                        !repeated(parent);
      const xmlNode* x = inline_parent && !flat ? parent : a;
      const xmlNode* item = nullptr;
      const xmlNode* single = nullptr;
      int single_shape = 0;
      for (int level = 0; level < 6 && IsElement(x) && IsElement(x->parent); ++level) {
        if (repeated(x)) {
          item = x;
          break;
        }
        if (single == nullptr) {
          const int shape = Shape(x->parent);
          if (shape > 0 && EntryOf(x, x->parent, shape)) {
            single = x;
            single_shape = shape;
          }
        }
        x = x->parent;
      }
      if (item != nullptr) Add(item, a, hint_origin, 0);
      // An entry that did not repeat in its list-shaped container is a one-item candidate even
      // when a layout block higher up repeats (Hanweb's two-column table).
      if (single != nullptr) Add(single, a, hint_origin, single_shape);
    }
  }

  std::vector<std::vector<Item>> Select() {
    struct Scored {
      std::size_t group;
      Built built;
      double weight;
    };
    std::vector<Scored> counting;
    std::optional<Scored> undated_best;
    std::vector<std::size_t> singles;
    for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
      Group& g = groups_[gi];
      if (g.single_shape > 0) {
        singles.push_back(gi);
        continue;
      }
      if (hints_.Inside(g.hint_node) || HotHeadingNear(g.hint_node)) continue;
      Built b = Build(g);
      const auto n = static_cast<int>(b.items.size());
      if (n < 2 || b.avg_title < 5) continue;
      const int dated = b.list_dated + b.url_dated;
      const double weight = b.list_dated + 0.5 * b.url_dated;
      if (dated * 10 >= n * 6) {
        counting.push_back(Scored{gi, std::move(b), weight});
      } else if (n >= 5 && b.avg_title >= 8 &&
                 (!undated_best || n > static_cast<int>(undated_best->built.items.size()))) {
        undated_best = Scored{gi, std::move(b), 0};
      }
    }
    std::vector<std::vector<Item>> lists;
    double best = 0;
    for (const Scored& s : counting) best = std::max(best, s.weight);
    for (Scored& s : counting) {
      if (s.weight >= best / 3) lists.push_back(std::move(s.built.items));
    }
    // A column without any dates still has a list; its items are simply undated.
    if (lists.empty() && undated_best) lists.push_back(std::move(undated_best->built.items));
    // Only a page without any list may be a column with a single item.
    if (lists.empty()) {
      if (auto one = BestSingle(singles)) lists.push_back({std::move(*one)});
    }
    return lists;
  }

  // One entry as an item, with what the list signature needs besides: the entry's text outside
  // its main link, in code points, and whether it is article-page 上一篇/下一篇 navigation.
  struct BuiltEntry {
    Item item;
    std::size_t rest = 0;
    bool prev_next = false;
  };

  BuiltEntry BuildItem(const xmlNode* item_node, const xmlNode* main) const {
    BuiltEntry out;
    Item& it = out.item;
    it.title = AnchorTitle(main);
    it.url = ResolveUrl(base_, Attr(main, "href")).value_or("");
    const std::string rest = Text(item_node, TextMode::kInline, main);
    out.rest = CodePoints(rest);
    // "上一篇：<a>…</a>" as an entry, or just before a flat link.
    out.prev_next = HasPrevNextLabel(rest) || (item_node == main && PrevNextBefore(main));
    // The date outside the link, else inside the link text, else in the siblings that follow
    // up to the next link or line break (<dt>title</dt><dd>date</dd>, <a>…</a><span>date</span>
    // <br>, <a>…</a>（06-30）), else in the URL.
    std::optional<core::Timestamp> when = LatestDate(rest, ctx_);
    if (!when) {
      const std::string anchor_text = Text(main);
      const auto in_link = text::FindDates(anchor_text, ctx_.now, ctx_.tz);
      if (!in_link.empty()) {
        when = in_link.back().utc;
        if (it.title == anchor_text) {
          it.title = CutDate(anchor_text, in_link.back().begin, in_link.back().end);
        }
      }
    }
    if (!when) {
      const std::string tail = FollowingText(item_node);
      if (!tail.empty()) when = LatestDate(tail, ctx_);
    }
    if (when) {
      it.published = when;
      it.provenance = DateProvenance::kListDate;
    } else if (const auto from_url = text::FindUrlDate(it.url, ctx_.tz)) {
      it.published = from_url;
      it.provenance = DateProvenance::kUrlDate;
    }
    return out;
  }

 private:
  bool Usable(const xmlNode* a) const {
    const std::string href = Attr(a, "href");
    if (!ResolveUrl(base_, href)) return false;
    const std::string title = AnchorTitle(a);
    return !title.empty() && !IsPagerText(title);
  }

  void Add(const xmlNode* item, const xmlNode* a, const xmlNode* hint_origin, int single_shape) {
    const xmlNode* container = item->parent;
    // One-item candidates get their own key space: a tag that repeats in a container and one
    // that does not can never share a key, but keep the two kinds apart regardless.
    auto [git, inserted] = group_index_.try_emplace(
        GroupKey{container, Name(item), single_shape > 0}, groups_.size());
    if (inserted) {
      groups_.push_back(Group{container, hint_origin != nullptr ? hint_origin : container,
                              single_shape, {}, {}});
    }
    Group& g = groups_[git->second];
    auto [eit, new_entry] = g.index.try_emplace(item, g.entries.size());
    if (new_entry) g.entries.push_back(Entry{item, {}});
    g.entries[eit->second].anchors.push_back(a);
  }

  int Shape(const xmlNode* container) {
    auto [it, inserted] = shape_memo_.try_emplace(container, 0);
    if (inserted) it->second = ListShape(container);
    return it->second;
  }

  // Text nodes that read as prose (a sentence or more, outside links and furniture): an
  // article's body has hundreds of characters of them, a list page almost none.
  void CountProse(const xmlNode* text_node) {
    if (text_node->content == nullptr) return;
    const std::string_view raw = reinterpret_cast<const char*>(text_node->content);
    if (raw.size() < kProseNodeMin) return;  // fewer bytes than kProseNodeMin/3 CJK characters
    const std::string t = CollapseSpaces(raw);
    const std::size_t cp = CodePoints(t);
    if (cp < kProseNodeMin / 3 || HasFooterMarker(t)) return;
    for (const xmlNode* p = text_node->parent; IsElement(p); p = p->parent) {
      if (IsNamed(p, "a")) return;
    }
    if (hints_.Inside(text_node->parent)) return;
    prose_ += cp;
  }

  // Text of the siblings after `item_node` up to the next link, <br>/<hr>, or next entry of the
  // same tag (a flat <span>title</span><span>date</span> pair is allowed), capped.
  static std::string FollowingText(const xmlNode* item_node) {
    const std::string_view item_name = Name(item_node);
    const bool inline_item = item_name == "a" || item_name == "span" || item_name == "font" ||
                             item_name == "em" || item_name == "b" || item_name == "strong";
    std::string tail;
    int elements = 0;
    for (const xmlNode* s = item_node->next; s != nullptr && tail.size() < 240; s = s->next) {
      if (s->type == XML_TEXT_NODE) {
        if (s->content != nullptr) tail += reinterpret_cast<const char*>(s->content);
        continue;
      }
      if (!IsElement(s)) continue;
      const std::string_view name = Name(s);
      if (name == "br" || name == "hr" || ++elements > 2) break;
      if (name == item_name && !inline_item) break;
      bool has_link = IsNamed(s, "a");
      Walk(s, [&](const xmlNode* n) {
        if (IsNamed(n, "a")) has_link = true;
        return !has_link;
      });
      if (has_link) break;
      tail += ' ';
      tail += ShortText(s, 200);
    }
    return tail;
  }

  Built Build(const Group& g) const {
    Built b;
    std::size_t total_len = 0;
    for (const Entry& e : g.entries) {
      BuiltEntry built = BuildItem(e.item, MainAnchor(e));
      Item& it = built.item;
      if (it.title.empty() || it.url.empty() || built.prev_next) continue;
      if (it.published) {
        (it.provenance == DateProvenance::kListDate ? b.list_dated : b.url_dated) += 1;
      }
      total_len += CodePoints(it.title);
      b.items.push_back(std::move(it));
    }
    if (!b.items.empty()) b.avg_title = static_cast<double>(total_len) / b.items.size();
    return b;
  }

  static const xmlNode* MainAnchor(const Entry& e) {
    const xmlNode* main = e.anchors.front();
    std::size_t main_len = CodePoints(AnchorTitle(main));
    for (const xmlNode* a : e.anchors) {
      const std::size_t len = CodePoints(AnchorTitle(a));
      if (len > main_len) {
        main = a;
        main_len = len;
      }
    }
    return main;
  }

  // Whether the text just before a flat link labels it 上一篇/下一篇.
  static bool PrevNextBefore(const xmlNode* a) {
    const xmlNode* prev = a->prev;
    while (prev != nullptr && prev->type != XML_TEXT_NODE && !IsElement(prev)) prev = prev->prev;
    return prev != nullptr && !IsNamed(prev, "a") && HasPrevNextLabel(ShortText(prev, 90));
  }

  // The one-item candidate with the full signature of a list entry, best container first.
  std::optional<Item> BestSingle(const std::vector<std::size_t>& singles) {
    if (singles.empty() || prose_ >= kArticleProse) return std::nullopt;
    std::optional<Item> best;
    int best_shape = 0;
    for (const std::size_t gi : singles) {
      const Group& g = groups_[gi];
      if (g.entries.size() != 1 || g.single_shape <= best_shape) continue;
      if (hints_.Inside(g.hint_node) || HotHeadingNear(g.hint_node)) continue;
      const Entry& e = g.entries.front();
      const xmlNode* main = MainAnchor(e);
      // One title-length link: a second one would make this a block of links, not an entry.
      int titled = 0;
      for (const xmlNode* a : e.anchors) {
        if (CodePoints(AnchorTitle(a)) >= kSingleTitleMin) ++titled;
      }
      if (titled != 1) continue;
      BuiltEntry built = BuildItem(e.item, main);
      const Item& it = built.item;
      // Besides the title and its date the entry holds little (a bullet, brackets, a source).
      if (it.url.empty() || !it.published || it.provenance != DateProvenance::kListDate ||
          CodePoints(it.title) < kSingleTitleMin || built.rest > kSingleRestMax ||
          built.prev_next || NearFooterLines(g.container)) {
        continue;
      }
      best = std::move(built.item);
      best_shape = g.single_shape;
    }
    return best;
  }

  // Whether the container or an element next to it carries a footer's lines (版权所有, ICP备…):
  // a lone dated link there is the 网站年度报表 link of an unmarked footer.
  static bool NearFooterLines(const xmlNode* container) {
    if (HasFooterMarker(ShortText(container, 600))) return true;
    auto scan = [](const xmlNode* s, bool forward) {
      for (int elements = 0; s != nullptr && elements < 3; s = forward ? s->next : s->prev) {
        if (IsElement(s)) ++elements;
        if ((IsElement(s) || s->type == XML_TEXT_NODE) && HasFooterMarker(ShortText(s, 600))) {
          return true;
        }
      }
      return false;
    };
    return scan(container->prev, false) || scan(container->next, true);
  }

  static constexpr std::size_t kProseNodeMin = 90;    // bytes; 30 CJK characters
  static constexpr std::size_t kArticleProse = 120;   // code points of prose: an article
  static constexpr std::size_t kSingleTitleMin = 6;   // code points
  static constexpr std::size_t kSingleRestMax = 40;   // code points besides the title

  struct GroupKey {
    const xmlNode* container;
    std::string_view tag;
    bool single;
    bool operator==(const GroupKey&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const GroupKey& k) const {
      return std::hash<const void*>()(k.container) ^ (std::hash<std::string_view>()(k.tag) << 1) ^
             static_cast<std::size_t>(k.single);
    }
  };

  const Context& ctx_;
  std::string base_;
  std::vector<Group> groups_;
  std::unordered_map<GroupKey, std::size_t, KeyHash> group_index_;
  std::unordered_map<const xmlNode*, int> shape_memo_;
  std::size_t prose_ = 0;
  FurnitureHints hints_;
};

// Hanweb (大汉) pages keep their list in <script type="text/xml"><datastore><recordset>
// <record><![CDATA[<li>…</li>]]></record>…; the records become one HTML fragment per script.
std::vector<std::pair<const xmlNode*, std::string>> HanwebDatastores(const xmlNode* root) {
  std::vector<std::pair<const xmlNode*, std::string>> out;
  Walk(root, [&](const xmlNode* n) {
    if (!IsElement(n)) return false;
    if (!IsNamed(n, "script")) return true;
    std::string raw;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->content != nullptr) raw += reinterpret_cast<const char*>(c->content);
    }
    if (raw.find("<record") == std::string::npos) return false;
    // The wrapper is named so that a datastore with a single record reads as a list.
    std::string html = "<html><body><div class=\"gw-datastore\">";
    std::size_t pos = 0;
    while ((pos = raw.find("<record", pos)) != std::string::npos) {
      const std::size_t open_end = raw.find('>', pos);
      if (open_end == std::string::npos) break;
      std::size_t close = raw.find("</record>", open_end);
      if (close == std::string::npos) close = raw.size();
      std::string_view body = std::string_view(raw).substr(open_end + 1, close - open_end - 1);
      if (const auto c0 = body.find("<![CDATA["); c0 != std::string_view::npos) {
        body.remove_prefix(c0 + 9);
        if (const auto c1 = body.rfind("]]>"); c1 != std::string_view::npos) {
          body = body.substr(0, c1);
        }
      }
      html += "<div class=\"gw-record\">";
      html += body;
      html += "</div>";
      pos = close;
    }
    html += "</div></body></html>";
    out.emplace_back(n, std::move(html));
    return false;
  });
  return out;
}

std::optional<core::DatedTime> Newest(const std::vector<Item>& items) {
  std::optional<core::DatedTime> newest;
  for (const Item& it : items) {
    if (it.published && !it.pinned && (!newest || *it.published > newest->time)) {
      newest = core::DatedTime{*it.published, it.provenance};
    }
  }
  return newest;
}

core::Result<ListPage> ExtractWithXPath(xmlDoc* doc, const std::string& base, const Context& ctx,
                                        const ListSelectors& sel) {
  auto item_x = XPath::Compile(*sel.item_xpath);
  if (!item_x) return item_x.error().WithContext("item_xpath");
  std::optional<XPath> title_x, date_x;
  if (sel.title_xpath) {
    auto x = XPath::Compile(*sel.title_xpath);
    if (!x) return x.error().WithContext("title_xpath");
    title_x = std::move(*x);
  }
  if (sel.date_xpath) {
    auto x = XPath::Compile(*sel.date_xpath);
    if (!x) return x.error().WithContext("date_xpath");
    date_x = std::move(*x);
  }
  ListPage page;
  for (const xmlNode* node : item_x->Nodes(doc)) {
    if (!IsElement(node)) continue;
    const xmlNode* link = nullptr;
    Walk(node, [&](const xmlNode* n) {
      if (link == nullptr && IsNamed(n, "a") && !Attr(n, "href").empty()) link = n;
      return link == nullptr && IsElement(n);
    });
    if (link == nullptr) {
      for (const xmlNode* p = node->parent; IsElement(p); p = p->parent) {
        if (IsNamed(p, "a")) link = p;
      }
    }
    if (link == nullptr) continue;
    Item it;
    it.url = ResolveUrl(base, Attr(link, "href")).value_or("");
    it.title = title_x ? title_x->String(doc, node) : AnchorTitle(link);
    if (it.url.empty() || it.title.empty()) continue;
    std::optional<core::Timestamp> when;
    if (date_x) {
      when = text::ParseMachineDate(date_x->String(doc, node), ctx.now, ctx.tz);
    } else {
      when = LatestDate(Text(node, TextMode::kInline, link), ctx);
      if (!when) when = LatestDate(Text(link), ctx);
    }
    if (when) {
      it.published = when;
      it.provenance = DateProvenance::kListDate;
    } else if (const auto from_url = text::FindUrlDate(it.url, ctx.tz)) {
      it.published = from_url;
      it.provenance = DateProvenance::kUrlDate;
    }
    page.items.push_back(std::move(it));
  }
  if (!page.items.empty()) page.lists.push_back(page.items);
  page.newest = Newest(page.items);
  return page;
}

}  // namespace

core::Result<ListPage> ExtractList(std::string_view html, const Context& ctx,
                                   const ListSelectors& sel) {
  const DocPtr doc = ParseHtml(html);
  const std::string base = DocumentBase(doc.get(), ctx.base_url);
  if (sel.item_xpath) {
    auto page = ExtractWithXPath(doc.get(), base, ctx, sel);
    if (!page) return page.error().WithContext("extract list");
    return page;
  }
  AutoList finder(ctx, base);
  finder.Collect(Root(doc.get()), nullptr);
  std::vector<DocPtr> fragments;  // kept alive until Select() has read them
  for (auto& [script, fragment_html] : HanwebDatastores(Root(doc.get()))) {
    fragments.push_back(ParseHtml(fragment_html));
    finder.Collect(Root(fragments.back().get()), script);
  }
  ListPage page;
  page.lists = finder.Select();
  for (const auto& list : page.lists) {
    page.items.insert(page.items.end(), list.begin(), list.end());
  }
  page.newest = Newest(page.items);
  return page;
}

}  // namespace govwatch::extract
