#include "alert/upstream.h"

namespace govwatch::alert {
namespace {

std::string HostOf(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (const auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  return std::string(url);
}

}  // namespace

std::string UpstreamGroupOf(const config::Config& config, const std::string& target_id,
                            bool network_down) {
  if (network_down) return kNetworkGroup;
  if (const config::Account* account = config.FindAccount(target_id)) {
    return "@source:" + HostOf(account->source.url);
  }
  return "";
}

std::vector<std::string> UpstreamTracker::Record(const std::string& target_id, bool failed,
                                                 const std::string& group) {
  std::vector<std::string> changed;
  const std::string next = failed ? group : "";
  auto old = group_of_.find(target_id);
  const std::string previous = old == group_of_.end() ? "" : old->second;
  if (previous == next) return changed;
  if (!previous.empty()) {
    auto& members = members_[previous];
    members.erase(target_id);
    if (members.empty()) members_.erase(previous);
    changed.push_back(previous);
  }
  if (next.empty()) {
    group_of_.erase(target_id);
  } else {
    group_of_[target_id] = next;
    members_[next].insert(target_id);
    changed.push_back(next);
  }
  return changed;
}

std::size_t UpstreamTracker::Failing(const std::string& group) const {
  auto it = members_.find(group);
  return it == members_.end() ? 0 : it->second.size();
}

bool UpstreamTracker::Muted(const std::string& target_id, int min_targets) const {
  auto it = group_of_.find(target_id);
  return it != group_of_.end() &&
         Failing(it->second) >= static_cast<std::size_t>(std::max(1, min_targets));
}

ObservationInput UpstreamTracker::InputFor(const std::string& group, core::Timestamp now,
                                           int min_targets, const config::Config& config) const {
  ObservationInput input;
  input.target_id = group;
  input.scope = {kUpstreamCheck};
  input.now = now;
  const std::size_t failing = Failing(group);
  if (failing < static_cast<std::size_t>(std::max(1, min_targets))) return input;
  const std::set<std::string>& members = members_.at(group);
  std::string examples;
  int shown = 0;
  for (const std::string& id : members) {
    if (shown == 3) break;
    std::string name = id;
    if (const config::Account* a = config.FindAccount(id)) name = a->name;
    if (const config::Site* s = config.FindSite(id)) name = s->name;
    examples += (shown++ > 0 ? "、" : "") + name;
  }
  core::Finding f;
  f.target_id = group;
  f.check = kUpstreamCheck;
  f.severity = core::Severity::kWarning;
  const std::string count = std::to_string(failing);
  if (group == kNetworkGroup) {
    f.message = "监测主机网络异常：" + count + " 个监测对象同时读取失败（如 " + examples +
                "），期间这些对象的告警暂缓发送";
  } else {
    const std::string host = group.substr(std::string_view("@source:").size());
    f.message = "数据源 " + host + " 无法读取：" + count + " 个账号读取失败（如 " + examples +
                "），期间这些账号的告警暂缓发送";
    if (const config::Account* a = config.FindAccount(*members.begin())) {
      f.evidence_url = a->source.url;
    }
  }
  input.findings.push_back(OpenFinding{std::move(f), now});
  return input;
}

}  // namespace govwatch::alert
