// The catalogue of check names: what each finding's `check` field may hold, with descriptions in
// Chinese (for reports and the status page) and English (for logs, docs and the CLI).
// Adding a check is one new file plus one line here.
//
// Constant data; thread-safe.
#pragma once

#include <array>
#include <string_view>

#include "checks/account_closed.h"
#include "checks/account_commercial.h"
#include "checks/account_duplicate.h"
#include "checks/account_freshness.h"
#include "checks/availability.h"
#include "checks/column_freshness.h"
#include "checks/fake_link.h"
#include "checks/hidden_link.h"
#include "checks/interaction_response.h"
#include "checks/outbound_drift.h"
#include "checks/personal_data.h"
#include "checks/policy_interpretation.h"
#include "checks/sensitive_word.h"
#include "checks/severe_expression.h"
#include "checks/typo.h"
#include "checks/homepage_freshness.h"
#include "checks/site_aggregate.h"
#include "checks/source_error.h"
#include "checks/wechat_menu.h"
#include "checks/weibo_profile_link.h"
#include "core/model.h"

namespace govwatch::checks {

// The crawler makes broken-link findings (crawl/crawler.h BrokenLinkFinding, with soft_404.h);
// checks/ has no file of its own for them, so their name lives here.
inline constexpr char kBrokenLink[] = "broken_link";

struct CheckInfo {
  std::string_view name;            // the Finding::check value
  std::string_view title_zh;        // 首页更新
  std::string_view description_zh;  // the rule, as the national indicators phrase it
  std::string_view description_en;
  core::Severity severity;          // the most severe class the check can yield
};

inline constexpr std::array<CheckInfo, 23> kChecks{{
    {kHomepageFreshness, "首页更新", "首页超过 14 天无新增信息（无日期的信息视为未更新），10 天起预警",
     "No new dated item on the homepage for more than homepage_stale_days (14); warning from "
     "homepage_warn_days (10).",
     core::Severity::kVeto},
    {kColumnFreshness, "栏目更新",
     "栏目超过更新期限：动态要闻 14 天，通知公告、政策文件 180 天，人事、规划计划 365 天",
     "A column whose newest item is older than the threshold of its kind (news 14 d, "
     "notice/policy 180 d, personnel/planning 365 d).",
     core::Severity::kDeduction},
    {kBlankColumn, "空白栏目", "栏目从未发布信息", "A column that has never had an item.",
     core::Severity::kDeduction},
    {kSiteStaleColumns, "栏目不更新（单项否决）",
     "动态、通知公告、政策文件类栏目 5 个以上或栏目总数 10 个以上超过更新期限",
     "Site veto: >= 5 stale news/notice/policy columns, or >= 10 stale columns overall.",
     core::Severity::kVeto},
    {kSiteBlankColumns, "空白栏目（单项否决）", "空白栏目 5 个以上",
     "Site veto: >= 5 blank columns.", core::Severity::kVeto},
    {kAccountFreshness, "政务新媒体更新",
     "账号超过 2 周（固原 1 周）未发布信息，以最新非置顶发布为准",
     "No non-pinned post for more than account_stale_days (national 14, Guyuan 7); warning from "
     "account_warn_days (10).",
     core::Severity::kVeto},
    {kAvailability, "站点无法访问",
     "每天监测不少于 20 次，首页超过 15 秒无法访问即为失败；近 7 天无法访问比例达 5% 单项否决，3% 起预警",
     "Homepage probes (>= availability_probes_per_day a day, availability_timeout 15 s) failing "
     "over a rolling 7 days: ratio >= 5 % veto, >= 3 % warning; the monitoring host's own "
     "network failures are not counted.",
     core::Severity::kVeto},
    {kSevereExpression, "严重表述错误",
     "领导人姓名职务及排序、固定政治表述、行政区划名称错误；2018 年机构改革撤并的机构名称（预警）",
     "Leaders' names/titles/order, fixed political formulations or division names written wrong "
     "(severe*.txt); obsolete agency names as warnings.",
     core::Severity::kVeto},
    {kTypo, "错别字", "文章中出现词库所列错别字（错误词 → 正确词，带权重）",
     "A wrong term of the typo lexicon (typos*.txt) in an article or post.",
     core::Severity::kDeduction},
    {kSensitiveWord, "敏感词",
     "文章中出现敏感词（含空格、符号拆分，繁体、全角写法）；反动、暴力恐怖、色情、赌博类单项否决",
     "A sensitive word (sensitive*.txt), also split by inserted separators or written in "
     "traditional/full-width form; veto for 反动/暴力恐怖/色情/赌博.",
     core::Severity::kVeto},
    {kPersonalData, "泄露个人信息", "页面公开身份证号码、手机号码、银行卡号（展示时脱敏）",
     "Citizen ID numbers (valid check digit, plausible birth date), mobile numbers or bank card "
     "numbers (Luhn) in a page; always shown masked.",
     core::Severity::kVeto},
    {kAccountClosed, "关停未注销", "账号最新发布的信息宣布关停、停更或迁移，但账号仍可访问，未按规定注销",
     "The newest post (or a pinned post no older) announces closure (new_media.closure_phrases) "
     "while the account is still reachable.",
     core::Severity::kDeduction},
    {kWechatMenu, "微信底部菜单", "微信公众号底部菜单应设置“网上办事”和“互动交流”入口，且链接可正常访问",
     "The WeChat bottom menu lacks a 网上办事 or 互动交流 entry (configurable synonyms), or a "
     "view entry's URL does not open.",
     core::Severity::kDeduction},
    {kWeiboProfileLink, "微博简介链接", "政务微博简介应链接本级政府网站（.gov.cn），且链接可正常访问",
     "The Weibo profile has no link to a government website (new_media.government_domains), or "
     "none of its government links works.",
     core::Severity::kDeduction},
    {kAccountDuplicate, "一个单位多个账号",
     "同一单位原则上在同一平台只开设一个账号（国办发〔2018〕123号）",
     "A unit has more than one account on the same platform (State Council General Office "
     "opinion 2018-123).",
     core::Severity::kInfo},
    {kAccountCommercial, "商业或违规链接", "政务新媒体发布的信息含有指向商业、赌博等网站的链接",
     "A post links to a commercial or illegal host (new_media.commercial_domains).",
     core::Severity::kDeduction},
    {kSourceError, "采集异常",
     "账号连续多次无法读取（防火墙、验证码、登录限制、接口错误），结论为“未知”，不计为未更新",
     "An account could not be read new_media.source_error_after times in a row (WAF, captcha, "
     "login wall, API error); one finding per platform names every such account.",
     core::Severity::kWarning},
    {kPolicyInterpretation, "应解读未解读",
     "规范性文件（文号含“规”）发布后 3 个工作日内未在政策解读栏目发布解读",
     "A policy document whose 文号 matches interpretation_doc_number_patterns (default 规) has no "
     "interpretation within interpretation_working_days (3) working days.",
     core::Severity::kDeduction},
    {kInteractionResponse, "互动回应差", "留言超过 90 天未答复（近一年内的留言）",
     "A message in an interaction column left unanswered for more than "
     "interaction_unanswered_days (90) within the last 365 days.",
     core::Severity::kVeto},
    {kBrokenLink, "错链",
     "链接无法访问：4xx、5xx、域名无法解析、超时、证书错误、重定向循环，或页面提示不存在（软 404）",
     "A link answering 4xx/5xx, DNS failure, timeout, TLS error, a redirect loop, or a soft-404 "
     "page.",
     core::Severity::kDeduction},
    {kHiddenLink, "暗链",
     "以样式隐藏、脚本注入或针对搜索引擎伪装的链接；指向赌博、色情等违法网站时单项否决",
     "A link hidden by CSS, injected by script, or cloaked for spiders; veto when its destination "
     "is illegal content.",
     core::Severity::kVeto},
    {kFakeLink, "伪链", "看似可点击但无实际去向（#、javascript:、空链接），或链接文字与目标不符",
     "A link that goes nowhere (#, javascript:, empty) or whose text names a unit or column it "
     "does not lead to.",
     core::Severity::kDeduction},
    {kOutboundDrift, "外链内容异常", "外部链接的目标网站已变为赌博、色情或停放待售域名",
     "An outbound link whose destination now serves gambling, porn or a parked domain.",
     core::Severity::kVeto},
}};

// The entry named `name`, or nullptr.
constexpr const CheckInfo* FindCheck(std::string_view name) {
  for (const CheckInfo& info : kChecks) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

}  // namespace govwatch::checks
