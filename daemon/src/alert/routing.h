// Routing: which channels (and which e-mail recipients) hear about a finding (issue 4). Pure.
//
// Every route whose conditions all match applies (config::Route): units, regions (the finding's
// unit's region), checks, min_severity. The same channel reached by several routes gets one
// message with the union of recipients. For e-mail channels the recipients are explicit: the
// channel's own `to` plus, when a matching route says unit_contacts, the unit's contacts'
// addresses. For other channels `to` stays empty.
//
// Delivery class: vetoes and upstream alerts go out immediately; everything else waits for the
// unit's daily digest.
#pragma once

#include <string>
#include <vector>

#include "alert/alert.h"
#include "config/config.h"

namespace govwatch::alert {

struct Recipient {
  std::string channel;
  std::vector<std::string> to;  // e-mail addresses in first-seen order, no duplicates

  friend bool operator==(const Recipient&, const Recipient&) = default;
};

bool RouteMatches(const config::Route& route, const config::Config& config,
                  const core::Finding& finding);

// The recipients of a finding, by channel in the order routes first name them.
std::vector<Recipient> RouteFinding(const config::Config& config, const core::Finding& finding);

// True when the finding's notices go out at once rather than in the daily digest.
bool IsImmediate(const core::Finding& finding);

}  // namespace govwatch::alert
