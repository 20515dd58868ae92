#include "core/model.h"

#include <array>
#include <utility>

namespace govwatch::core {
namespace {

template <class E, size_t N>
std::optional<E> Lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view s) {
  for (const auto& [e, name] : table) {
    if (name == s) return e;
  }
  return std::nullopt;
}

template <class E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [v, name] : table) {
    if (v == e) return name;
  }
  return "?";
}

constexpr std::array<std::pair<DateProvenance, std::string_view>, 8> kProvenanceNames{{
    {DateProvenance::kListDate, "list_date"},
    {DateProvenance::kMetaPubdate, "meta_pubdate"},
    {DateProvenance::kArticleDate, "article_date"},
    {DateProvenance::kScriptVar, "script_var"},
    {DateProvenance::kFeedDate, "feed_date"},
    {DateProvenance::kHttpLastModified, "http_last_modified"},
    {DateProvenance::kUrlDate, "url_date"},
    {DateProvenance::kFirstSeen, "first_seen"},
}};

constexpr std::array<std::pair<ColumnKind, std::string_view>, 11> kColumnKindNames{{
    {ColumnKind::kHomepage, "homepage"},
    {ColumnKind::kNews, "news"},
    {ColumnKind::kNotice, "notice"},
    {ColumnKind::kPolicy, "policy"},
    {ColumnKind::kInterpretation, "interpretation"},
    {ColumnKind::kPersonnel, "personnel"},
    {ColumnKind::kPlanning, "planning"},
    {ColumnKind::kInteraction, "interaction"},
    {ColumnKind::kService, "service"},
    {ColumnKind::kDisclosure, "disclosure"},
    {ColumnKind::kOther, "other"},
}};

constexpr std::array<std::pair<ColumnKind, std::string_view>, 11> kColumnKindChinese{{
    {ColumnKind::kHomepage, "首页"},
    {ColumnKind::kNews, "动态要闻"},
    {ColumnKind::kNotice, "通知公告"},
    {ColumnKind::kPolicy, "政策文件"},
    {ColumnKind::kInterpretation, "政策解读"},
    {ColumnKind::kPersonnel, "人事信息"},
    {ColumnKind::kPlanning, "规划计划"},
    {ColumnKind::kInteraction, "互动交流"},
    {ColumnKind::kService, "办事服务"},
    {ColumnKind::kDisclosure, "信息公开"},
    {ColumnKind::kOther, "其他"},
}};

constexpr std::array<std::pair<Platform, std::string_view>, 7> kPlatformNames{{
    {Platform::kWechat, "wechat"},
    {Platform::kWeibo, "weibo"},
    {Platform::kDouyin, "douyin"},
    {Platform::kToutiao, "toutiao"},
    {Platform::kKuaishou, "kuaishou"},
    {Platform::kBilibili, "bilibili"},
    {Platform::kOther, "other"},
}};

constexpr std::array<std::pair<Platform, std::string_view>, 7> kPlatformChinese{{
    {Platform::kWechat, "微信公众号"},
    {Platform::kWeibo, "新浪微博"},
    {Platform::kDouyin, "抖音"},
    {Platform::kToutiao, "今日头条"},
    {Platform::kKuaishou, "快手"},
    {Platform::kBilibili, "哔哩哔哩"},
    {Platform::kOther, "其他平台"},
}};

constexpr std::array<std::pair<Severity, std::string_view>, 4> kSeverityNames{{
    {Severity::kVeto, "veto"},
    {Severity::kDeduction, "deduction"},
    {Severity::kWarning, "warning"},
    {Severity::kInfo, "info"},
}};

constexpr std::array<std::pair<Severity, std::string_view>, 4> kSeverityChinese{{
    {Severity::kVeto, "单项否决"},
    {Severity::kDeduction, "扣分"},
    {Severity::kWarning, "预警"},
    {Severity::kInfo, "提示"},
}};

}  // namespace

std::string_view ToString(DateProvenance p) { return NameOf(kProvenanceNames, p); }
std::optional<DateProvenance> ParseDateProvenance(std::string_view s) {
  return Lookup(kProvenanceNames, s);
}
std::string_view ToString(ColumnKind k) { return NameOf(kColumnKindNames, k); }
std::optional<ColumnKind> ParseColumnKind(std::string_view s) { return Lookup(kColumnKindNames, s); }
std::string_view ChineseName(ColumnKind k) { return NameOf(kColumnKindChinese, k); }
std::string_view ToString(Platform p) { return NameOf(kPlatformNames, p); }
std::optional<Platform> ParsePlatform(std::string_view s) { return Lookup(kPlatformNames, s); }
std::string_view ChineseName(Platform p) { return NameOf(kPlatformChinese, p); }
std::string_view ToString(Severity s) { return NameOf(kSeverityNames, s); }
std::string_view ChineseName(Severity s) { return NameOf(kSeverityChinese, s); }

const std::string& Finding::Detail(std::string_view key) const {
  static const std::string kNone;
  for (const auto& [k, v] : details) {
    if (k == key) return v;
  }
  return kNone;
}

}  // namespace govwatch::core
