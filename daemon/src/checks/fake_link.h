// Fake links (伪链, issue 6): links that look clickable but go nowhere, or whose text promises a
// unit or column and lands elsewhere.
//
//  - Goes nowhere: a visible <a>/<area> with href "", "#", "javascript:void(0)", "javascript:;"
//    (or only whitespace) that carries no script handler (Link::has_handler) and has text.
//  - Wrong destination: anchor text naming a unit (…局, …委, …办, …厅, …院, …中心, …政府, …委员会)
//    or a column (通知公告, 政务公开, 政策文件, 信息公开, 政民互动, 领导信息, 机构职能, …) whose
//    destination page — after redirects — is the site's homepage (while the page is not), or
//    whose destination title shares no part of the name (core name with the unit suffix
//    stripped, ≥ 2 characters). Destinations not in `destinations` are not judged.
// Each is a kDeduction finding "fake_link". Hidden links are left to hidden_link.
//
// Pure; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check_result.h"
#include "checks/destination_class.h"
#include "extract/links.h"

namespace govwatch::checks {

inline constexpr char kFakeLink[] = "fake_link";

// What the crawler learnt about a link's destination, keyed by the link's absolute URL.
struct DestinationPage {
  std::string final_url;  // after redirects
  std::string title;      // extract::ReadPageText(...).title
};
using DestinationPages = std::map<std::string, DestinationPage>;

// The per-link judgement behind CheckFakeLinks: the reason in Chinese when `link` is a fake link
// ("链接地址为“#”，点击无任何跳转", "锚文本指向“市教育局”，实际跳转到网站首页"), else nullopt.
// `destination` is what the crawler knows of link.url (null when not fetched).
std::optional<std::string> FakeLinkReason(const extract::Link& link, std::string_view page_url,
                                          std::string_view homepage_url,
                                          const DestinationPage* destination);

CheckResult CheckFakeLinks(const LinkCheckSubject& subject, std::string_view page_url,
                           std::string_view homepage_url, const std::vector<extract::Link>& links,
                           const DestinationPages& destinations);

}  // namespace govwatch::checks
