#include "sources/weibo_json.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <charconv>

#include "sources/json_fields.h"
#include "sources/post_text.h"
#include "text/date_parse.h"

namespace govwatch::sources {
namespace {

namespace json = boost::json;

using json_fields::Arr;
using json_fields::Int;
using json_fields::Obj;
using json_fields::ParseObject;
using json_fields::Str;

// Leading integer of `s` (ASCII digits), with the rest after it.
std::optional<int> LeadingInt(std::string_view s, std::string_view& rest) {
  int n = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || ptr == s.data()) return std::nullopt;
  rest = s.substr(static_cast<size_t>(ptr - s.data()));
  return n;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "HH:MM" after 今天/昨天.
std::optional<std::pair<int, int>> ClockTime(std::string_view s) {
  s = Trim(s);
  std::string_view rest;
  const auto h = LeadingInt(s, rest);
  if (!h || !rest.starts_with(':')) return std::nullopt;
  std::string_view tail;
  const auto m = LeadingInt(rest.substr(1), tail);
  if (!m || !Trim(tail).empty() || *h > 23 || *m > 59) return std::nullopt;
  return std::make_pair(*h, *m);
}

std::optional<core::Timestamp> Civil(const core::TimeZone& tz, int y, int mo, int d, int h = 0,
                                     int mi = 0) {
  const auto local = core::MakeLocal(y, mo, d, h, mi, 0);
  if (!local) return std::nullopt;
  return tz.ToUtc(*local);
}

void AddLinks(std::vector<std::string> found, std::vector<std::string>& links) {
  for (auto& link : found) {
    if (std::find(links.begin(), links.end(), link) == links.end()) links.push_back(std::move(link));
  }
}

void CollectCards(const json::array& cards, std::vector<const json::object*>& out) {
  for (const json::value& card : cards) {
    if (!card.is_object()) continue;
    const json::object& c = card.as_object();
    if (Obj(c, "mblog") != nullptr) out.push_back(&c);
    if (const json::array* group = Arr(c, "card_group")) CollectCards(*group, out);
  }
}

}  // namespace

std::optional<core::Timestamp> ParseWeiboDate(std::string_view text, core::Timestamp now,
                                              const core::TimeZone& tz) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  if (text == "刚刚") return now;
  std::string_view rest;
  if (const auto n = LeadingInt(text, rest)) {
    rest = Trim(rest);
    if (rest == "秒前") return now - std::chrono::seconds{*n};
    if (rest == "分钟前") return now - std::chrono::minutes{*n};
    if (rest == "小时前") return now - std::chrono::hours{*n};
    if (rest == "天前") return now - std::chrono::days{*n};
  }
  const auto today = std::chrono::floor<std::chrono::days>(tz.ToLocal(now));
  const std::chrono::year_month_day ymd{today};
  for (const auto& [word, back] : {std::pair<std::string_view, int>{"今天", 0}, {"昨天", 1}}) {
    if (!text.starts_with(word)) continue;
    const auto hm = ClockTime(text.substr(word.size()));
    if (!hm) return std::nullopt;
    const std::chrono::year_month_day day{today - std::chrono::days{back}};
    return Civil(tz, static_cast<int>(day.year()), static_cast<int>(unsigned(day.month())),
                 static_cast<int>(unsigned(day.day())), hm->first, hm->second);
  }
  // "Sat Jul 04 15:51:28 +0800 2020" → RFC 822 "Sat, 04 Jul 2020 15:51:28 +0800".
  if (text.size() >= 30 && text[3] == ' ' && text[7] == ' ') {
    const auto last_space = text.rfind(' ');
    const std::string_view year = text.substr(last_space + 1);
    const std::string_view middle = text.substr(4, last_space - 4);  // "Jul 04 15:51:28 +0800"
    if (middle.size() > 7) {
      const std::string rfc = std::string(text.substr(0, 3)) + ", " +
                              std::string(middle.substr(4, 2)) + " " +
                              std::string(middle.substr(0, 3)) + " " + std::string(year) + " " +
                              std::string(middle.substr(7));
      if (auto t = text::ParseRfc822(rfc, tz)) return t;
    }
  }
  // 2019-07-04 or 07-04 (optionally followed by HH:MM).
  std::vector<int> parts;
  std::string_view s = text;
  while (!s.empty()) {
    std::string_view after;
    const auto n = LeadingInt(s, after);
    if (!n) break;
    parts.push_back(*n);
    s = after;
    if (!s.starts_with('-')) break;
    s.remove_prefix(1);
  }
  std::optional<std::pair<int, int>> hm;
  if (!Trim(s).empty()) {
    hm = ClockTime(s);
    if (!hm) return std::nullopt;
  }
  const int h = hm ? hm->first : 0;
  const int mi = hm ? hm->second : 0;
  if (parts.size() == 3 && parts[0] >= 1970) return Civil(tz, parts[0], parts[1], parts[2], h, mi);
  if (parts.size() == 2) {
    int year = static_cast<int>(ymd.year());
    auto t = Civil(tz, year, parts[0], parts[1], h, mi);
    // A year-less date after today is last year's (posts are never in the future).
    if (t && *t > now + std::chrono::days{1}) t = Civil(tz, year - 1, parts[0], parts[1], h, mi);
    return t;
  }
  return std::nullopt;
}

