#include "checks/weibo_profile_link.h"

#include <algorithm>

#include "checks/url_host.h"

namespace govwatch::checks {

bool IsGovernmentUrl(const std::string& url, const std::vector<std::string>& domains) {
  const std::string host = UrlHost(url);
  if (host.empty()) return false;
  for (const std::string& d : domains) {
    if (host.ends_with(d) || "." + host == d) return true;
  }
  return false;
}

CheckResult CheckWeiboProfileLink(const config::Account& account,
                                  const config::NewMediaSettings& settings,
                                  const AccountObservation& observation) {
  CheckResult result;
  if (!observation.readable || !observation.profile) {
    result.note = observation.readable ? "the source does not read the profile"
                                       : "account unreadable: " + observation.unreadable_reason;
    return result;
  }
  std::vector<std::string> government;
  for (const std::string& link : observation.profile->links) {
    if (IsGovernmentUrl(link, settings.government_domains)) government.push_back(link);
  }
  const std::string who =
      std::string(core::ChineseName(account.platform)) + "「" + account.name + "」";
  core::Finding f;
  f.target_id = account.id;
  f.unit_id = account.unit;
  f.check = kWeiboProfileLink;
  f.severity = core::Severity::kDeduction;
  f.evidence_url = observation.profile->profile_url.empty() ? account.source.url
                                                            : observation.profile->profile_url;
  if (government.empty()) {
    f.subject = "profile_link_missing";
    f.message = who + "简介未链接政府网站";
    result.status = core::CheckStatus::kProblem;
    result.note = "no government link in the profile";
    result.findings.push_back(std::move(f));
    return result;
  }
  const LinkProbe* dead = nullptr;
  for (const std::string& link : government) {
    const auto probe = std::find_if(observation.link_probes.begin(), observation.link_probes.end(),
                                    [&](const LinkProbe& p) { return p.url == link; });
    if (probe == observation.link_probes.end() || probe->works) {
      result.status = core::CheckStatus::kOk;
      result.note = "profile links to " + link;
      return result;
    }
    if (dead == nullptr) dead = &*probe;
  }
  f.subject = "profile_link_dead";
  f.evidence_url = dead->url;
  f.message = who + "简介中的政府网站链接无法访问：" + dead->url +
              (dead->failure == "http_status" ? "（HTTP " + std::to_string(dead->http_status) + "）"
                                              : "（" + dead->failure + "）");
  result.status = core::CheckStatus::kProblem;
  result.note = "government link does not work";
  result.findings.push_back(std::move(f));
  return result;
}

}  // namespace govwatch::checks
