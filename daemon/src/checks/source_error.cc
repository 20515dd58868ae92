#include "checks/source_error.h"

#include <map>

namespace govwatch::checks {

std::string SourceErrorTargetId(core::Platform platform) {
  return "@" + std::string(core::ToString(platform));
}

std::string ChineseFailure(const std::string& reason) {
  static const std::map<std::string, std::string> kNames = {
      {"blocked", "被防火墙或验证码拦截"},
      {"captcha", "需要验证码"},
      {"login_wall", "需要登录或 Cookie 已失效"},
      {"api_error", "接口返回错误"},
      {"empty_list", "返回空列表（此前有发布）"},
      {"http_status", "HTTP 错误"},
      {"parse", "内容无法解析"},
      {"secret", "密钥无法读取"},
      {"timeout", "访问超时"},
      {"dns", "域名无法解析"},
      {"connect", "无法连接"},
      {"tls", "TLS 证书错误"},
  };
  const auto it = kNames.find(reason);
  return it == kNames.end() ? reason : it->second;
}

CheckResult CheckSourceErrors(core::Platform platform, const std::vector<SourceHealth>& health,
                              int threshold) {
  CheckResult result;
  result.status = core::CheckStatus::kOk;
  std::vector<const SourceHealth*> broken;
  for (const SourceHealth& h : health) {
    if (h.account != nullptr && h.account->platform == platform &&
        h.consecutive_failures >= threshold) {
      broken.push_back(&h);
    }
  }
  if (broken.empty()) return result;
  std::string names;
  for (const SourceHealth* h : broken) {
    if (!names.empty()) names += "、";
    names += "「" + h->account->name + "」（" + ChineseFailure(h->last_failure) + "，连续 " +
             std::to_string(h->consecutive_failures) + " 次）";
  }
  core::Finding f;
  f.target_id = SourceErrorTargetId(platform);
  f.check = kSourceError;
  f.severity = core::Severity::kWarning;
  f.evidence_url = broken.front()->account->source.url;
  // A unit only when all broken accounts share it; otherwise the office sees it unrouted.
  f.unit_id = broken.front()->account->unit;
  for (const SourceHealth* h : broken) {
    if (h->account->unit != f.unit_id) f.unit_id.clear();
  }
  f.message = std::string(core::ChineseName(platform)) + " " + std::to_string(broken.size()) +
              " 个账号采集异常，无法判断是否更新：" + names;
  result.status = core::CheckStatus::kProblem;
  result.note = std::to_string(broken.size()) + " broken sources";
  result.findings.push_back(std::move(f));
  return result;
}

}  // namespace govwatch::checks
