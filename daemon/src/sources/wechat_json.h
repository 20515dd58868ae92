// Pure parsers for the WeChat official-account API replies the wechat_api adapter reads:
//   GET  /cgi-bin/token?grant_type=client_credential&appid=…&secret=…
//        → {"access_token":"…","expires_in":7200} | {"errcode":40013,"errmsg":"invalid appid"}
//   POST /cgi-bin/freepublish/batchget?access_token=…  {"offset":0,"count":20,"no_content":1}
//        → {"total_count":…,"item_count":…,"item":[{"article_id":…,"content":{"news_item":[…]},
//           "update_time":…}]}
//   GET  /cgi-bin/get_current_selfmenu_info?access_token=…
//        → {"is_menu_open":1,"selfmenu_info":{"button":[{"type":"view","name":…,"url":…},
//           {"name":…,"sub_button":{"list":[…]}}]}}
// No I/O, no clock.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/source.h"

namespace govwatch::sources {

// An `errcode` reply (errcode != 0), or nullopt.
struct WechatError {
  long code = 0;
  std::string message;
};
std::optional<WechatError> ParseWechatError(std::string_view json);

// errcode 40001 (invalid credential), 40014 (invalid access_token), 42001 (access_token
// expired): the cached token must be fetched again.
bool IsTokenError(const WechatError& error);

struct WechatToken {
  std::optional<SourceFailure> failure;  // errcode reply ("api_error") or not JSON ("parse")
  std::string access_token;
  std::chrono::seconds expires_in{0};
};
WechatToken ParseWechatToken(std::string_view json);

struct WechatArticles {
  std::optional<SourceFailure> failure;
  std::optional<WechatError> error;  // the errcode, for token refresh decisions
  std::vector<Post> posts;  // one per news_item; date = the item's update_time (kFeedDate)
};
// Deleted articles (is_deleted) are skipped; text is title + digest; links is
// content_source_url (原文链接) when present.
WechatArticles ParseWechatArticles(std::string_view json);

struct WechatMenu {
  std::optional<SourceFailure> failure;
  std::optional<WechatError> error;
  std::vector<MenuEntry> entries;  // empty when is_menu_open is 0 or no button is set
};
WechatMenu ParseWechatMenu(std::string_view json);

}  // namespace govwatch::sources
