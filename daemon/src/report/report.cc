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
#include "report/statistics.h"

namespace govwatch::report {
namespace {

// A group of checks reported as one 检测项. Built-in groups run whenever a target is observed;
// the others count as deployed only when the store holds at least one finding of their checks.
struct CheckGroup {
  std::string_view title;
  std::vector<std::string_view> checks;
  bool built_in = false;
};

const std::vector<CheckGroup>& SiteGroups() {
  static const std::vector<CheckGroup> groups = {
      {"网站可用性", {checks::kAvailability}, true},
      {"信息更新",
       {checks::kHomepageFreshness, checks::kColumnFreshness, checks::kBlankColumn,
        checks::kSiteStaleColumns, checks::kSiteBlankColumns},
       true},
      {"政策解读", {checks::kPolicyInterpretation}, false},
      {"互动回应", {"interaction_response"}, false},
      {"严重错误表述", {"severe_expression"}, false},
      {"错别字", {"typo"}, false},
      {"敏感词", {"sensitive_word"}, false},
      {"个人信息泄露", {"personal_data"}, false},
      {"错链", {"broken_link"}, false},
      {"暗链", {"hidden_link"}, false},
      {"伪链", {"fake_link"}, false},
      {"外链内容异常", {"outbound_drift", "external_link_drift"}, false},
  };
  return groups;
}

const std::vector<CheckGroup>& AccountGroups() {
  static const std::vector<CheckGroup> groups = {
      {"信息更新", {checks::kAccountFreshness}, true},
      {"严重错误表述", {"severe_expression"}, false},
      {"错别字", {"typo"}, false},
      {"关停未注销", {"account_closed"}, false},
      {"互动与办事入口", {"account_interaction"}, false},
  };
  return groups;
}

// Short phrases for 存在问题 / 问题描述, as the reference notice words them.
std::string Phrase(std::string_view check) {
  static const std::map<std::string_view, std::string_view> phrases = {
      {"severe_expression", "存在严重错误表述"}, {"typo", "存在错别字"},
      {"sensitive_word", "存在敏感词"},          {"personal_data", "存在个人信息泄露"},
      {"broken_link", "存在错链"},               {"hidden_link", "存在暗链"},
      {"fake_link", "存在伪链"},                 {"outbound_drift", "外链指向异常内容"},
      {"external_link_drift", "外链指向异常内容"}, {"interaction_response", "留言超期未答复"},
      {"account_closed", "公告关停但未注销"},   {"account_interaction", "缺少网上办事或互动交流入口"},
      {checks::kHomepageFreshness, "首页更新不及时"},
      {checks::kAvailability, "网站无法访问比例超标"},
  };
  if (const auto it = phrases.find(check); it != phrases.end()) return std::string(it->second);
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

// “错误”应为“建议” in a finding message → {错误, 建议}; else {message, ""}.
std::pair<std::string, std::string> SplitCorrection(const std::string& message) {
  const std::string open = "“", close = "”", should = "”应为“";
  const auto a = message.find(open);
  const auto b = a == std::string::npos ? a : message.find(should, a);
  const auto c = b == std::string::npos ? b : message.find(close, b + should.size());
  if (c == std::string::npos) return {message, ""};
  return {message.substr(a + open.size(), b - a - open.size()),
          message.substr(b + should.size(), c - b - should.size())};
}

class Builder {
 public:
  explicit Builder(const ReportInput& in) : in_(in), config_(*in.config), matcher_(config_.units) {}

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
  bool Deployed(const CheckGroup& g) const {
    if (g.built_in) return true;
    for (auto c : g.checks) {
      if (deployed_.contains(std::string(c))) return true;
    }
    return false;
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

  const ReportInput& in_;
  const config::Config& config_;
  checks::UnitMatcher matcher_;
  core::TimeZone tz_;
  std::set<std::string> deployed_;
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
    const config::Profile& profile = config_.ProfileFor(site->profile);
    auto calendar = checks::WorkingDayCalendar::WithExtra(profile.extra_holidays,
                                                          profile.extra_workdays);
    if (!calendar) return calendar.error().WithContext("profile " + profile.id);
    std::vector<checks::PolicyArticle> articles;
    for (const auto& a : in_.articles) {
      if (a.site_id != site->id || !a.fetched()) continue;
      sites_with_articles_.insert(site->id);
      checks::PolicyArticle p;
      p.target_id = a.target_id;
      p.unit_id = site->unit;
      if (!a.source_raw.empty()) {
        if (auto id = matcher_.Match(a.source_raw)) p.unit_id = *id;
      }
      const auto slash = a.target_id.find('/');
      for (const auto& c : site->columns) {
        if (slash != std::string::npos && c.id == a.target_id.substr(slash + 1)) {
          p.column_kind = c.kind;
        }
      }
      p.url = a.url;
      p.title = a.title.empty() ? a.list_title : a.title;
      p.doc_number = a.doc_number;
      p.text = a.text;
      if (a.published) p.day = LocalDay(a.published->time, site->time_zone);
      articles.push_back(std::move(p));
    }
    const auto result =
        checks::CheckPolicyInterpretation(articles, profile, *calendar, today, config_.units);
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

Annex Builder::SitesAnnex() {
  Annex annex{1, in_.period.label + "政府网站检查情况", "annex1-sites", {}, ""};
  Table t;
  t.header = {"单位", "检查情况", "存在问题"};
  for (const config::Site* site : sites_) {
    std::vector<std::string> row = {SiteLabel(*site)};
    if (!SiteObserved(*site)) {
      t.rows.push_back({row[0], "未检测", "本期未采集到该网站的数据"});
      continue;
    }
    const auto& findings = site_findings_[site->id];
    std::vector<const core::Finding*> serious;
    for (const auto* f : findings) {
      if (f->severity == core::Severity::kVeto || f->severity == core::Severity::kDeduction) {
        serious.push_back(f);
      }
    }
    // Problems in the order of the check groups, columns named together as in the notice.
    std::vector<std::string> parts;
    for (const CheckGroup& g : SiteGroups()) {
      for (auto check : g.checks) {
        std::vector<std::string> columns;
        int count = 0;
        for (const auto* f : serious) {
          if (f->check != check) continue;
          ++count;
          if (f->target_id != site->id) {
            const auto name = TargetName(f->target_id);
            columns.push_back(name.substr(name.find(" > ") == std::string::npos
                                              ? 0
                                              : name.find(" > ") + 3));
          }
        }
        if (count == 0) continue;
        if (check == checks::kSiteStaleColumns || check == checks::kSiteBlankColumns) continue;
        if (check == checks::kColumnFreshness) {
          parts.push_back(Join(columns, "、") + "等栏目超期未更新");
        } else if (check == checks::kBlankColumn) {
          parts.push_back(Join(columns, "、") + "等栏目为空白栏目");
        } else if (check == checks::kPolicyInterpretation) {
          parts.push_back(std::to_string(count) + " 件政策文件应解读未解读");
        } else {
          parts.push_back(Phrase(check));
        }
      }
    }
    // Checks outside the known groups still show.
    for (const auto* f : serious) {
      bool known = false;
      for (const CheckGroup& g : SiteGroups()) {
        known = known || std::find(g.checks.begin(), g.checks.end(), f->check) != g.checks.end();
      }
      const std::string phrase = Phrase(f->check);
      if (!known && std::find(parts.begin(), parts.end(), phrase) == parts.end()) {
        parts.push_back(phrase);
      }
    }
    std::string problems = parts.empty() ? "未发现问题" : Join(parts, "；") + "。";
    t.rows.push_back({row[0], Verdict(findings), problems});
  }
  annex.tables.push_back(std::move(t));
  annex.note = "检查时间：" + ChineseDate(LocalDay(in_.as_of, tz_));
  return annex;
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
    std::vector<std::string> parts;
    for (const auto* f : serious) {
      // Freshness messages carry the days; the others read best as the notice's phrases.
      const std::string phrase =
          f->check == checks::kAccountFreshness ? f->message : Phrase(f->check);
      if (std::find(parts.begin(), parts.end(), phrase) == parts.end()) parts.push_back(phrase);
    }
    t.rows.push_back({std::to_string(++n), std::string(core::ChineseName(a->platform)), a->name,
                      UnitName(a->unit), Verdict(serious), Join(parts, "；")});
  }
  if (t.rows.empty()) t.rows.push_back({"", "", "未发现存在突出问题的政务新媒体", "", "", ""});
  std::vector<std::string> missing;
  for (const CheckGroup& g : AccountGroups()) {
    if (!Deployed(g)) missing.push_back(std::string(g.title));
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
      const bool deployed = g.checks.front() == std::string_view(checks::kPolicyInterpretation)
                                ? sites_with_articles_.contains(site->id)
                                : Deployed(g);
      if (!observed || !deployed) {
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
  const bool deployed = deployed_.contains("typo") || deployed_.contains("severe_expression");
  int n = 0;
  auto add = [&](const std::map<std::string, std::vector<const core::Finding*>>& by_target) {
    for (const auto& [id, findings] : by_target) {
      for (const auto* f : findings) {
        if (f->check != "typo" && f->check != "severe_expression") continue;
        auto [wrong, right] = SplitCorrection(f->message);
        t.rows.push_back({std::to_string(++n), wrong, right, TargetName(f->target_id),
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
    const bool ok = g.checks.front() == std::string_view(checks::kPolicyInterpretation)
                        ? !sites_with_articles_.empty()
                        : Deployed(g);
    (ok ? checked : unchecked).push_back(std::string(g.title));
  }
  for (const CheckGroup& g : AccountGroups()) {
    if (!Deployed(g)) {
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
  for (const auto& f : in_.findings) deployed_.insert(f.finding.check);
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
