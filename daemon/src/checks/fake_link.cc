#include "checks/fake_link.h"

#include <array>
#include <cctype>

namespace govwatch::checks {
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string WithoutSpaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  }
  return out;
}

// href values that go nowhere when clicked.
bool GoesNowhere(std::string_view href) {
  const std::string h = LowerAscii(WithoutSpaces(href));
  return h.empty() || h == "#" || h == "javascript:" || h == "javascript:;" ||
         h == "javascript:void(0)" || h == "javascript:void(0);" || h == "javascript:void(null)" ||
         h == "javascript:void(0)/*;*/" || h == "javascript:false" || h == "javascript:;void(0)";
}

constexpr std::array<std::string_view, 9> kUnitSuffixes = {
    "委员会", "办公室", "中心", "政府", "局", "委", "办", "厅", "院"};
constexpr std::array<std::string_view, 18> kColumns = {
    "通知公告", "政务公开", "信息公开", "政府信息公开", "政策文件", "政策解读", "政民互动",
    "领导信息", "机构职能", "人事信息", "规划计划", "办事服务", "新闻中心", "工作动态",
    "部门动态", "政务动态", "在线访谈", "公开指南"};
constexpr std::array<std::string_view, 6> kPlacePrefixes = {"自治区", "市", "县", "区", "省", "州"};

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// The names a destination title must contain for the anchor to be honest: the text itself,
// without its place prefix ("市教育局" → "教育局") and without its unit suffix ("教育").
// Empty when the text names neither a unit nor a column.
std::vector<std::string> NamedCores(std::string_view text) {
  const std::string t = WithoutSpaces(text);
  if (t.empty() || CodePoints(t) > 16) return {};
  for (std::string_view c : kColumns) {
    if (t == c) return {std::string(c)};
  }
  for (std::string_view suffix : kUnitSuffixes) {
    if (!t.ends_with(suffix) || t.size() <= suffix.size()) continue;
    std::string core = t;
    for (std::string_view p : kPlacePrefixes) {
      if (core.starts_with(p) && core.size() > p.size() + suffix.size()) {
        core = core.substr(p.size());
        break;
      }
    }
    std::vector<std::string> out = {t, core};
    const std::string stem = core.substr(0, core.size() - suffix.size());
    if (CodePoints(stem) >= 2) out.push_back(stem);
    return out;
  }
  return {};
}

// "http://WWW.x.gov.cn/index.html" and "http://www.x.gov.cn" are the same homepage.
std::string NormalizePage(std::string_view url) {
  std::string u = LowerAscii(url);
  if (const std::size_t hash = u.find('#'); hash != std::string::npos) u.resize(hash);
  for (std::string_view idx : {"index.html", "index.htm", "index.shtml", "index.jsp", "index.php",
                               "default.html", "default.htm", "default.aspx", "index.aspx"}) {
    if (u.ends_with(idx)) {
      u.resize(u.size() - idx.size());
      break;
    }
  }
  while (!u.empty() && u.back() == '/') u.pop_back();
  if (u.starts_with("https://")) u = "http://" + u.substr(8);
  return u;
}

}  // namespace

std::optional<std::string> FakeLinkReason(const extract::Link& link, std::string_view page_url,
                                          std::string_view homepage_url,
                                          const DestinationPage* destination) {
  if (link.kind != extract::LinkKind::kA && link.kind != extract::LinkKind::kArea) {
    return std::nullopt;
  }
  if (link.hidden) return std::nullopt;  // hidden_link's business
  if (link.url.empty()) {
    // mailto:/tel: lead somewhere; "#section" is an in-page anchor.
    if (!GoesNowhere(link.href) || link.has_handler || link.text.empty()) return std::nullopt;
    return "链接地址为“" + (link.href.empty() ? std::string("空") : link.href) +
           "”，点击无任何跳转";
  }
  if (destination == nullptr || destination->title.empty()) return std::nullopt;
  const std::vector<std::string> cores = NamedCores(link.text);
  if (cores.empty()) return std::nullopt;
  const std::string title = WithoutSpaces(destination->title);
  for (const std::string& core : cores) {
    if (title.find(core) != std::string::npos) return std::nullopt;
  }
  const std::string final_url = destination->final_url.empty() ? link.url : destination->final_url;
  const bool lands_home = NormalizePage(final_url) == NormalizePage(homepage_url) &&
                          NormalizePage(page_url) != NormalizePage(homepage_url);
  if (lands_home) {
    return "锚文本指向“" + link.text + "”，实际跳转到网站首页（" + final_url + "）";
  }
  return "锚文本指向“" + link.text + "”，实际跳转到无关页面“" + destination->title + "”（" +
         final_url + "）";
}

CheckResult CheckFakeLinks(const LinkCheckSubject& subject, std::string_view page_url,
                           std::string_view homepage_url, const std::vector<extract::Link>& links,
                           const DestinationPages& destinations) {
  CheckResult result;
  result.status = core::CheckStatus::kOk;
  for (const extract::Link& link : links) {
    const auto it = destinations.find(link.url);
    const DestinationPage* dest = it == destinations.end() ? nullptr : &it->second;
    const auto reason = FakeLinkReason(link, page_url, homepage_url, dest);
    if (!reason) continue;
    core::Finding f;
    f.target_id = subject.target_id;
    f.unit_id = subject.unit_id;
    f.check = kFakeLink;
    f.subject = link.url.empty() ? link.href : link.url;
    f.evidence_url = std::string(page_url);
    f.severity = core::Severity::kDeduction;
    f.message = "页面 " + std::string(page_url) + " 存在伪链：锚文本“" + link.text + "”，" +
                *reason;
    result.findings.push_back(std::move(f));
  }
  if (!result.findings.empty()) result.status = core::CheckStatus::kProblem;
  result.note = std::to_string(result.findings.size()) + " fake link(s)";
  return result;
}

}  // namespace govwatch::checks
