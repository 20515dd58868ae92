// Upstream failures: one message for many targets failing for one reason (issue 4). Pure.
//
// A failed observation belongs to an upstream group when its cause is shared: "@network" when
// it was flagged network_down (the monitoring host's own network), "@source:HOST" for an
// account whose source host (e.g. a shared RSSHub) failed. UpstreamTracker remembers which
// targets are failing in each group; once a group holds at least `min_targets`, InputFor yields
// one synthetic finding (check kUpstreamCheck, target = the group) that the ordinary engine fires
// and resolves like any other, and Muted() holds back the members' own notices meanwhile.
//
// In memory only: after a restart the groups refill from new observations (a firing upstream
// alert resolves once its group's members succeed again).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "alert/alert.h"
#include "config/config.h"

namespace govwatch::alert {

inline constexpr char kNetworkGroup[] = "@network";

// The upstream group of a failed observation of `target_id`, or "" when it has none.
std::string UpstreamGroupOf(const config::Config& config, const std::string& target_id,
                            bool network_down);

class UpstreamTracker {
 public:
  // Records one observation; `group` is UpstreamGroupOf(...) for a failure ("" otherwise).
  // Returns the groups whose membership changed (each needs a fresh InputFor).
  std::vector<std::string> Record(const std::string& target_id, bool failed,
                                  const std::string& group);
  // The observation of `group` at `now`: one finding when it has >= min_targets members. Its
  // first_seen is `now`; a caller continuing an active upstream alert passes that alert's start
  // instead (OpenFinding::first_seen is an episode's identity).
  ObservationInput InputFor(const std::string& group, core::Timestamp now, int min_targets,
                            const config::Config& config) const;
  // True when `target_id` is failing in a group of >= min_targets members.
  bool Muted(const std::string& target_id, int min_targets) const;
  std::size_t Failing(const std::string& group) const;

 private:
  std::map<std::string, std::set<std::string>> members_;  // group → failing targets
  std::map<std::string, std::string> group_of_;           // target → its group
};

}  // namespace govwatch::alert
