// What a link's destination page is (issue 6): gambling (赌博), porn (色情) or a parked / for-sale
// domain (停放/待售域名), judged from the destination's text (extract::ReadPageText) and URL; plus
// the shared vocabulary of the link checks: the subject of findings, destination risk levels.
//
// Classification counts distinct keyword hits from fixed lists: gambling and porn each need two
// distinct strong terms (or one strong term in the URL's host and one in the text), so a news
// story that mentions 赌博 once ("打击赌博违法犯罪") stays kNone; a parked page needs one
// parking phrase ("域名出售", "This domain may be for sale", a parking service name such as
// sedo/dan.com/bodis/parkingcrew). When several match, gambling > porn > parked.
//
// Risk of a link (for hidden links and cloaking) comes from its destination: kHigh when the host
// is on the illegal-domain list (host equal to or a subdomain of a listed domain) or the
// destination classifies as gambling/porn/parked; kMedium when the host is outside .gov.cn (and
// not the page's own host); kLow otherwise.
//
// Pure; thread-safe.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace govwatch::checks {

enum class DestinationClass { kNone, kGambling, kPorn, kParked };
std::string_view ToString(DestinationClass c);     // "none", "gambling", "porn", "parked"
std::string_view ChineseName(DestinationClass c);  // 正常, 赌博, 色情, 停放/待售域名

struct DestinationVerdict {
  DestinationClass klass = DestinationClass::kNone;
  std::vector<std::string> evidence;  // the keywords/phrases that matched, in list order
};

DestinationVerdict ClassifyDestination(std::string_view page_text, std::string_view url);

// Destination verdicts the crawler knows, keyed by the link's absolute URL.
using DestinationLookup = std::map<std::string, DestinationVerdict>;

// Who the link findings belong to (core::Finding target_id/unit_id): the site id and its unit.
struct LinkCheckSubject {
  std::string target_id;
  std::string unit_id;
};

enum class LinkRisk { kLow, kMedium, kHigh };
std::string_view ChineseName(LinkRisk r);  // 低, 中, 高

struct RiskAssessment {
  LinkRisk risk = LinkRisk::kLow;
  std::string reason;  // Chinese: "非政府网站域名（example.com）", "已知违法域名", "目标页面含赌博内容（…）"
};

// Lower-case host of an absolute URL ("" when none).
std::string HostOf(std::string_view url);
// Whether `host` is gov.cn or ends in .gov.cn.
bool IsGovCnHost(std::string_view host);
// Whether `host` equals or is a subdomain of an entry of `illegal_domains` (lower-case entries).
bool OnIllegalDomain(std::string_view host, const std::set<std::string>& illegal_domains);

RiskAssessment AssessDestinationRisk(std::string_view url, std::string_view page_url,
                                     const std::set<std::string>& illegal_domains,
                                     const DestinationLookup& destinations);

}  // namespace govwatch::checks
