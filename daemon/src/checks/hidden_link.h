// Hidden links (暗链, issue 6): one finding per hidden, non-benign link of a page, with the page,
// anchor text, destination, how it is hidden and the risk from its destination
// (AssessDestinationRisk).
//
// Severity: kHigh and kMedium risk → kVeto (a hidden link to a non-government or known-bad
// destination); kLow (a hidden link to a .gov.cn page or the site itself) → kInfo. Benign hidden
// links (tab panels, collapsed menus, CMS signatures, statistics scripts) raise nothing. Links
// without a destination (url empty) are not hidden links. Identical (destination, reason) pairs
// on one page are reported once.
//
// Pure; thread-safe.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check_result.h"
#include "checks/destination_class.h"
#include "extract/links.h"

namespace govwatch::checks {

inline constexpr char kHiddenLink[] = "hidden_link";

// status kOk when nothing is reported, kProblem otherwise (never kUnknown: the page was read).
CheckResult CheckHiddenLinks(const LinkCheckSubject& subject, std::string_view page_url,
                             const std::vector<extract::Link>& links,
                             const std::set<std::string>& illegal_domains,
                             const DestinationLookup& destinations);

}  // namespace govwatch::checks
