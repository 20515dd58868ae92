#include "alert/render.h"

#include <cstdio>
#include <fstream>
#include <iterator>

#include "checks/registry.h"

namespace govwatch::alert {
namespace {

std::string_view ProvenanceText(core::DateProvenance p) {
  switch (p) {
    case core::DateProvenance::kListDate: return "列表页日期";
    case core::DateProvenance::kMetaPubdate: return "页面元数据（PubDate）";
    case core::DateProvenance::kArticleDate: return "正文发布时间";
    case core::DateProvenance::kScriptVar: return "页面脚本变量";
    case core::DateProvenance::kFeedDate: return "订阅源日期";
    case core::DateProvenance::kHttpLastModified: return "HTTP Last-Modified";
    case core::DateProvenance::kUrlDate: return "链接中的日期";
    case core::DateProvenance::kFirstSeen: return "首次发现时间（无发布日期）";
  }
  return "";
}

std::string UnitName(const config::Config& config, const std::string& unit_id) {
  const config::Unit* unit = config.FindUnit(unit_id);
  return unit != nullptr ? unit->name : unit_id;
}

// What people call the target: 固原市人民政府 / 固原市人民政府「政务要闻」栏目 / 账号名.
std::string TargetName(const config::Config& config, const std::string& target_id) {
  const auto slash = target_id.find('/');
  if (const config::Site* site = config.FindSite(target_id.substr(0, slash))) {
    if (slash == std::string::npos) return site->name;
    const std::string column_id = target_id.substr(slash + 1);
    for (const config::Column& c : site->columns) {
      if (c.id == column_id) return site->name + "「" + c.name + "」栏目";
    }
    return site->name;
  }
  if (const config::Account* account = config.FindAccount(target_id)) {
    return std::string(core::ChineseName(account->platform)) + "「" + account->name + "」";
  }
  return target_id;
}

std::string CheckName(const std::string& check) {
  if (check == kUpstreamCheck) return "数据源/网络故障";
  if (const checks::CheckInfo* info = checks::FindCheck(check)) return std::string(info->title_zh);
  return check;
}

// The message up to its first parenthesis: "微信公众号「固原人社」已 9 天未更新".
std::string Headline(const std::string& message) {
  const auto paren = message.find("（");
  return paren == std::string::npos ? message : message.substr(0, paren);
}

std::string EventWord(EventKind kind) {
  switch (kind) {
    case EventKind::kFiring: return "告警";
    case EventKind::kReminder: return "提醒";
    case EventKind::kResolved: return "已恢复";
  }
  return "";
}

std::string StatusLink(const config::Config& config, const std::string& target_id) {
  if (!config.alerts.status_url) return "";
  std::string base = *config.alerts.status_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/api/v1/findings?target=" + target_id;
}

std::string BuiltInSubject(const Event& event, const config::Config& config) {
  const core::Finding& f = event.alert.finding;
  std::string tag;
  switch (event.kind) {
    case EventKind::kFiring: tag = std::string(core::ChineseName(f.severity)); break;
    case EventKind::kReminder:
      tag = std::string(core::ChineseName(f.severity)) + "·第 " +
            std::to_string(event.sequence) + " 次提醒";
      break;
    case EventKind::kResolved: tag = "已恢复"; break;
  }
  std::string who = f.unit_id.empty() ? "" : UnitName(config, f.unit_id) + "：";
  if (f.target_id.find('/') != std::string::npos || config.FindSite(f.target_id) != nullptr) {
    // A site's messages do not name the site; the subject must.
    const std::string site = TargetName(config, f.target_id.substr(0, f.target_id.find('/')));
    who += site + " ";
  }
  return "【govwatch " + tag + "】" + who + Headline(f.message);
}

void Line(std::string& text, std::string_view label, const std::string& value) {
  if (value.empty()) return;
  text += std::string(label) + "：" + value + "\n";
}

void Row(std::string& html, std::string_view label, const std::string& value, bool link = false) {
  if (value.empty()) return;
  html += "<tr><th align=\"left\" style=\"padding:2px 12px 2px 0\">" + std::string(label) +
          "</th><td>";
  if (link) {
    html += "<a href=\"" + HtmlEscape(value) + "\">" + HtmlEscape(value) + "</a>";
  } else {
    html += HtmlEscape(value);
  }
  html += "</td></tr>\n";
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string DurationText(std::chrono::seconds d) {
  using namespace std::chrono;
  if (d < seconds{0}) d = seconds{0};
  const auto day_count = duration_cast<days>(d).count();
  const auto hour_count = duration_cast<hours>(d % days{1}).count();
  if (day_count > 0) {
    return std::to_string(day_count) + " 天" +
           (hour_count > 0 ? " " + std::to_string(hour_count) + " 小时" : "");
  }
  if (hour_count > 0) return std::to_string(hour_count) + " 小时";
  return std::to_string(duration_cast<minutes>(d).count()) + " 分钟";
}

std::string LocalTimeText(core::Timestamp t, const core::TimeZone& tz) {
  using namespace std::chrono;
  const core::LocalSeconds local = tz.ToLocal(t);
  const local_days day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> hms{local - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02ld:%02ld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()));
  return buf;
}

std::string ExpandTemplate(std::string_view text,
                           const std::map<std::string, std::string>& values) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    const size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    std::string_view name = text.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (auto it = values.find(std::string(name)); it != values.end()) out += it->second;
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

std::map<std::string, std::string> EventValues(const Event& event, const config::Config& config,
                                               core::Timestamp now) {
  const Alert& a = event.alert;
  const core::Finding& f = a.finding;
  const core::TimeZone& tz = config.alerts.time_zone;
  std::map<std::string, std::string> v;
  v["event"] = EventWord(event.kind);
  v["severity"] = std::string(core::ChineseName(f.severity));
  v["unit"] = f.unit_id.empty() ? "" : UnitName(config, f.unit_id);
  v["target"] = TargetName(config, f.target_id);
  v["target_id"] = f.target_id;
  v["check"] = f.check;
  v["check_name"] = CheckName(f.check);
  v["message"] = f.message;
  v["headline"] = Headline(f.message);
  v["url"] = f.evidence_url;
  if (f.last_update) {
    v["last_update"] = LocalTimeText(f.last_update->time, tz);
    v["provenance"] = std::string(ProvenanceText(f.last_update->provenance));
  }
  const core::Timestamp until = event.kind == EventKind::kResolved && a.resolved_at ? *a.resolved_at : now;
  v["open_for"] = DurationText(until - a.started_at);
  v["since"] = LocalTimeText(a.started_at, tz);
  v["status_url"] = StatusLink(config, f.target_id);
  return v;
}

Message RenderEvent(const Event& event, const config::Config& config, core::Timestamp now,
                    const Templates& templates) {
  auto v = EventValues(event, config, now);
  Message m;
  m.subject = templates.subject ? ExpandTemplate(*templates.subject, v)
                                : BuiltInSubject(event, config);
  // A subject is one line: a template's trailing newline must not end the header.
  while (!m.subject.empty() && (m.subject.back() == '\n' || m.subject.back() == '\r')) {
    m.subject.pop_back();
  }
  if (templates.body) {
    m.text = ExpandTemplate(*templates.body, v);
    m.html = "<pre>" + HtmlEscape(m.text) + "</pre>\n";
    return m;
  }
  std::string intro;
  switch (event.kind) {
    case EventKind::kFiring: intro = "监测发现以下问题（" + v["severity"] + "），请及时处理："; break;
    case EventKind::kReminder:
      intro = "以下问题仍未解决（第 " + std::to_string(event.sequence) + " 次提醒），请及时处理：";
      break;
    case EventKind::kResolved: intro = "以下问题已恢复："; break;
  }
  const std::string greeting = v["unit"].empty() ? "" : v["unit"] + "：\n\n";
  const std::string last_update =
      v["last_update"].empty() ? "" : v["last_update"] + "（来源：" + v["provenance"] + "）";
  const std::string open_label = event.kind == EventKind::kResolved ? "持续时间" : "已持续";
  const std::string open_value = v["open_for"] + "（自 " + v["since"] + " 起）";

  m.text = greeting + intro + "\n\n";
  Line(m.text, "问题", v["message"]);
  Line(m.text, "对象", v["target"]);
  Line(m.text, "检查项", v["check_name"]);
  Line(m.text, "链接", v["url"]);
  Line(m.text, "最近更新", last_update);
  Line(m.text, open_label, open_value);
  Line(m.text, "详情", v["status_url"]);
  m.text += "\n—— govwatch 政府网站与政务新媒体监测\n";

  m.html = "<html><body style=\"font-family:sans-serif\">\n";
  if (!v["unit"].empty()) m.html += "<p>" + HtmlEscape(v["unit"]) + "：</p>\n";
  m.html += "<p>" + HtmlEscape(intro) + "</p>\n<table>\n";
  Row(m.html, "问题", v["message"]);
  Row(m.html, "对象", v["target"]);
  Row(m.html, "检查项", v["check_name"]);
  Row(m.html, "链接", v["url"], true);
  Row(m.html, "最近更新", last_update);
  Row(m.html, open_label, open_value);
  Row(m.html, "详情", v["status_url"], true);
  m.html += "</table>\n<p style=\"color:#888\">—— govwatch 政府网站与政务新媒体监测</p>\n"
            "</body></html>\n";
  return m;
}

Message RenderDigest(const std::string& unit_id, const std::string& date,
                     const std::vector<Alert>& firing, const std::vector<Alert>& resolved,
                     const config::Config& config, core::Timestamp now) {
  const std::string unit = unit_id.empty() ? "" : UnitName(config, unit_id);
  Message m;
  m.subject = "【govwatch 每日汇总】" + (unit.empty() ? std::string() : unit + " ") + date +
              "：未解决问题 " + std::to_string(firing.size()) + " 个，已恢复 " +
              std::to_string(resolved.size()) + " 个";
  if (!unit.empty()) m.text = unit + "：\n\n";
  m.html = "<html><body style=\"font-family:sans-serif\">\n";
  if (!unit.empty()) m.html += "<p>" + HtmlEscape(unit) + "：</p>\n";
  auto section = [&](const std::string& title, const std::vector<Alert>& alerts, bool open) {
    if (alerts.empty()) return;
    m.text += title + "\n";
    m.html += "<h3>" + HtmlEscape(title) + "</h3>\n<table border=\"1\" cellpadding=\"4\" "
              "style=\"border-collapse:collapse\">\n<tr><th>类别</th><th>对象</th><th>问题</th>"
              "<th>" + std::string(open ? "已持续" : "持续时间") + "</th><th>链接</th></tr>\n";
    int n = 0;
    for (const Alert& a : alerts) {
      Event e{open ? EventKind::kFiring : EventKind::kResolved, a, 0};
      auto v = EventValues(e, config, now);
      m.text += std::to_string(++n) + ". 【" + v["severity"] + "】" + v["target"] + "：" +
                v["message"] + "（" + (open ? "已持续 " : "持续 ") + v["open_for"] + "）\n";
      if (!v["url"].empty()) m.text += "   " + v["url"] + "\n";
      m.html += "<tr><td>" + HtmlEscape(v["severity"]) + "</td><td>" + HtmlEscape(v["target"]) +
                "</td><td>" + HtmlEscape(v["message"]) + "</td><td>" +
                HtmlEscape(v["open_for"]) + "</td><td>" +
                (v["url"].empty() ? std::string()
                                  : "<a href=\"" + HtmlEscape(v["url"]) + "\">链接</a>") +
                "</td></tr>\n";
    }
    m.text += "\n";
    m.html += "</table>\n";
  };
  section("未解决的问题（" + std::to_string(firing.size()) + " 个）：", firing, true);
  section("已恢复的问题（" + std::to_string(resolved.size()) + " 个）：", resolved, false);
  if (config.alerts.status_url) {
    m.text += "详情：" + *config.alerts.status_url + "\n";
    m.html += "<p>详情：<a href=\"" + HtmlEscape(*config.alerts.status_url) + "\">" +
              HtmlEscape(*config.alerts.status_url) + "</a></p>\n";
  }
  m.text += "—— govwatch 政府网站与政务新媒体监测\n";
  m.html += "<p style=\"color:#888\">—— govwatch 政府网站与政务新媒体监测</p>\n</body></html>\n";
  return m;
}

core::Result<Templates> LoadTemplates(const config::Channel& channel) {
  Templates t;
  auto read = [](const std::string& path) -> core::Result<std::string> {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::MakeError("cannot read template file " + path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  if (channel.subject_template) {
    auto s = read(*channel.subject_template);
    if (!s) return s.error().WithContext("channel " + channel.name);
    t.subject = std::move(*s);
  }
  if (channel.body_template) {
    auto b = read(*channel.body_template);
    if (!b) return b.error().WithContext("channel " + channel.name);
    t.body = std::move(*b);
  }
  return t;
}

}  // namespace govwatch::alert
