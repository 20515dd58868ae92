#include "checks/destination_class.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace govwatch::checks {

std::string_view ToString(DestinationClass c) {
  switch (c) {
    case DestinationClass::kNone: return "none";
    case DestinationClass::kGambling: return "gambling";
    case DestinationClass::kPorn: return "porn";
    case DestinationClass::kParked: return "parked";
  }
  return "none";
}

std::string_view ChineseName(DestinationClass c) {
  switch (c) {
    case DestinationClass::kNone: return "正常";
    case DestinationClass::kGambling: return "赌博";
    case DestinationClass::kPorn: return "色情";
    case DestinationClass::kParked: return "停放/待售域名";
  }
  return "正常";
}

std::string_view ChineseName(LinkRisk r) {
  switch (r) {
    case LinkRisk::kLow: return "低";
    case LinkRisk::kMedium: return "中";
    case LinkRisk::kHigh: return "高";
  }
  return "低";
}

namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Terms that on their own say little (news reports 打击赌博), but two distinct ones on one page
// are what gambling sites are made of.
constexpr std::array<std::string_view, 28> kGambling = {
    "博彩", "赌场", "娱乐城", "百家乐", "真人荷官", "老虎机", "时时彩", "北京赛车", "六合彩",
    "网上赌", "体育投注", "彩票投注", "威尼斯人", "葡京", "皇冠体育", "开户送", "首存",
    "电子游艺", "捕鱼游戏", "棋牌游戏", "赌博", "下注", "投注", "casino", "baccarat", "bet365",
    "sportsbook", "jackpot"};
constexpr std::array<std::string_view, 20> kPorn = {
    "色情", "成人视频", "成人电影", "成人影院", "黄色网站", "av在线", "一本道", "无码", "激情视频",
    "裸聊", "约炮", "福利视频", "偷拍", "av女优", "porn", "xxx", "sex video", "hentai",
    "成人", "av"};
// Weak porn terms ("成人" appears in 成人教育, "av" in many words) count only next to strong ones.
constexpr std::size_t kPornStrong = 18;
constexpr std::array<std::string_view, 16> kParked = {
    "域名出售", "域名转让", "此域名出售", "该域名正在出售", "域名停放", "域名可出售",
    "this domain may be for sale", "this domain is for sale", "buy this domain",
    "domain is parked", "domain parking", "sedoparking", "sedo.com", "dan.com", "bodis.com",
    "parkingcrew"};
// Host tokens that name the trade.
constexpr std::array<std::string_view, 6> kGamblingHost = {"casino", "dubo", "bocai", "bet", "amusement", "duchang"};
constexpr std::array<std::string_view, 4> kPornHost = {"porn", "xxx", "sex", "seqing"};

template <std::size_t N>
std::vector<std::string> Hits(std::string_view text, const std::array<std::string_view, N>& terms,
                              std::size_t limit = N) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < limit && i < N; ++i) {
    if (text.find(terms[i]) != std::string_view::npos) out.emplace_back(terms[i]);
  }
  return out;
}

template <std::size_t N>
std::optional<std::string> HostHit(std::string_view host, const std::array<std::string_view, N>& t) {
  // Tokens of the host split at '.' and '-': "dubo-placeholder.com" → dubo, placeholder, com.
  std::size_t i = 0;
  while (i < host.size()) {
    std::size_t j = host.find_first_of(".-", i);
    if (j == std::string_view::npos) j = host.size();
    const std::string_view token = host.substr(i, j - i);
    for (std::string_view term : t) {
      if (token == term || (term.size() >= 4 && token.find(term) != std::string_view::npos)) {
        return std::string(token);
      }
    }
    i = j + 1;
  }
  return std::nullopt;
}

}  // namespace

std::string HostOf(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  rest = rest.substr(0, rest.find(':'));
  std::string host = LowerAscii(rest);
  while (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

bool IsGovCnHost(std::string_view host) {
  return host == "gov.cn" || host.ends_with(".gov.cn");
}

bool OnIllegalDomain(std::string_view host, const std::set<std::string>& illegal_domains) {
  std::string_view h = host;
  while (!h.empty()) {
    if (illegal_domains.count(std::string(h)) > 0) return true;
    const std::size_t dot = h.find('.');
    if (dot == std::string_view::npos) break;
    h.remove_prefix(dot + 1);
  }
  return false;
}

DestinationVerdict ClassifyDestination(std::string_view page_text, std::string_view url) {
  const std::string text = LowerAscii(page_text);
  const std::string host = HostOf(url);
  DestinationVerdict v;

  std::vector<std::string> gambling = Hits(text, kGambling);
  if (auto h = HostHit(host, kGamblingHost)) gambling.push_back("域名含“" + *h + "”");
  if (gambling.size() >= 2) {
    v.klass = DestinationClass::kGambling;
    v.evidence = std::move(gambling);
    return v;
  }
  std::vector<std::string> porn = Hits(text, kPorn, kPornStrong);
  if (auto h = HostHit(host, kPornHost)) porn.push_back("域名含“" + *h + "”");
  if (!porn.empty()) {
    // Weak terms only strengthen an existing strong hit.
    for (std::size_t i = kPornStrong; i < kPorn.size(); ++i) {
      if (text.find(kPorn[i]) != std::string::npos) porn.emplace_back(kPorn[i]);
    }
  }
  if (porn.size() >= 2) {
    v.klass = DestinationClass::kPorn;
    v.evidence = std::move(porn);
    return v;
  }
  std::vector<std::string> parked = Hits(text, kParked);
  if (!parked.empty()) {
    v.klass = DestinationClass::kParked;
    v.evidence = std::move(parked);
  }
  return v;
}

RiskAssessment AssessDestinationRisk(std::string_view url, std::string_view page_url,
                                     const std::set<std::string>& illegal_domains,
                                     const DestinationLookup& destinations) {
  const std::string host = HostOf(url);
  RiskAssessment r;
  if (!host.empty() && OnIllegalDomain(host, illegal_domains)) {
    r.risk = LinkRisk::kHigh;
    r.reason = "已知违法域名（" + host + "）";
    return r;
  }
  if (auto it = destinations.find(std::string(url));
      it != destinations.end() && it->second.klass != DestinationClass::kNone) {
    r.risk = LinkRisk::kHigh;
    r.reason = "目标页面为" + std::string(ChineseName(it->second.klass)) + "内容（";
    for (std::size_t i = 0; i < it->second.evidence.size() && i < 4; ++i) {
      r.reason += (i == 0 ? "" : "、") + it->second.evidence[i];
    }
    r.reason += "）";
    return r;
  }
  if (host.empty() || host == HostOf(page_url)) {
    r.reason = "本站链接";
  } else if (IsGovCnHost(host)) {
    r.reason = "政府网站域名（" + host + "）";
  } else {
    r.risk = LinkRisk::kMedium;
    r.reason = "非政府网站域名（" + host + "）";
  }
  return r;
}

}  // namespace govwatch::checks
