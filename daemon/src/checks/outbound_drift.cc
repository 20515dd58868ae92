#include "checks/outbound_drift.h"

namespace govwatch::checks {

CheckResult CheckOutboundDrift(const LinkCheckSubject& subject,
                               const std::vector<OutboundLinkState>& links) {
  CheckResult result;
  result.status = core::CheckStatus::kOk;
  for (const OutboundLinkState& link : links) {
    if (link.current.klass == DestinationClass::kNone) continue;
    const std::string now_class(ChineseName(link.current.klass));
    std::string evidence;
    for (std::size_t i = 0; i < link.current.evidence.size() && i < 4; ++i) {
      evidence += (i == 0 ? "" : "、") + link.current.evidence[i];
    }
    core::Finding f;
    f.target_id = subject.target_id;
    f.unit_id = subject.unit_id;
    f.check = kOutboundDrift;
    f.subject = link.url;
    f.evidence_url = link.found_on;
    f.severity = core::Severity::kVeto;
    f.message = "页面 " + link.found_on + " 的外链“" +
                (link.anchor_text.empty() ? std::string("（无）") : link.anchor_text) + "”（" +
                link.url + "）";
    if (link.previous == DestinationClass::kNone) {
      f.message += "目标内容已变为" + now_class;
    } else if (link.previous == link.current.klass) {
      f.message += "目标内容仍为" + now_class;
    } else {
      f.message += "目标内容由" + std::string(ChineseName(link.previous)) + "变为" + now_class;
    }
    f.message += "（命中：" + evidence + "）；风险：高";
    result.findings.push_back(std::move(f));
  }
  if (!result.findings.empty()) result.status = core::CheckStatus::kProblem;
  result.note = std::to_string(result.findings.size()) + " drifted outbound link(s) of " +
                std::to_string(links.size());
  return result;
}

}  // namespace govwatch::checks
