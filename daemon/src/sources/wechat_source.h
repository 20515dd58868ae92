// The `wechat_api` adapter: reads an official account the office holds credentials for, at
// source.base_url (default https://api.weixin.qq.com):
//   1. an access token from appid + secret (/cgi-bin/token), cached until 5 minutes before it
//      expires and fetched again when a call answers errcode 40001/40014/42001 (invalid or
//      expired credential) — one retry per call;
//   2. the published-article list (/cgi-bin/freepublish/batchget, POST, newest 20);
//   3. the current bottom menu (/cgi-bin/get_current_selfmenu_info), and — when
//      new_media.check_links — every `view` entry's URL, so wechat_menu can tell dead entries.
// The secret comes from the config (${ENV}) or the first line of secret_file, read on each
// token fetch. Neither it nor the token appears in any URL, detail or log the adapter returns.
// Parsing: wechat_json.h.
#pragma once

#include <memory>

#include "config/config.h"
#include "sources/source.h"

namespace govwatch::sources {

std::unique_ptr<AccountSource> MakeWechatSource(const config::Account& account,
                                                const config::NewMediaSettings& settings);

}  // namespace govwatch::sources
