// Cloaking (issue 6, reported as 暗链 "hidden_link"): outbound links that appear only when the page
// is fetched with a search-engine spider's user agent (Baiduspider, Googlebot) — a classic
// injected-SEO hack that hides from visitors.
//
// Compares the absolute URLs of the two link lists; a link in `spider_links` whose URL is not in
// `normal_links`, whose host is not the page's host and not .gov.cn, is a kVeto finding with the
// risk from AssessDestinationRisk (kMedium at least). Spider-only links to the site itself or to
// .gov.cn are ignored (CMS caches and rotating news explain them).
//
// Pure; thread-safe.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check_result.h"
#include "checks/destination_class.h"
#include "checks/hidden_link.h"
#include "extract/links.h"

namespace govwatch::checks {

// The spider-only outbound links (the rule above), in `spider_links` order, deduplicated by URL.
std::vector<extract::Link> CloakedLinks(std::string_view page_url,
                                        const std::vector<extract::Link>& normal_links,
                                        const std::vector<extract::Link>& spider_links);

CheckResult CheckCloaking(const LinkCheckSubject& subject, std::string_view page_url,
                          const std::vector<extract::Link>& normal_links,
                          const std::vector<extract::Link>& spider_links,
                          const std::set<std::string>& illegal_domains,
                          const DestinationLookup& destinations);

}  // namespace govwatch::checks