std::optional<SourceFailure> WeiboApiFailure(std::string_view text) {
  std::optional<SourceFailure> failure;
  const auto root = ParseObject(text, failure);
  if (!root) return failure;
  const auto ok = Int(*root, "ok");
  const std::string url = Str(*root, "url");
  if ((ok && *ok == -100) || url.find("passport.weibo") != std::string::npos) {
    return SourceFailure{"login_wall", "the API asks for a login (expired or missing cookie)"};
  }
  if (!ok || *ok != 1) {
    std::string msg = Str(*root, "msg");
    if (msg.empty()) msg = Str(*root, "errmsg");
    return SourceFailure{"api_error", "ok=" + (ok ? std::to_string(*ok) : std::string("missing")) +
                                          (msg.empty() ? "" : " msg=" + msg)};
  }
  return std::nullopt;
}

WeiboUserPage ParseWeiboUser(std::string_view text) {
  WeiboUserPage page;
  if ((page.failure = WeiboApiFailure(text))) return page;
  const auto root = ParseObject(text, page.failure);
  const json::object* data = Obj(*root, "data");
  const json::object* user = data != nullptr ? Obj(*data, "userInfo") : nullptr;
  if (user == nullptr) {
    page.failure = SourceFailure{"parse", "no data.userInfo in the reply"};
    return page;
  }
  page.profile.screen_name = Str(*user, "screen_name");
  page.profile.description = Str(*user, "description");
  page.profile.profile_url = Str(*user, "profile_url");
  AddLinks(FindLinks(page.profile.description), page.profile.links);
  for (std::string_view key : {"url", "website", "user_url"}) {
    AddLinks(FindLinks(Str(*user, key)), page.profile.links);
  }
  if (const json::object* tabs_info = Obj(*data, "tabsInfo")) {
    if (const json::array* tabs = Arr(*tabs_info, "tabs")) {
      for (const json::value& tab : *tabs) {
        if (tab.is_object() && Str(tab.as_object(), "tab_type") == "weibo") {
          page.posts_containerid = Str(tab.as_object(), "containerid");
        }
      }
    }
  }
  return page;
}

WeiboPostsPage ParseWeiboPosts(std::string_view text, core::Timestamp now,
                               const core::TimeZone& tz) {
  WeiboPostsPage page;
  if ((page.failure = WeiboApiFailure(text))) return page;
  const auto root = ParseObject(text, page.failure);
  const json::object* data = Obj(*root, "data");
  const json::array* cards = data != nullptr ? Arr(*data, "cards") : nullptr;
  if (cards == nullptr) {
    page.failure = SourceFailure{"parse", "no data.cards in the reply"};
    return page;
  }
  std::vector<const json::object*> with_posts;
  CollectCards(*cards, with_posts);
  for (const json::object* card : with_posts) {
    const json::object& mblog = *Obj(*card, "mblog");
    Post post;
    std::string bid = Str(mblog, "bid");
    if (bid.empty()) bid = Str(mblog, "id");
    post.item.url = "https://m.weibo.cn/status/" + bid;
    const std::string html = Str(mblog, "text");
    post.text = PlainText(html);
    // A title for people: the first line, at most 40 characters (UTF-8 aware).
    std::string_view first = post.text;
    first = first.substr(0, first.find('\n'));
    size_t chars = 0, cut = 0;
    while (cut < first.size() && chars < 40) {
      const unsigned char c = static_cast<unsigned char>(first[cut]);
      cut += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      ++chars;
    }
    post.item.title = std::string(first.substr(0, std::min(cut, first.size())));
    if (const auto t = ParseWeiboDate(Str(mblog, "created_at"), now, tz)) {
      post.item.published = *t;
      post.item.provenance = core::DateProvenance::kFeedDate;
    }
    const json::object* title = Obj(mblog, "title");
    post.item.pinned = Str(*card, "profile_type_id").starts_with("proweibotop") ||
                       Int(mblog, "isTop").value_or(0) != 0 ||
                       (title != nullptr && Str(*title, "text") == "置顶");
    AddLinks(FindLinks(html), post.links);
    if (const json::array* url_struct = Arr(mblog, "url_struct")) {
      for (const json::value& u : *url_struct) {
        if (!u.is_object()) continue;
        for (std::string_view key : {"long_url", "ori_url"}) {
          AddLinks(FindLinks(Str(u.as_object(), key)), post.links);
        }
      }
    }
    if (const json::object* info = Obj(mblog, "page_info")) {
      AddLinks(FindLinks(Str(*info, "page_url")), post.links);
    }
    // Links back to Weibo itself (topics, @mentions, the post) are not outbound.
    std::erase_if(post.links, [](const std::string& link) {
      const std::string host = HostOf(link);
      return host == "weibo.cn" || host.ends_with(".weibo.cn") || host == "weibo.com" ||
             host.ends_with(".weibo.com") || host.ends_with(".sinaimg.cn");
    });
    page.posts.push_back(std::move(post));
  }
  return page;
}

}  // namespace govwatch::sources
