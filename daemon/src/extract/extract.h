// Extractors: pure functions from a page or feed body (UTF-8, already decoded by the fetcher)
// to items, dates and article fields. No I/O, no clock: `now` and the site's time zone come in
// a Context, so the same input always gives the same output. Thread-safe: functions share no
// state (libxml2 is initialised once internally).
//
// Dates carry their provenance (core::DateProvenance): list_date, meta_pubdate, article_date,
// script_var, feed_date, url_date (only when nothing else exists).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "core/time.h"
#include "core/time_zone.h"

namespace govwatch::extract {

struct Context {
  std::string base_url;   // URL of the page; relative links resolve against it (or <base href>)
  core::TimeZone tz;      // the site's zone; page dates are civil times in it (default Shanghai)
  core::Timestamp now{};  // decides the year of year-less dates ("[06-30]")
};

// Optional XPath selectors configured for a column. Without item_xpath the main list(s) are
// found automatically.
struct ListSelectors {
  std::optional<std::string> item_xpath;   // selects one node per item
  std::optional<std::string> title_xpath;  // relative to the item; default: its main link
  std::optional<std::string> date_xpath;   // relative to the item; default: a date in its text
};

struct ListPage {
  std::vector<core::Item> items;                // every list, in document order
  std::vector<std::vector<core::Item>> lists;   // each list separately (tabbed pages have several)
  std::optional<core::DatedTime> newest;        // latest dated item; nullopt when none is dated
};

// Items of a list page (栏目页). With sel.item_xpath: exactly the selected items (title from
// title_xpath or the item's main link, date from date_xpath or the item's text). Without: the
// main repeated list(s) of dated links, skipping navigation, headers, footers, 友情链接 and
// 热门/排行 boxes; Hanweb <script type="text/xml"> datastores are read too; flat lists
// (<a>…</a><span>date</span><br>…, <p><a>…</a>（date）</p>…) count as lists. A page with no such
// list but one dated entry in a list-shaped container (a young column) yields that one item;
// a lone dated link on an article page or in page furniture yields nothing. Item dates come
// from the list (kListDate), else from the item URL (kUrlDate); items without either have no
// date. Error only for an invalid XPath; an unparsable page gives an empty ListPage.
core::Result<ListPage> ExtractList(std::string_view html, const Context& ctx,
                                   const ListSelectors& sel = {});

struct Article {
  std::string title;
  std::optional<core::DatedTime> published;
  std::string source;      // 来源 / 发布机构 / 信息来源; "" when absent
  std::string doc_number;  // 文号, normalised by NormalizeDocNumber; "" when absent
  std::string text;        // main text, one paragraph per line, without navigation
};

// Fields of an article page. Publish date, in order of preference: <meta name="PubDate"> and
// friends (kMetaPubdate); a labelled date in the page (发布时间：…, kArticleDate); a script
// variable such as WeChat's `var ct = "1581516874"` (kScriptVar); an unlabelled date next to
// the title (kArticleDate); a date in the URL (kUrlDate). Never fails: missing fields are empty.
Article ExtractArticle(std::string_view html, const Context& ctx);

struct Feed {
  std::string title;
  std::vector<core::Item> items;       // document order, dates with kFeedDate
  std::optional<core::DatedTime> newest;  // latest date over non-pinned items
};

// RSS 2.0 (and RSS 1.0/RDF), Atom, JSON Feed 1.x. Entity expansion and network access are off
// (billion-laughs safe). Error when the body is none of these.
core::Result<Feed> ParseFeed(std::string_view body, const Context& ctx);

enum class PageKind { kList, kArticle, kFeed };
// A cheap guess from the raw body: feeds by their root element or JSON Feed version; articles
// by article markers (PubDate/ArticleTitle meta, #zoom, .TRS_Editor, #js_content) or by having
// few dates; lists by having many dates.
PageKind GuessKind(std::string_view body);
std::string_view ToString(PageKind kind);

// 文号 with its year brackets normalised: 〔〕 [] () （） 【】 ［］ 〖〗 → 〔〕, full-width digits
// → ASCII, spaces removed: "固政办发[2021]12号" → "固政办发〔2021〕12号".
std::string NormalizeDocNumber(std::string_view doc_number);

// The first 文号 in `text` ("…（固政规发〔2021〕3号）…" → "固政规发〔2021〕3号"), normalised;
// "" when none. A 文号 is 2–12 Chinese characters, a bracketed four-digit year, a number, 号.
std::string FindDocNumber(std::string_view text);

}  // namespace govwatch::extract
