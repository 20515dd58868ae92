#include "checks/hidden_link.h"

#include <utility>

namespace govwatch::checks {

CheckResult CheckHiddenLinks(const LinkCheckSubject& subject, std::string_view page_url,
                             const std::vector<extract::Link>& links,
                             const std::set<std::string>& illegal_domains,
                             const DestinationLookup& destinations) {
  CheckResult result;
  result.status = core::CheckStatus::kOk;
  std::set<std::pair<std::string, std::string>> seen;
  int benign = 0;
  for (const extract::Link& link : links) {
    if (!link.hidden || link.url.empty()) continue;
    const RiskAssessment risk =
        AssessDestinationRisk(link.url, page_url, illegal_domains, destinations);
    // A benign-looking hiding (tab, menu, signature) is believed unless the destination itself
    // is known bad: a casino link in a "tab" is still a casino link.
    if (link.hidden_benign && risk.risk != LinkRisk::kHigh) {
      ++benign;
      continue;
    }
    if (!seen.emplace(link.url, link.hidden_reason).second) continue;
    core::Finding f;
    f.target_id = subject.target_id;
    f.unit_id = subject.unit_id;
    f.check = kHiddenLink;
    f.subject = link.url;
    f.evidence_url = std::string(page_url);
    f.severity = risk.risk == LinkRisk::kLow ? core::Severity::kInfo : core::Severity::kVeto;
    f.message = "页面 " + std::string(page_url) + " 存在暗链：锚文本“" +
                (link.text.empty() ? std::string("（无）") : link.text) + "”，指向 " + link.url +
                "；隐藏方式：" + link.hidden_reason;
    if (link.hidden_benign) f.message += "（形似" + link.benign_reason + "）";
    f.message += "；风险：" + std::string(ChineseName(risk.risk)) + "（" + risk.reason + "）";
    result.findings.push_back(std::move(f));
  }
  if (!result.findings.empty()) result.status = core::CheckStatus::kProblem;
  result.note = std::to_string(result.findings.size()) + " hidden link(s) reported, " +
                std::to_string(benign) + " benign hidden link(s) ignored";
  return result;
}

}  // namespace govwatch::checks
