#include "report/report.h"

#include <algorithm>
#include <map>

#include "checks/availability.h"
#include "checks/column_freshness.h"
#include "checks/homepage_freshness.h"
#include "checks/account_freshness.h"
#include "checks/policy_interpretation.h"
#include "checks/registry.h"
#include "checks/site_aggregate.h"
#include "checks/source_unit.h"
#include "report/interpretation.h"
#include "report/statistics.h"

namespace govwatch::report {
namespace {

// A group of checks reported as one 检测项, titled as the reference notice names it. Built-in
// groups run whenever a target is observed; the others count as deployed only when the store
// holds at least one finding of their checks for that kind of target (a check that never found
// anything cannot be told from one that never ran, so it stays 未检测).
struct CheckGroup {
  std::string_view title;
  std::vector<std::string_view> checks;
  bool built_in = false;
  bool crawl = false;  // checked on a site exactly when the site was crawled in the period
};

// In the order of the notice's 检查内容: 信息更新、政策解读、互动交流、错链暗链伪链、错别字、不恰当表述.
const std::vector<CheckGroup>& SiteGroups() {
  static const std::vector<CheckGroup> groups = {
      {"网站可用性", {checks::kAvailability}, true},
      {"信息更新",
       {checks::kHomepageFreshness, checks::kColumnFreshness, checks::kBlankColumn,
        checks::kSiteStaleColumns, checks::kSiteBlankColumns},
       true},
      {"政策解读", {checks::kPolicyInterpretation}, false},
      {"互动交流", {checks::kInteractionResponse}, false},
      {"错链", {checks::kBrokenLink}, false, true},
      {"暗链", {checks::kHiddenLink}, false, true},
      {"伪链", {checks::kFakeLink}, false, true},
      {"外链内容异常", {checks::kOutboundDrift}, false, true},
      {"错别字", {checks::kTypo}, false},
      {"严重错误表述", {checks::kSevereExpression}, false},
      {"敏感词", {checks::kSensitiveWord}, false},
      {"泄露个人信息", {checks::kPersonalData}, false},
  };
  return groups;
}

// account_duplicate (info) and source_error (a per-platform pseudo target, not an account) are
// not problems of an account and have no group.
const std::vector<CheckGroup>& AccountGroups() {
  static const std::vector<CheckGroup> groups = {
      {"信息更新", {checks::kAccountFreshness}, true},
      {"严重表述错误", {checks::kSevereExpression}, false},
      {"错别字", {checks::kTypo}, false},
      {"互动交流和办事服务入口", {checks::kWechatMenu}, false},
      {"微博链接政府网站", {checks::kWeiboProfileLink}, false},
      {"关停未注销", {checks::kAccountClosed}, false},
      {"商业或违规链接", {checks::kAccountCommercial}, false},
  };
  return groups;
}

// 存在问题 of annex 1 for checks named without their columns, in the notice's order (严重错误表述
// first: "存在严重错误表述；财政资金、……等栏目半年未更新。").
const std::vector<std::pair<std::string_view, std::string_view>>& SitePhrases() {
  static const std::vector<std::pair<std::string_view, std::string_view>> phrases = {
      {checks::kSevereExpression, "存在严重错误表述"},
      {checks::kTypo, "存在错别字"},
      {checks::kSensitiveWord, "存在敏感词"},
      {checks::kPersonalData, "存在泄露个人信息问题"},
      {checks::kAvailability, "网站无法访问比例超标"},
      {checks::kHomepageFreshness, "首页更新不及时"},
      {checks::kColumnFreshness, ""},  // columns named, below
      {checks::kBlankColumn, ""},
      {checks::kBrokenLink, "存在错链"},
      {checks::kHiddenLink, "存在暗链"},
      {checks::kFakeLink, "存在伪链"},
      {checks::kOutboundDrift, "外链指向违规或异常内容"},
      {checks::kInteractionResponse, "留言超期未答复"},
      {checks::kPolicyInterpretation, ""},  // counted, below
  };
  return phrases;
}

// The notice's words for a check it has no phrase for: the registry's title.
std::string Title(std::string_view check) {
  if (const checks::CheckInfo* info = checks::FindCheck(check)) return std::string(info->title_zh);
  return std::string(check);
}

bool InWindow(const store::StoredFinding& f, core::Timestamp from, core::Timestamp to) {
  return f.first_seen_at < to && (!f.resolved_at || *f.resolved_at >= from);
}

int Rank(core::Severity s) { return static_cast<int>(s); }  // kVeto = 0 is the most severe

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

std::string DateText(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

class Builder {
 public:
  explicit Builder(const ReportInput& in) : in_(in), config_(*in.config) {}

  core::Result<Report> Build();

 private:
  bool InScope(const std::string& unit_id) const {
    if (!in_.region) return true;
    const config::Unit* u = config_.FindUnit(unit_id);
    return u != nullptr && u->region == *in_.region;
  }
  std::string UnitName(const std::string& id) const {
    const config::Unit* u = config_.FindUnit(id);
    return u != nullptr ? u->name : id;
  }
  // Whether the group's checks ran on sites (`accounts` false) or accounts, as far as the store
  // can tell: a built-in group, or one with a finding stored for that kind of target.
  bool Deployed(const CheckGroup& g, bool accounts) const {
    if (g.built_in) return true;
    const std::set<std::string>& seen = accounts ? deployed_accounts_ : deployed_sites_;
    for (auto c : g.checks) {
      if (seen.contains(std::string(c))) return true;
    }
    return false;
  }
  // The site group's state (`site` null: any site): the policy group is checked where articles
  // were read, the link groups where a crawl ran in the period (the crawl runs all four).
  bool SiteGroupChecked(const CheckGroup& g, const config::Site* site) const {
    if (g.checks.front() == std::string_view(checks::kPolicyInterpretation)) {
      return site != nullptr ? sites_with_articles_.contains(site->id)
                             : !sites_with_articles_.empty();
    }
    if (g.crawl) {
      if (site != nullptr) return in_.crawled_sites.contains(site->id);
      return std::any_of(sites_.begin(), sites_.end(), [this](const config::Site* s) {
        return in_.crawled_sites.contains(s->id);
      });
    }
    return Deployed(g, false);
  }
  bool SiteObserved(const config::Site& s) const {
    if (in_.observed_targets.contains(s.id)) return true;
    for (const auto& c : s.columns) {
      if (in_.observed_targets.contains(checks::ColumnTargetId(s.id, c.id))) return true;
    }
    return false;
  }
  std::string TargetName(const std::string& id) const;
  // 单位 as the notice prints it: the unit, with the site's name when it differs.
  std::string SiteLabel(const config::Site& site) const {
    const std::string unit = UnitName(site.unit);
    return unit == site.name ? unit : unit + "（" + site.name + "）";
  }
  core::Status ComputeInterpretation();
  Annex SitesAnnex();
  Annex AccountsAnnex();
  Annex StatisticsAnnex();
  Annex InterpretationAnnex();
  Annex DetailAnnex();
  Annex TypoAnnex();
  std::vector<std::string> Summary();
  // 不合格 / 存在问题 / 合格 from a target's findings.
  static std::string Verdict(const std::vector<const core::Finding*>& findings);
  // 存在问题 of annex 1 for one site's veto and deduction findings.
  std::string SiteProblems(const std::vector<const core::Finding*>& serious) const;
  // 问题描述 of annex 2 for one account's veto and deduction findings.
  std::string AccountProblems(const config::Account& account,
                              const std::vector<const core::Finding*>& serious) const;
  // Whole days from `t` to the report's as-of time.
  long DaysSince(core::Timestamp t) const {
    return std::chrono::duration_cast<std::chrono::days>(in_.as_of - t).count();
  }

  const ReportInput& in_;
  const config::Config& config_;
  core::TimeZone tz_;
  // Checks with at least one stored finding, on sites and their columns / on accounts.
  std::set<std::string> deployed_sites_;
  std::set<std::string> deployed_accounts_;
  std::vector<const config::Site*> sites_;
  std::vector<const config::Account*> accounts_;
  // Findings of the period (veto..info) per site id (site and its columns) and per account id.
  std::map<std::string, std::vector<const core::Finding*>> site_findings_;
  std::map<std::string, std::vector<const core::Finding*>> account_findings_;
  std::vector<core::Finding> interpretation_findings_;  // computed here, not stored
  std::set<std::string> sites_with_articles_;
  struct Uninterpreted {
    std::string title, doc_number, unit, date, state;
  };
  std::vector<Uninterpreted> uninterpreted_;
  std::vector<SiteStatistics> statistics_;
};

std::string Builder::TargetName(const std::string& id) const {
  if (const auto* a = config_.FindAccount(id)) return a->name;
  const auto slash = id.find('/');
  const config::Site* site = config_.FindSite(id.substr(0, slash));
  if (site == nullptr) return id;
  if (slash == std::string::npos) return site->name;
  for (const auto& c : site->columns) {
    if (c.id == id.substr(slash + 1)) return site->name + " > " + c.name;
  }
  return id;
}

std::string Builder::Verdict(const std::vector<const core::Finding*>& findings) {
  int best = Rank(core::Severity::kInfo) + 1;
  for (const auto* f : findings) best = std::min(best, Rank(f->severity));
  if (best == Rank(core::Severity::kVeto)) return "不合格";
  if (best == Rank(core::Severity::kDeduction)) return "存在问题";
  return "合格";
}

core::Status Builder::ComputeInterpretation() {
  const auto today = LocalDay(in_.as_of, tz_);
  for (const config::Site* site : sites_) {
    auto interpretation = InterpretSite(config_, *site, in_.articles, today);
    if (!interpretation) return interpretation.error();
    if (interpretation->any_article) sites_with_articles_.insert(site->id);
    const auto& result = interpretation->result;
    size_t finding = 0;
    for (const auto& v : result.documents) {
      using State = checks::InterpretationVerdict::State;
      const bool problem = v.state == State::kMissing || v.state == State::kLate;
      const core::Finding* f = problem ? &result.result.findings[finding++] : nullptr;
      if (!problem || !in_.period.Contains(*v.document->day)) continue;
      interpretation_findings_.push_back(*f);
      Uninterpreted u;
      u.title = v.document->title;
      u.doc_number = v.document->doc_number;
      u.unit = UnitName(v.document->unit_id);
      u.date = DateText(*v.document->day);
      u.state = v.state == State::kLate
                    ? "解读逾期（文件发布后第 " + std::to_string(v.working_days) + " 个工作日解读）"
                    : "未解读（已 " + std::to_string(v.calendar_days) + " 天，" +
                          std::to_string(v.working_days) + " 个工作日）";
      uninterpreted_.push_back(std::move(u));
    }
  }
  for (const auto& f : interpretation_findings_) {
    site_findings_[f.target_id.substr(0, f.target_id.find('/'))].push_back(&f);
  }
  return {};
}

std::string Builder::SiteProblems(const std::vector<const core::Finding*>& serious) const {
  std::vector<std::string> parts;
  auto add = [&parts](std::string phrase) {
    if (std::find(parts.begin(), parts.end(), phrase) == parts.end()) parts.push_back(phrase);
  };
  auto column_name = [this](const core::Finding& f) {
    const std::string name = TargetName(f.target_id);
    const auto sep = name.find(" > ");
    return sep == std::string::npos ? name : name.substr(sep + 3);
  };
  for (const auto& [check, phrase] : SitePhrases()) {
    std::vector<std::string> half_year, overdue, blank;
    int count = 0;
    for (const core::Finding* f : serious) {
      if (f->check != check) continue;
      ++count;
      if (check == checks::kColumnFreshness) {
        // The notice says 半年未更新 for the columns it lists; shorter delays (动态要闻 after
        // 14 days) are 超期未更新.
        const bool half = f->last_update && DaysSince(f->last_update->time) >= 180;
        (half ? half_year : overdue).push_back(column_name(*f));
      } else if (check == checks::kBlankColumn) {
        blank.push_back(column_name(*f));
      }
    }
    if (count == 0) continue;
    if (!half_year.empty()) add(Join(half_year, "、") + "等栏目半年未更新");
    if (!overdue.empty()) add(Join(overdue, "、") + "等栏目超期未更新");
    if (!blank.empty()) add(Join(blank, "、") + "等栏目为空白栏目");
    if (check == checks::kPolicyInterpretation) {
      add(std::to_string(count) + " 件政策文件应解读未解读");
    } else if (!phrase.empty()) {
      add(std::string(phrase));
    }
  }
  // Checks without a phrase (a newer check, an aggregate with its own veto) still show.
  for (const core::Finding* f : serious) {
    const bool phrased = std::any_of(SitePhrases().begin(), SitePhrases().end(),
                                     [f](const auto& p) { return p.first == f->check; });
    // The aggregates restate the column findings already listed.
    if (phrased || f->check == checks::kSiteStaleColumns ||
        f->check == checks::kSiteBlankColumns) {
      continue;
    }
    add(Title(f->check));
  }
  return parts.empty() ? "未发现问题" : Join(parts, "；") + "。";
}

Annex Builder::SitesAnnex() {
  Annex annex{1, in_.period.label + "政府网站检查情况", "annex1-sites", {}, ""};
  Table t;
  t.header = {"单位", "检查情况", "存在问题"};
  for (const config::Site* site : sites_) {
    const std::string label = SiteLabel(*site);
    if (!SiteObserved(*site)) {
      t.rows.push_back({label, "未检测", "本期未采集到该网站的数据"});
      continue;
    }
    const auto& findings = site_findings_[site->id];
    std::vector<const core::Finding*> serious;
    for (const auto* f : findings) {
      if (f->severity == core::Severity::kVeto || f->severity == core::Severity::kDeduction) {
        serious.push_back(f);
      }
    }
    t.rows.push_back({label, Verdict(findings), SiteProblems(serious)});
  }
  annex.tables.push_back(std::move(t));
  annex.note = "检查时间：" + ChineseDate(LocalDay(in_.as_of, tz_));
  return annex;
}

std::string Builder::AccountProblems(const config::Account& account,
                                     const std::vector<const core::Finding*>& serious) const {
  auto has = [&serious](std::string_view check, std::string_view subject_prefix = "") {
    return std::any_of(serious.begin(), serious.end(), [&](const core::Finding* f) {
      return f->check == check && f->subject.starts_with(subject_prefix);
    });
  };
  std::vector<std::string> parts;
  // The notice's order and words: 严重表述错误，监测时间点前 1 周内无更新；底部无网上办事、无互动交流；
  // 主页未添加政府网站链接.
  if (has(checks::kSevereExpression)) parts.push_back("严重表述错误");
  for (const core::Finding* f : serious) {
    if (f->check != checks::kAccountFreshness) continue;
    const int days = account.stale_days.value_or(config_.ProfileFor(account.profile).account_stale_days);
    std::string phrase = "监测时间点前 " +
                         (days % 7 == 0 ? std::to_string(days / 7) + " 周" : std::to_string(days) + " 天") +
                         "内无更新";
    if (f->last_update) {
      phrase += "（最近发布 " + DateText(LocalDay(f->last_update->time, tz_)) + "）";
    }
    parts.push_back(phrase);
    break;
  }
  // wechat_menu subjects: menu_service, menu_interaction, menu_dead:<url>.
  std::vector<std::string> missing;
  if (has(checks::kWechatMenu, "menu_service")) missing.push_back("无网上办事");
  if (has(checks::kWechatMenu, "menu_interaction")) missing.push_back("无互动交流");
  if (!missing.empty()) parts.push_back("底部" + Join(missing, "、"));
  if (has(checks::kWechatMenu, "menu_dead:")) parts.push_back("底部菜单链接无效");
  // weibo_profile_link subjects: profile_link_missing, profile_link_dead.
  if (has(checks::kWeiboProfileLink, "profile_link_missing")) {
    parts.push_back("主页未添加政府网站链接");
  } else if (has(checks::kWeiboProfileLink)) {
    parts.push_back("主页添加政府网站链接无效");
  }
  if (has(checks::kAccountClosed)) parts.push_back("公告关停但未注销");
  if (has(checks::kTypo)) parts.push_back("存在错别字");
  if (has(checks::kSensitiveWord)) parts.push_back("存在敏感词");
  if (has(checks::kPersonalData)) parts.push_back("存在泄露个人信息问题");
  if (has(checks::kAccountCommercial)) parts.push_back("发布信息含商业或违规链接");
  for (const core::Finding* f : serious) {
    static const std::set<std::string_view> kPhrased = {
        checks::kSevereExpression, checks::kAccountFreshness, checks::kWechatMenu,
        checks::kWeiboProfileLink, checks::kAccountClosed,   checks::kTypo,
        checks::kSensitiveWord,    checks::kPersonalData,     checks::kAccountCommercial};
    const std::string title = Title(f->check);
    if (!kPhrased.contains(f->check) &&
        std::find(parts.begin(), parts.end(), title) == parts.end()) {
      parts.push_back(title);
    }
  }
  return Join(parts, "；");
}

Annex Builder::AccountsAnnex() {
  Annex annex{2, "存在突出问题的政务新媒体名单", "annex2-accounts", {}, ""};
  Table t;
  t.header = {"序号", "平台类型", "名称", "责任单位", "评测结果", "问题描述"};
  int n = 0;
  for (const config::Account* a : accounts_) {
    std::vector<const core::Finding*> serious;
    for (const auto* f : account_findings_[a->id]) {
      if (f->severity == core::Severity::kVeto || f->severity == core::Severity::kDeduction) {
        serious.push_back(f);
      }
    }
    if (serious.empty()) continue;
    t.rows.push_back({std::to_string(++n), std::string(core::ChineseName(a->platform)), a->name,
                      UnitName(a->unit), Verdict(serious), AccountProblems(*a, serious)});
  }
  if (t.rows.empty()) t.rows.push_back({"", "", "未发现存在突出问题的政务新媒体", "", "", ""});
  std::vector<std::string> missing;
  for (const CheckGroup& g : AccountGroups()) {
    if (!Deployed(g, true)) missing.push_back(std::string(g.title));
  }
  annex.tables.push_back(std::move(t));
  annex.note = "检查时间：" + ChineseDate(LocalDay(in_.as_of, tz_));
  if (!missing.empty()) annex.note += "；未检测项目：" + Join(missing, "、");
  return annex;
}

Annex Builder::StatisticsAnnex() {
  Annex annex{3, in_.period.label + "政府信息公开情况统计", "annex3-disclosure", {}, ""};
  for (const SiteStatistics& s : statistics_) {
    Table t;
    t.caption = "“" + s.site_name + "”网站";
    t.header = {"栏目名称", "数据（条）", "供稿单位"};
    for (const ColumnStatistics& c : s.columns) {
      std::string sources;
      if (c.empty()) {
        sources = "本期未更新";
      } else if (c.by_source.size() == 1) {
        sources = c.by_source.front().first;
      } else {
        std::vector<std::string> parts;
        for (const auto& [name, count] : c.by_source) {
          parts.push_back(name + " " + std::to_string(count));
        }
        sources = Join(parts, "、");
      }
      t.rows.push_back({c.column_name, std::to_string(c.items), sources});
    }
    t.footer = "合计：" + std::to_string(s.total) + " 条";
    annex.tables.push_back(std::move(t));
  }
  annex.note = "统计时间：" + ChineseDate(LocalDay(in_.as_of, tz_)) + "；未读取正文的信息计入“" +
               kUnknownSource + "”";
  return annex;
}

Annex Builder::InterpretationAnnex() {
  Annex annex{4, in_.period.label + "应解读未解读文件清单", "annex4-interpretation", {}, ""};
  Table t;
  t.header = {"序号", "文件名称", "文号", "责任单位", "发布日期", "情况"};
  int n = 0;
  for (const auto& u : uninterpreted_) {
    t.rows.push_back({std::to_string(++n), u.title, u.doc_number, u.unit, u.date, u.state});
  }
  if (t.rows.empty()) {
    t.rows.push_back({"", sites_with_articles_.empty() ? "未检测（未读取文章正文）"
                                                       : "未发现应解读未解读文件",
                      "", "", "", ""});
  }
  annex.tables.push_back(std::move(t));
  annex.note = "统计时间：" + ChineseDate(LocalDay(in_.as_of, tz_));
  return annex;
}

Annex Builder::DetailAnnex() {
  Annex annex{5, "政府网站检测报告", "annex5-site-detail", {}, ""};
  Table t;
  t.header = {"单位", "检测项", "结果", "问题详情"};
  for (const config::Site* site : sites_) {
    const std::string unit = SiteLabel(*site);
    const bool observed = SiteObserved(*site);
    for (const CheckGroup& g : SiteGroups()) {
      if (!observed || !SiteGroupChecked(g, site)) {
        t.rows.push_back({unit, std::string(g.title), "未检测", ""});
        continue;
      }
      std::vector<std::string> messages;
      for (const auto* f : site_findings_[site->id]) {
        if (std::find(g.checks.begin(), g.checks.end(), f->check) == g.checks.end()) continue;
        messages.push_back("[" + std::string(core::ChineseName(f->severity)) + "] " +
                           TargetName(f->target_id) + "：" + f->message);
      }
      t.rows.push_back({unit, std::string(g.title),
                        messages.empty() ? "无问题" : std::to_string(messages.size()) + " 个问题",
                        Join(messages, "\n")});
    }
  }
  annex.tables.push_back(std::move(t));
  annex.note = "检查时间：" + ChineseDate(LocalDay(in_.as_of, tz_));
  return annex;
}

Annex Builder::TypoAnnex() {
  Annex annex{6, "错别字及严重错误表述列表", "annex6-typos", {}, ""};
  Table t;
  t.header = {"序号", "错误", "建议", "位置", "链接"};
  const bool deployed = deployed_sites_.contains(checks::kTypo) ||
                        deployed_sites_.contains(checks::kSevereExpression) ||
                        deployed_accounts_.contains(checks::kTypo) ||
                        deployed_accounts_.contains(checks::kSevereExpression);
  int n = 0;
  auto add = [&](const std::map<std::string, std::vector<const core::Finding*>>& by_target) {
    for (const auto& [id, findings] : by_target) {
      for (const auto* f : findings) {
        if (f->check != checks::kTypo && f->check != checks::kSevereExpression) continue;
        // The content checks label their parts (content.h); the message is never parsed. A
        // finding stored without them (an older build) still shows its term, from the subject
        // "URL#term".
        std::string wrong = f->Detail("wrong");
        if (wrong.empty()) wrong = f->subject.substr(f->subject.rfind('#') + 1);
        std::string place = TargetName(f->target_id);
        if (const std::string& position = f->Detail("position"); !position.empty()) {
          place += "，" + position;
        }
        if (const std::string& snippet = f->Detail("snippet"); !snippet.empty()) {
          place += "，“" + snippet + "”";
        }
        if (const std::string& count = f->Detail("count"); !count.empty() && count != "1") {
          place += "（共" + count + "处）";
        }
        t.rows.push_back({std::to_string(++n), wrong, f->Detail("suggestion"), place,
                          f->evidence_url});
      }
    }
  };
  add(site_findings_);
  add(account_findings_);
  if (t.rows.empty()) {
    t.rows.push_back({"", deployed ? "未发现错别字" : "未检测（错别字与严重错误表述检查未部署）",
                      "", "", ""});
  }
  annex.tables.push_back(std::move(t));
  annex.note = "检查时间：" + ChineseDate(LocalDay(in_.as_of, tz_));
  return annex;
}

std::vector<std::string> Builder::Summary() {
  std::vector<std::string> out;
  int sites_checked = 0, problem_sites = 0;
  for (const config::Site* s : sites_) {
    if (!SiteObserved(*s)) continue;
    ++sites_checked;
    if (Verdict(site_findings_[s->id]) == "不合格") ++problem_sites;
  }
  std::vector<std::string> regions;
  std::map<std::string, int> sampled;
  int accounts_checked = 0, problem_accounts = 0;
  for (const config::Account* a : accounts_) {
    if (!in_.observed_targets.contains(a->id)) continue;
    ++accounts_checked;
    const config::Unit* u = config_.FindUnit(a->unit);
    const std::string region = u != nullptr && !u->region.empty() ? u->region : "未分区";
    if (sampled[region]++ == 0) regions.push_back(region);
    if (Verdict(account_findings_[a->id]) == "不合格") ++problem_accounts;
  }
  std::vector<std::string> per_region;
  for (const auto& r : regions) per_region.push_back(r + " " + std::to_string(sampled[r]) + " 个");
  std::string p1 = "本次共检查政府网站 " + std::to_string(sites_checked) + " 个，抽查政务新媒体 " +
                   std::to_string(accounts_checked) + " 个";
  if (!per_region.empty()) p1 += "（" + Join(per_region, "、") + "）";
  std::vector<std::string> checked, unchecked;
  for (const CheckGroup& g : SiteGroups()) {
    (SiteGroupChecked(g, nullptr) ? checked : unchecked).push_back(std::string(g.title));
  }
  for (const CheckGroup& g : AccountGroups()) {
    if (!Deployed(g, true)) {
      const std::string name = "政务新媒体" + std::string(g.title);
      if (std::find(unchecked.begin(), unchecked.end(), name) == unchecked.end()) {
        unchecked.push_back(name);
      }
    }
  }
  p1 += "。检查内容包括" + Join(checked, "、") + "等。本次检查发现“问题政府网站” " +
        std::to_string(problem_sites) + " 家，“问题政务新媒体” " +
        std::to_string(problem_accounts) + " 个。";
  out.push_back(p1);
  if (!unchecked.empty()) {
    out.push_back("未检测项目：" + Join(unchecked, "、") +
                  "。相关检查本期未开展，结果不代表不存在问题。");
  }
  for (const SiteStatistics& s : statistics_) {
    std::string p = in_.period.label + "，“" + s.site_name + "”网站共发布政府信息 " +
                    std::to_string(s.total) + " 条";
    if (!s.empty_columns.empty()) {
      p += "；" + Join(s.empty_columns, "、") + " " + std::to_string(s.empty_columns.size()) +
           " 个栏目本期未更新";
    }
    out.push_back(p + "。（详见附件 3）");
  }
  if (sites_with_articles_.empty()) {
    out.push_back("政策解读：未读取文章正文，未检测。");
  } else if (uninterpreted_.empty()) {
    out.push_back("政策解读：未发现应解读未解读的政策文件。（详见附件 4）");
  } else {
    std::vector<std::string> docs;
    for (const auto& u : uninterpreted_) docs.push_back(u.unit + "起草的" + u.doc_number);
    out.push_back("政策解读：" + Join(docs, "、") + "未按期解读，共 " +
                  std::to_string(uninterpreted_.size()) + " 件。（详见附件 4）");
  }
  return out;
}

core::Result<Report> Builder::Build() {
  for (const auto& stored : in_.findings) {
    const core::Finding& f = stored.finding;
    if (config_.FindAccount(f.target_id) != nullptr) {
      deployed_accounts_.insert(f.check);
    } else if (config_.FindSite(f.target_id.substr(0, f.target_id.find('/'))) != nullptr) {
      deployed_sites_.insert(f.check);
    }  // else a pseudo target (source_error's "@weibo") or a target no longer configured
  }
  for (const auto& s : config_.sites) {
    if (InScope(s.unit)) sites_.push_back(&s);
  }
  for (const auto& a : config_.accounts) {
    if (InScope(a.unit)) accounts_.push_back(&a);
  }
  const core::Timestamp from = in_.period.From(tz_), to = in_.period.To(tz_);
  for (const auto& stored : in_.findings) {
    if (!InWindow(stored, from, to)) continue;
    const core::Finding& f = stored.finding;
    // The daemon stores these as of its own now; the report recomputes them from the articles
    // as of the end of the period (ComputeInterpretation), so they are counted once.
    if (f.check == checks::kPolicyInterpretation) continue;
    if (const auto* a = config_.FindAccount(f.target_id)) {
      if (InScope(a->unit)) account_findings_[a->id].push_back(&f);
      continue;
    }
    const std::string site_id = f.target_id.substr(0, f.target_id.find('/'));
    if (const auto* s = config_.FindSite(site_id); s != nullptr && InScope(s->unit)) {
      site_findings_[site_id].push_back(&f);
    }
  }
  if (auto s = ComputeInterpretation(); !s) return s.error();
  statistics_ = ComputeDisclosureStatistics(config_, sites_, in_.items);

  Report r;
  r.title = "关于" + in_.period.label + "政府网站和政务新媒体检查情况的通报";
  if (in_.region) r.title = *in_.region + r.title;
  r.summary = Summary();
  r.annexes.push_back(SitesAnnex());
  r.annexes.push_back(AccountsAnnex());
  r.annexes.push_back(StatisticsAnnex());
  r.annexes.push_back(InterpretationAnnex());
  r.annexes.push_back(DetailAnnex());
  r.annexes.push_back(TypoAnnex());
  if (in_.generated_at) {
    r.footer = "生成时间：" + core::FormatIso8601(*in_.generated_at, tz_.OffsetAt(*in_.generated_at));
  }
  return r;
}

}  // namespace

core::Result<Report> BuildReport(const ReportInput& input) {
  if (input.config == nullptr) return core::MakeError("report: no configuration");
  return Builder(input).Build();
}

}  // namespace govwatch::report
