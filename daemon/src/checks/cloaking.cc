#include "checks/cloaking.h"

#include <unordered_set>

namespace govwatch::checks {

std::vector<extract::Link> CloakedLinks(std::string_view page_url,
                                        const std::vector<extract::Link>& normal_links,
                                        const std::vector<extract::Link>& spider_links) {
  std::unordered_set<std::string> normal;
  for (const extract::Link& l : normal_links) normal.insert(l.url);
  const std::string page_host = HostOf(page_url);
  std::vector<extract::Link> out;
  std::unordered_set<std::string> reported;
  for (const extract::Link& l : spider_links) {
    if (l.url.empty() || normal.count(l.url) > 0) continue;
    const std::string host = HostOf(l.url);
    if (host.empty() || host == page_host || IsGovCnHost(host)) continue;
    if (!reported.insert(l.url).second) continue;
    out.push_back(l);
  }
  return out;
}

CheckResult CheckCloaking(const LinkCheckSubject& subject, std::string_view page_url,
                          const std::vector<extract::Link>& normal_links,
                          const std::vector<extract::Link>& spider_links,
                          const std::set<std::string>& illegal_domains,
                          const DestinationLookup& destinations) {
  CheckResult result;
  result.status = core::CheckStatus::kOk;
  for (const extract::Link& link : CloakedLinks(page_url, normal_links, spider_links)) {
    const RiskAssessment risk =
        AssessDestinationRisk(link.url, page_url, illegal_domains, destinations);
    core::Finding f;
    f.target_id = subject.target_id;
    f.unit_id = subject.unit_id;
    f.check = kHiddenLink;
    f.subject = link.url;
    f.evidence_url = std::string(page_url);
    f.severity = core::Severity::kVeto;
    f.message = "页面 " + std::string(page_url) +
                " 存在暗链（仅对搜索引擎蜘蛛显示，普通访问看不到）：锚文本“" +
                (link.text.empty() ? std::string("（无）") : link.text) + "”，指向 " + link.url +
                "；风险：" + std::string(ChineseName(risk.risk)) + "（" + risk.reason + "）";
    result.findings.push_back(std::move(f));
  }
  if (!result.findings.empty()) result.status = core::CheckStatus::kProblem;
  result.note = std::to_string(result.findings.size()) + " spider-only outbound link(s)";
  return result;
}

}  // namespace govwatch::checks
