// Feeds: RSS 2.0 / RSS 1.0 (RDF), Atom, JSON Feed 1.x → items with kFeedDate.
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cstring>

#include "extract/extract.h"
#include "extract/html.h"
#include "extract/url.h"
#include "text/date_parse.h"

namespace govwatch::extract {
namespace {

using core::DateProvenance;
using core::Item;

std::string_view LocalName(const xmlNode* n) {
  return IsElement(n) ? std::string_view(reinterpret_cast<const char*>(n->name)) : std::string_view();
}

const xmlNode* Child(const xmlNode* parent, std::string_view name) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (LocalName(c) == name) return c;
  }
  return nullptr;
}

std::string ChildText(const xmlNode* parent, std::string_view name) {
  const xmlNode* c = Child(parent, name);
  return c == nullptr ? std::string() : Text(c);
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

void SetDate(Item& it, const std::string& text, const Context& ctx) {
  if (text.empty()) return;
  if (const auto t = text::ParseMachineDate(text, ctx.now, ctx.tz)) {
    it.published = t;
    it.provenance = DateProvenance::kFeedDate;
  }
}

// RSS 2.0 <channel><item>…; RSS 1.0 puts <item> next to <channel> under <rdf:RDF>.
Feed ParseRss(const xmlNode* root, const Context& ctx) {
  Feed feed;
  const xmlNode* channel = Child(root, "channel");
  if (channel != nullptr) feed.title = ChildText(channel, "title");
  for (const xmlNode* scope : {channel, root}) {
    if (scope == nullptr) continue;
    for (const xmlNode* c = scope->children; c != nullptr; c = c->next) {
      if (LocalName(c) != "item") continue;
      Item it;
      it.title = ChildText(c, "title");
      std::string link = ChildText(c, "link");
      if (link.empty()) {
        const xmlNode* guid = Child(c, "guid");
        if (guid != nullptr && Attr(guid, "isPermaLink") != "false") link = Text(guid);
      }
      if (link.empty()) link = Attr(c, "about");
      it.url = ResolveUrl(ctx.base_url, link).value_or(link);
      std::string date = ChildText(c, "pubDate");
      if (date.empty()) date = ChildText(c, "date");  // dc:date
      SetDate(it, date, ctx);
      feed.items.push_back(std::move(it));
    }
  }
  return feed;
}

Feed ParseAtom(const xmlNode* root, const Context& ctx) {
  Feed feed;
  feed.title = ChildText(root, "title");
  for (const xmlNode* e = root->children; e != nullptr; e = e->next) {
    if (LocalName(e) != "entry") continue;
    Item it;
    it.title = ChildText(e, "title");
    std::string link;
    for (const xmlNode* l = e->children; l != nullptr; l = l->next) {
      if (LocalName(l) != "link") continue;
      const std::string rel = Attr(l, "rel");
      if (rel.empty() || rel == "alternate") {
        link = Attr(l, "href");
        break;
      }
      if (link.empty()) link = Attr(l, "href");
    }
    it.url = ResolveUrl(ctx.base_url, link).value_or(link);
    std::string date = ChildText(e, "published");
    if (date.empty()) date = ChildText(e, "updated");
    SetDate(it, date, ctx);
    feed.items.push_back(std::move(it));
  }
  return feed;
}

std::string JsonString(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

core::Result<Feed> ParseJsonFeed(std::string_view body, const Context& ctx) {
  boost::system::error_code ec;
  const boost::json::value root = boost::json::parse(body, ec);
  if (ec || !root.is_object()) return core::MakeError("feed: invalid JSON");
  const auto& o = root.as_object();
  if (!JsonString(o, "version").starts_with("https://jsonfeed.org/version/")) {
    return core::MakeError("feed: JSON without a jsonfeed.org version");
  }
  Feed feed;
  feed.title = JsonString(o, "title");
  const auto* items = o.if_contains("items");
  if (items != nullptr && items->is_array()) {
    for (const auto& v : items->as_array()) {
      if (!v.is_object()) continue;
      const auto& e = v.as_object();
      Item it;
      it.title = CollapseSpaces(JsonString(e, "title"));
      if (it.title.empty()) {
        // Microblog posts (Weibo via RSSHub) have no title: their text is the title.
        std::string text = CollapseSpaces(JsonString(e, "content_text"));
        if (text.empty()) text = CollapseSpaces(JsonString(e, "summary"));
        it.title = text;
      }
      std::string link = JsonString(e, "url");
      if (link.empty()) link = JsonString(e, "external_url");
      if (link.empty()) link = JsonString(e, "id");
      it.url = ResolveUrl(ctx.base_url, link).value_or(link);
      std::string date = JsonString(e, "date_published");
      if (date.empty()) date = JsonString(e, "date_modified");
      SetDate(it, date, ctx);
      feed.items.push_back(std::move(it));
    }
  }
  return feed;
}

std::string_view SkipBomAndSpace(std::string_view s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' ||
                        s.front() == '\t')) {
    s.remove_prefix(1);
  }
  return s;
}

}  // namespace

core::Result<Feed> ParseFeed(std::string_view body, const Context& ctx) {
  const std::string_view trimmed = SkipBomAndSpace(body);
  Feed feed;
  if (trimmed.starts_with("{")) {
    auto parsed = ParseJsonFeed(trimmed, ctx);
    if (!parsed) return parsed.error();
    feed = std::move(*parsed);
  } else {
    const DocPtr doc = ParseXml(trimmed);
    const xmlNode* root = Root(doc.get());
    if (root == nullptr) return core::MakeError("feed: not XML or JSON");
    const std::string_view name = LocalName(root);
    if (name == "rss" || name == "RDF") {
      feed = ParseRss(root, ctx);
    } else if (name == "feed") {
      feed = ParseAtom(root, ctx);
    } else {
      return core::MakeError("feed: root element <" + std::string(name) +
                             "> is not rss, RDF or feed");
    }
  }
  feed.newest = Newest(feed.items);
  return feed;
}

PageKind GuessKind(std::string_view body) {
  const std::string_view s = SkipBomAndSpace(body);
  if (s.starts_with("{")) return PageKind::kFeed;
  const std::string_view head = s.substr(0, 2048);
  if (s.starts_with("<?xml") || s.starts_with("<rss") || s.starts_with("<feed") ||
      s.starts_with("<rdf")) {
    if (head.find("<rss") != std::string_view::npos || head.find("<feed") != std::string_view::npos ||
        head.find("<rdf:RDF") != std::string_view::npos) {
      return PageKind::kFeed;
    }
  }
  for (const std::string_view marker :
       {"name=\"PubDate\"", "name=\"pubdate\"", "name=\"ArticleTitle\"", "id=\"zoom\"",
        "TRS_Editor", "id=\"js_content\"", "class=\"article-content\""}) {
    if (s.find(marker) != std::string_view::npos) return PageKind::kArticle;
  }
  // Lists print a date per item; an article has one or two.
  const core::TimeZone tz;
  const auto dates = text::FindDates(s, core::Timestamp{std::chrono::seconds{4102444800}}, tz);
  return dates.size() >= 5 ? PageKind::kList : PageKind::kArticle;
}

std::string_view ToString(PageKind kind) {
  switch (kind) {
    case PageKind::kList:
      return "list";
    case PageKind::kArticle:
      return "article";
    case PageKind::kFeed:
      return "feed";
  }
  return "list";
}

}  // namespace govwatch::extract
