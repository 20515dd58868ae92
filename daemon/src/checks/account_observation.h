// What one read of a new-media account shows, as plain values: the input of the account rules
// (account_closed, wechat_menu, weibo_profile_link, account_commercial) and of the per-account
// statistics. The sources module fills it (sources/source.h); checks only read it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace govwatch::checks {

// One post (a Weibo status, a WeChat article, a feed entry).
struct Post {
  core::Item item;                 // title, url, date (kFeedDate), pinned (置顶)
  std::string text;                // plain text; the title when the source has no body
  std::vector<std::string> links;  // absolute http(s) URLs the post carries (not its own URL)
};

// One entry of a WeChat bottom menu (自定义菜单), with its sub-entries.
struct MenuEntry {
  std::string name;
  std::string type;  // "view", "click", "miniprogram", "news", …; "" for a parent entry
  std::string url;   // for "view" entries
  std::vector<MenuEntry> children;
};

// What a platform shows about the account itself (Weibo userInfo).
struct AccountProfile {
  std::string screen_name;
  std::string description;
  std::string profile_url;
  std::vector<std::string> links;  // http(s) URLs found in the profile, in order, unique
};

// The result of fetching one link a rule judges (a profile link, a menu view URL).
struct LinkProbe {
  std::string url;
  bool works = false;
  std::string failure;  // "http_status", "dns", "blocked", "soft_404", … when !works
  int http_status = 0;
};

struct AccountObservation {
  // Whether this read succeeded. When false every account rule answers kUnknown.
  bool readable = false;
  std::string unreadable_reason;
  std::vector<Post> posts;                      // document order
  std::optional<AccountProfile> profile;        // read by weibo_api only
  std::optional<std::vector<MenuEntry>> menu;   // read by wechat_api only; empty: no menu
  std::vector<LinkProbe> link_probes;           // links fetched for the rules
};

}  // namespace govwatch::checks
