#include "checks/wechat_menu.h"

#include <set>

namespace govwatch::checks {
namespace {

bool Matches(const MenuEntry& entry, const std::vector<std::string>& synonyms) {
  for (const std::string& word : synonyms) {
    if (entry.name.find(word) != std::string::npos) return true;
  }
  for (const MenuEntry& child : entry.children) {
    if (Matches(child, synonyms)) return true;
  }
  return false;
}

void CollectViews(const std::vector<MenuEntry>& entries, std::vector<const MenuEntry*>& out) {
  for (const MenuEntry& e : entries) {
    if (e.type == "view" && !e.url.empty()) out.push_back(&e);
    CollectViews(e.children, out);
  }
}

std::string Reason(const LinkProbe& probe) {
  if (probe.failure == "http_status") return "HTTP " + std::to_string(probe.http_status);
  if (probe.failure == "soft_404") return "页面不存在";
  if (probe.failure == "timeout") return "超时";
  if (probe.failure == "dns") return "域名无法解析";
  if (probe.failure == "connect") return "无法连接";
  if (probe.failure == "blocked") return "被防火墙拦截";
  return probe.failure;
}

}  // namespace

CheckResult CheckWechatMenu(const config::Account& account,
                            const config::NewMediaSettings& settings,
                            const AccountObservation& observation) {
  CheckResult result;
  if (!observation.readable || !observation.menu) {
    result.note = observation.readable ? "the source does not read the menu"
                                       : "account unreadable: " + observation.unreadable_reason;
    return result;
  }
  const std::vector<MenuEntry>& menu = *observation.menu;
  const std::string who =
      std::string(core::ChineseName(account.platform)) + "「" + account.name + "」";
  auto finding = [&](std::string subject, std::string message, std::string url) {
    core::Finding f;
    f.target_id = account.id;
    f.unit_id = account.unit;
    f.check = kWechatMenu;
    f.subject = std::move(subject);
    f.severity = core::Severity::kDeduction;
    f.message = std::move(message);
    f.evidence_url = url.empty() ? account.source.url : std::move(url);
    result.findings.push_back(std::move(f));
  };
  bool service = false;
  bool interaction = false;
  for (const MenuEntry& e : menu) {
    service = service || Matches(e, settings.service_menu_synonyms);
    interaction = interaction || Matches(e, settings.interaction_menu_synonyms);
  }
  const std::string none = menu.empty() ? "未设置底部菜单，" : "底部菜单";
  if (!service) finding("menu_service", who + none + "缺少“网上办事”入口", "");
  if (!interaction) finding("menu_interaction", who + none + "缺少“互动交流”入口", "");
  std::vector<const MenuEntry*> views;
  CollectViews(menu, views);
  std::set<std::string> reported;
  for (const MenuEntry* view : views) {
    for (const LinkProbe& probe : observation.link_probes) {
      if (probe.url != view->url || probe.works || !reported.insert(view->url).second) continue;
      finding("menu_dead:" + view->url,
              who + "底部菜单“" + view->name + "”链接无法访问（" + Reason(probe) + "）", view->url);
    }
  }
  result.status = result.findings.empty() ? core::CheckStatus::kOk : core::CheckStatus::kProblem;
  result.note = std::to_string(views.size()) + " view entries, " +
                std::to_string(result.findings.size()) + " problems";
  return result;
}

}  // namespace govwatch::checks
