// Pure parsers for the public Weibo mobile container API (m.weibo.cn/api/container/getIndex):
//   ?type=uid&value=UID                        → data.userInfo (+ data.tabsInfo)
//   ?type=uid&value=UID&containerid=107603UID  → data.cards[].mblog (the post list)
// and for the date forms that API prints. No I/O, no clock: `now` comes in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "core/time_zone.h"
#include "sources/source.h"

namespace govwatch::sources {

// created_at forms: "Sat Jul 04 15:51:28 +0800 2020", 刚刚, 5分钟前, 3小时前, 今天 12:00,
// 昨天 12:00, 07-04 (this year; last year when that would be in the future), 2019-07-04.
// Relative and zone-less forms are resolved against `now` in `tz` (Asia/Shanghai for Weibo).
// nullopt for anything else.
std::optional<core::Timestamp> ParseWeiboDate(std::string_view text, core::Timestamp now,
                                              const core::TimeZone& tz);

// The failure a getIndex reply stands for, or nullopt when it is content: ok == -100 (or a
// `url` to passport.weibo.cn) is a login wall / expired cookie; ok == 0 or any ok != 1 is an
// API error ("这里还没有内容", rate limits); a body that is not JSON is "parse".
std::optional<SourceFailure> WeiboApiFailure(std::string_view json);

struct WeiboUserPage {
  std::optional<SourceFailure> failure;
  AccountProfile profile;
  std::string posts_containerid;  // from tabsInfo (tab_type "weibo"); "" when absent
};
// data.userInfo: screen_name, description, profile_url; links are the URLs in the description
// and in any url/website field of userInfo.
WeiboUserPage ParseWeiboUser(std::string_view json);

struct WeiboPostsPage {
  std::optional<SourceFailure> failure;
  std::vector<Post> posts;
};
// data.cards[] with an mblog (card_group entries too): post URL https://m.weibo.cn/status/BID,
// date from created_at (kFeedDate), pinned when the card's profile_type_id starts with
// "proweibotop", mblog.isTop is set, or mblog.title.text is 置顶; text is the mblog's plain
// text; links from the text (sinaurl unwrapped), url_struct and page_info. Posts whose date
// cannot be read keep no date.
WeiboPostsPage ParseWeiboPosts(std::string_view json, core::Timestamp now,
                               const core::TimeZone& tz);

}  // namespace govwatch::sources
