#include "alert/routing.h"

#include <algorithm>

namespace govwatch::alert {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

void AddUnique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && !Contains(list, value)) list.push_back(value);
}

}  // namespace

bool RouteMatches(const config::Route& route, const config::Config& config,
                  const core::Finding& finding) {
  if (!route.units.empty() && !Contains(route.units, finding.unit_id)) return false;
  if (!route.regions.empty()) {
    const config::Unit* unit = config.FindUnit(finding.unit_id);
    if (unit == nullptr || !Contains(route.regions, unit->region)) return false;
  }
  if (!route.checks.empty() && !Contains(route.checks, finding.check)) return false;
  // Severity enumerators run from most to least severe.
  if (route.min_severity && finding.severity > *route.min_severity) return false;
  return true;
}

std::vector<Recipient> RouteFinding(const config::Config& config, const core::Finding& finding) {
  std::vector<Recipient> out;
  const config::Unit* unit = config.FindUnit(finding.unit_id);
  for (const config::Route& route : config.alerts.routes) {
    if (!RouteMatches(route, config, finding)) continue;
    for (const std::string& name : route.channels) {
      const config::Channel* channel = config.FindChannel(name);
      if (channel == nullptr) continue;  // the loader rejects this; a stale reference is skipped
      auto it = std::find_if(out.begin(), out.end(),
                             [&](const Recipient& r) { return r.channel == name; });
      if (it == out.end()) {
        out.push_back(Recipient{name, {}});
        it = std::prev(out.end());
        if (channel->type == config::Channel::Type::kEmail) {
          for (const std::string& address : channel->to) AddUnique(it->to, address);
        }
      }
      if (route.unit_contacts && unit != nullptr &&
          channel->type == config::Channel::Type::kEmail) {
        for (const config::Contact& c : unit->contacts) AddUnique(it->to, c.email);
      }
    }
  }
  return out;
}

bool IsImmediate(const core::Finding& finding) {
  return finding.severity == core::Severity::kVeto || finding.check == kUpstreamCheck;
}

}  // namespace govwatch::alert
