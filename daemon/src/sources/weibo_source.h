// The `weibo_api` adapter: reads an account through the public Weibo mobile container API at
// source.base_url (default https://m.weibo.cn): the user info, then the post list (the
// containerid from tabsInfo, else 107603UID), then — when new_media.check_links — fetches the
// profile's government links (new_media.government_domains) so weibo_profile_link can judge
// them. Parsing: weibo_json.h.
#pragma once

#include <memory>

#include "config/config.h"
#include "sources/source.h"

namespace govwatch::sources {

std::unique_ptr<AccountSource> MakeWeiboSource(const config::Account& account,
                                               const config::NewMediaSettings& settings);

}  // namespace govwatch::sources
