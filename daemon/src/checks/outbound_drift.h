// Drifting outbound links (外链变异, issue 6): 友情链接 and other outbound links, re-checked
// periodically, whose destination now classifies as gambling, porn or a parked domain.
//
// One kVeto finding "outbound_drift" per link whose current verdict is not kNone; the message
// says whether it changed since the previous check (previous kNone: "已变为…") or was already
// bad. Links whose current verdict is kNone raise nothing.
//
// Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "checks/check_result.h"
#include "checks/destination_class.h"

namespace govwatch::checks {

inline constexpr char kOutboundDrift[] = "outbound_drift";

struct OutboundLinkState {
  std::string url;          // the outbound link (absolute)
  std::string anchor_text;  // as on the page it was found on
  std::string found_on;     // the page's URL
  DestinationClass previous = DestinationClass::kNone;  // the stored verdict of the last check
  DestinationVerdict current;                           // ClassifyDestination of today's fetch
};

CheckResult CheckOutboundDrift(const LinkCheckSubject& subject,
                               const std::vector<OutboundLinkState>& links);

}  // namespace govwatch::checks
