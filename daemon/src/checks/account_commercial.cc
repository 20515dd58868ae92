#include "checks/account_commercial.h"

#include <algorithm>
#include <set>

#include "checks/url_host.h"
#include "checks/weibo_profile_link.h"

namespace govwatch::checks {
namespace {

bool HostMatches(const std::string& host, const std::string& pattern) {
  if (pattern.find('.') != std::string::npos) {
    // A domain: the host is it or a subdomain of it.
    return host == pattern || host.ends_with("." + pattern);
  }
  // A bare word (bocai, casino): anywhere in the host.
  return host.find(pattern) != std::string::npos;
}

}  // namespace

CheckResult CheckAccountCommercial(const config::Account& account,
                                   const config::NewMediaSettings& settings,
                                   const AccountObservation& observation) {
  CheckResult result;
  if (!observation.readable) {
    result.note = "account unreadable: " + observation.unreadable_reason;
    return result;
  }
  const std::string who =
      std::string(core::ChineseName(account.platform)) + "「" + account.name + "」";
  std::set<std::string> reported;
  for (const Post& post : observation.posts) {
    for (const std::string& link : post.links) {
      if (IsGovernmentUrl(link, settings.government_domains)) continue;
      const std::string host = UrlHost(link);
      const bool commercial =
          std::any_of(settings.commercial_domains.begin(), settings.commercial_domains.end(),
                      [&](const std::string& p) { return HostMatches(host, p); });
      if (!commercial || !reported.insert(host).second) continue;
      core::Finding f;
      f.target_id = account.id;
      f.unit_id = account.unit;
      f.check = kAccountCommercial;
      f.subject = "commercial:" + host;
      f.severity = core::Severity::kDeduction;
      f.evidence_url = post.item.url.empty() ? link : post.item.url;
      f.message = who + "发布的信息「" + post.item.title + "」含有指向商业或违规网站的链接：" + link;
      if (post.item.published) f.last_update = core::DatedTime{*post.item.published, post.item.provenance};
      result.findings.push_back(std::move(f));
    }
  }
  result.status = result.findings.empty() ? core::CheckStatus::kOk : core::CheckStatus::kProblem;
  result.note = std::to_string(result.findings.size()) + " commercial hosts";
  return result;
}

}  // namespace govwatch::checks
