// List pages: configured XPath, or automatic detection of the main repeated list(s) of dated
// links.
//
// Automatic detection, in short: every usable <a> is assigned to an "item" — the lowest ancestor
// (li, tr, dd, div.item, a per-record table, …) that has a same-tag sibling which also holds a
// link. Items are grouped by (parent, tag): each group is a candidate list. A candidate counts
// when most of its items carry a date, its titles are title-length, and it is not page
// furniture (nav/header/footer/友情链接/热门/排行 by id, class or heading). All counting
// candidates at least a third as dated as the best are returned, so tabbed lists (hidden tabs
// included) all come back.
#include <algorithm>
#include <array>
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
    std::unordered_map<const xmlNode*, std::unordered_map<std::string_view, int>> tag_counts;
    auto repeated = [&](const xmlNode* x) {
      const xmlNode* parent = x->parent;
      auto [it, inserted] = tag_counts.try_emplace(parent);
      if (inserted) {
        for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
          if (IsElement(c) && has_anchor.count(c) != 0) ++it->second[Name(c)];
        }
      }
      const auto found = it->second.find(Name(x));
      return found != it->second.end() && found->second >= 2;
    };
    for (const xmlNode* a : anchors) {
      const xmlNode* parent = a->parent;
      const std::string_view pn = Name(parent);
      // A link directly in a list container (<div class="list"><a class="item">…) is itself
      // the item; a link inside li/td/dd/p is part of that item.
      const bool inline_parent = pn == "li" || pn == "td" || pn == "dd" || pn == "dt" ||
                                 pn == "p" || pn == "span" || pn == "font" || pn == "em" ||
                                 pn == "strong" || pn == "b" || pn == "h2" || pn == "h3" ||
                                 pn == "h4" || pn == "h5" || pn == "h6" || pn == "th";
      const xmlNode* x = inline_parent ? parent : a;
      const xmlNode* item = nullptr;
      for (int level = 0; level < 6 && IsElement(x) && IsElement(x->parent); ++level) {
        if (repeated(x)) {
          item = x;
          break;
        }
        x = x->parent;
      }
      if (item == nullptr) continue;
      const xmlNode* container = item->parent;
      auto [git, inserted] = group_index_.try_emplace(std::make_pair(container, Name(item)),
                                                      groups_.size());
      if (inserted) {
        groups_.push_back(Group{container, hint_origin != nullptr ? hint_origin : container, {},
                                {}});
      }
      Group& g = groups_[git->second];
      auto [eit, new_entry] = g.index.try_emplace(item, g.entries.size());
      if (new_entry) g.entries.push_back(Entry{item, {}});
      g.entries[eit->second].anchors.push_back(a);
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
    for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
      Group& g = groups_[gi];
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
    return lists;
  }

  Item BuildItem(const xmlNode* item_node, const xmlNode* main) const {
    Item it;
    it.title = AnchorTitle(main);
    it.url = ResolveUrl(base_, Attr(main, "href")).value_or("");
    // The date outside the link, else inside the link text, else in a following sibling that
    // has no link of its own (<dt>title</dt><dd>date</dd>), else in the URL.
    std::optional<core::Timestamp> when = LatestDate(Text(item_node, TextMode::kInline, main), ctx_);
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
      const xmlNode* next = item_node->next;
      while (next != nullptr && !IsElement(next)) next = next->next;
      if (next != nullptr && Name(next) != Name(item_node)) {
        bool has_link = false;
        Walk(next, [&](const xmlNode* n) {
          if (IsNamed(n, "a")) has_link = true;
          return !has_link;
        });
        if (!has_link) when = LatestDate(ShortText(next, 200), ctx_);
      }
    }
    if (when) {
      it.published = when;
      it.provenance = DateProvenance::kListDate;
    } else if (const auto from_url = text::FindUrlDate(it.url, ctx_.tz)) {
      it.published = from_url;
      it.provenance = DateProvenance::kUrlDate;
    }
    return it;
  }

 private:
  bool Usable(const xmlNode* a) const {
    const std::string href = Attr(a, "href");
    if (!ResolveUrl(base_, href)) return false;
    const std::string title = AnchorTitle(a);
    return !title.empty() && !IsPagerText(title);
  }

  Built Build(const Group& g) const {
    Built b;
    std::size_t total_len = 0;
    for (const Entry& e : g.entries) {
      const xmlNode* main = e.anchors.front();
      std::size_t main_len = CodePoints(AnchorTitle(main));
      for (const xmlNode* a : e.anchors) {
        const std::size_t len = CodePoints(AnchorTitle(a));
        if (len > main_len) {
          main = a;
          main_len = len;
        }
      }
      Item it = BuildItem(e.item, main);
      if (it.title.empty() || it.url.empty()) continue;
      if (it.published) {
        (it.provenance == DateProvenance::kListDate ? b.list_dated : b.url_dated) += 1;
      }
      total_len += CodePoints(it.title);
      b.items.push_back(std::move(it));
    }
    if (!b.items.empty()) b.avg_title = static_cast<double>(total_len) / b.items.size();
    return b;
  }

  struct PairHash {
    std::size_t operator()(const std::pair<const xmlNode*, std::string_view>& p) const {
      return std::hash<const void*>()(p.first) ^ (std::hash<std::string_view>()(p.second) << 1);
    }
  };

  const Context& ctx_;
  std::string base_;
  std::vector<Group> groups_;
  std::unordered_map<std::pair<const xmlNode*, std::string_view>, std::size_t, PairHash>
      group_index_;
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
    std::string html = "<html><body><div>";
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
