#include "fetch/blocked.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace govwatch::fetch {
namespace {

struct Signature {
  std::string_view name;
  std::string_view needle;  // matched case-insensitively for ASCII
  // Weak needles (验证码, "Access Denied") also occur on ordinary pages — a 留言 form has a
  // 验证码 field — so they count only on short pages, which is what block pages are.
  bool weak;
};

constexpr std::array<Signature, 22> kSignatures{{
    {"安全狗 (safedog)", "safedog", false},
    {"安全狗 (safedog)", "安全狗", false},
    {"云锁 (yunsuo)", "yunsuo_session", false},
    {"云锁 (yunsuo)", "云锁", true},
    {"创宇盾 (365cyd)", "365cyd", false},
    {"知道创宇 (knownsec)", "知道创宇", true},
    {"创宇盾 (365cyd)", "创宇盾", false},
    {"加速乐 (jiasule)", "__jsl_clearance", false},
    {"加速乐 (jiasule)", "jiasule", false},
    {"瑞数 (Rivers Security)", "$_ts=window", false},
    {"Cloudflare challenge", "cf-browser-verification", false},
    {"Cloudflare challenge", "challenges.cloudflare.com", false},
    {"Cloudflare challenge", "<title>just a moment...</title>", false},
    {"Access Denied", "access denied", true},
    {"网站防火墙", "网站防火墙", true},
    {"Web应用防火墙", "web应用防火墙", true},
    {"滑动验证", "滑动验证", true},
    {"验证码", "请输入验证码", true},
    {"验证码", "验证码", true},
    {"请开启JavaScript", "请开启javascript", true},
    {"请开启JavaScript", "请启用javascript", true},
    {"访问被拦截", "访问被拦截", true},
}};

// Block pages are small; a real column page with a 验证码 field is not.
constexpr size_t kShortPage = 8 * 1024;
// Strong needles sit in the head or an inline script near the top.
constexpr size_t kScanPrefix = 64 * 1024;

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c);
  });
  return out;
}

}  // namespace

std::optional<std::string> DetectBlocked(int status, std::string_view body) {
  const std::string text = LowerAscii(body.substr(0, kScanPrefix));
  const bool short_page = body.size() <= kShortPage;
  for (const Signature& sig : kSignatures) {
    if (sig.weak && !short_page) continue;
    if (text.find(sig.needle) != std::string::npos) return std::string(sig.name);
  }
  // 412 (瑞数) and 521 (加速乐) are what JS challenges answer before the cookie is set; with a
  // script and little else the page is a challenge even when its signature changed.
  if ((status == 412 || status == 521) && short_page && text.find("<script") != std::string::npos)
    return "HTTP " + std::to_string(status) + " JavaScript challenge";
  return std::nullopt;
}

}  // namespace govwatch::fetch
