#include "app/probe_render.h"

#include <algorithm>
#include <map>
#include <sstream>

#include <boost/json.hpp>

#include "core/model.h"

namespace govwatch::app {
namespace {

using schedule::PassResult;
using schedule::TargetOutcome;

std::string PadRight(const std::string& text, size_t width) {
  const size_t w = DisplayWidth(text);
  return w >= width ? text + " " : text + std::string(width - w, ' ');
}

std::string LocalDate(core::Timestamp t, const core::TimeZone& tz) {
  return core::FormatDate(t, tz.OffsetAt(t));
}

std::string LocalMinute(core::Timestamp t, const core::TimeZone& tz) {
  const std::string iso = core::FormatIso8601(t, tz.OffsetAt(t));
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

// The worst severity among findings about `target_id`, if any.
std::optional<core::Severity> WorstFor(const std::vector<core::Finding>& findings,
                                       const std::string& target_id) {
  std::optional<core::Severity> worst;
  for (const auto& f : findings) {
    if (f.target_id != target_id) continue;
    if (!worst || f.severity < *worst) worst = f.severity;
  }
  return worst;
}

std::string StatusOf(const TargetOutcome& o, const std::vector<core::Finding>& findings) {
  if (!o.readable) return "无法检测";
  if (const auto worst = WorstFor(findings, o.target.id)) {
    return std::string(core::ChineseName(*worst));
  }
  return "正常";
}

std::string LastUpdateText(const TargetOutcome& o, const core::TimeZone& tz) {
  if (!o.last_update) return o.items_ever_seen == 0 && o.readable ? "从未发布" : "无日期";
  return LocalDate(o.last_update->time, tz) + "（" + ChineseProvenance(o.last_update->provenance) +
         "）";
}

// Who a finding is about, as a prefix for its message (which already names the column or
// account): the site, or the unit responsible for an account.
std::string SubjectName(const config::Config& config, const core::Finding& f) {
  if (const auto* account = config.FindAccount(f.target_id)) {
    const auto* unit = config.FindUnit(account->unit);
    return unit != nullptr ? unit->name : account->unit;
  }
  const auto* site = config.FindSite(f.target_id.substr(0, f.target_id.find('/')));
  return site != nullptr ? site->name : f.target_id;
}

std::string UnitText(const config::Config& config, const std::string& unit_id) {
  const auto* unit = config.FindUnit(unit_id);
  if (unit == nullptr) return unit_id;
  return unit->region.empty() ? unit->name : unit->name + "（" + unit->region + "）";
}

struct Counts {
  int sites = 0, columns = 0, accounts = 0, unreadable = 0;
  std::map<core::Severity, int> by_severity;
};

Counts CountPass(const PassResult& pass) {
  Counts c;
  for (const auto& o : pass.outcomes) {
    if (o.target.account != nullptr) {
      ++c.accounts;
    } else if (o.target.column != nullptr) {
      ++c.columns;
    } else {
      ++c.sites;
    }
    if (!o.readable) ++c.unreadable;
  }
  for (const auto& f : pass.findings) ++c.by_severity[f.severity];
  return c;
}

void RenderTargetRow(std::ostringstream& out, const TargetOutcome& o,
                     const std::vector<core::Finding>& findings, const core::TimeZone& tz) {
  const std::string name = o.target.column != nullptr ? o.target.column->name : "首页";
  const std::string kind(core::ChineseName(o.target.column != nullptr
                                               ? o.target.column->kind
                                               : core::ColumnKind::kHomepage));
  out << "  " << PadRight(name, 14) << PadRight(kind, 10) << PadRight(StatusOf(o, findings), 10);
  if (o.readable) {
    out << PadRight(LastUpdateText(o, tz), 28) << o.items.size();
  } else {
    out << ChineseFailure(o.failure, o.http_status);
  }
  out << "\n";
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    char32_t cp = c;
    size_t len = 1;
    if (c >= 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else if (c >= 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xC0) {
      len = 2;
      cp = c & 0x1F;
    }
    for (size_t k = 1; k < len && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += len;
    // East Asian Wide and Fullwidth ranges that occur in Chinese text.
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
  }
  return width;
}

std::string ChineseFailure(const std::string& failure, int http_status) {
  static const std::map<std::string, std::string> kNames = {
      {"invalid_url", "网址无效"},
      {"dns", "域名解析失败"},
      {"connect", "无法连接"},
      {"tls", "证书或加密连接错误"},
      {"timeout", "访问超时"},
      {"too_large", "页面过大"},
      {"redirect_loop", "重定向循环"},
      {"too_many_redirects", "重定向次数过多"},
      {"bad_encoding", "页面编码无法识别"},
      {"blocked", "被防火墙或验证码拦截"},
      {"protocol", "HTTP 协议错误"},
      {"parse", "内容无法解析"},
      // Account sources (issue 7).
      {"captcha", "需要验证码"},
      {"login_wall", "需要登录或 Cookie 已失效"},
      {"api_error", "接口返回错误"},
      {"empty_list", "返回空列表（此前有发布）"},
      {"secret", "密钥无法读取"},
  };
  if (failure == "http_status") return "HTTP 状态码 " + std::to_string(http_status);
  const auto it = kNames.find(failure);
  return it == kNames.end() ? failure : it->second;
}

std::string ChineseProvenance(core::DateProvenance provenance) {
  switch (provenance) {
    case core::DateProvenance::kListDate: return "列表日期";
    case core::DateProvenance::kMetaPubdate: return "页面元数据";
    case core::DateProvenance::kArticleDate: return "正文日期";
    case core::DateProvenance::kScriptVar: return "脚本变量";
    case core::DateProvenance::kFeedDate: return "订阅源日期";
    case core::DateProvenance::kHttpLastModified: return "HTTP 修改时间";
    case core::DateProvenance::kUrlDate: return "网址中的日期";
    case core::DateProvenance::kFirstSeen: return "首次发现时间";
  }
  return "?";
}

std::string RenderProbeTable(const config::Config& config, const PassResult& pass,
                             core::Timestamp now, const core::TimeZone& tz) {
  std::ostringstream out;
  out << "检查时间：" << LocalMinute(now, tz) << "（" << tz.name() << "）\n";
  const config::Site* current_site = nullptr;
  for (const auto& o : pass.outcomes) {
    if (o.target.site != nullptr) {
      if (o.target.site != current_site) {
        current_site = o.target.site;
        out << "\n【政府网站】" << current_site->name << "（" << current_site->id << "）  责任单位："
            << UnitText(config, current_site->unit) << "\n";
        out << "  " << PadRight("栏目", 14) << PadRight("类型", 10) << PadRight("状态", 10)
            << PadRight("最近更新（日期来源）", 28) << "本次读取条数\n";
      }
      RenderTargetRow(out, o, pass.findings, tz);
      continue;
    }
    const auto& account = *o.target.account;
    out << "\n【政务新媒体】" << account.name << "（" << account.id << "）  "
        << core::ChineseName(account.platform) << "  责任单位：" << UnitText(config, account.unit)
        << "\n  状态 " << StatusOf(o, pass.findings);
    if (o.readable) {
      out << "  最近发布 " << LastUpdateText(o, tz) << "  本次读取 " << o.items.size() << " 条";
    } else {
      out << "  " << ChineseFailure(o.failure, o.http_status);
    }
    out << "\n";
  }

  Counts c = CountPass(pass);
  out << "\n";
  if (pass.findings.empty()) {
    out << "未发现问题。\n";
  } else {
    out << "发现问题 " << pass.findings.size() << " 个：\n";
    std::vector<const core::Finding*> sorted;
    for (const auto& f : pass.findings) sorted.push_back(&f);
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
      return a->severity < b->severity;
    });
    for (const auto* f : sorted) {
      out << "  [" << core::ChineseName(f->severity) << "] " << SubjectName(config, *f) << "："
          << f->message << "\n";
      if (!f->evidence_url.empty()) out << "      " << f->evidence_url << "\n";
    }
  }
  out << "\n共检查政府网站 " << c.sites << " 个（栏目 " << c.columns << " 个）、政务新媒体 "
      << c.accounts << " 个；单项否决 " << c.by_severity[core::Severity::kVeto] << " 个，扣分 "
      << c.by_severity[core::Severity::kDeduction] << " 个，预警 "
      << c.by_severity[core::Severity::kWarning] << " 个";
  if (c.unreadable > 0) out << "；" << c.unreadable << " 个页面无法访问，相关检查结果为“未知”";
  out << "。\n";
  return out.str();
}

std::string RenderProbeJson(const config::Config& config, const PassResult& pass,
                            core::Timestamp now, const core::TimeZone& tz) {
  namespace json = boost::json;
  auto iso = [&](core::Timestamp t) { return core::FormatIso8601(t, tz.OffsetAt(t)); };
  json::array targets;
  for (const auto& o : pass.outcomes) {
    json::object t;
    t["id"] = o.target.id;
    t["kind"] = std::string(store::ToString(o.target.kind));
    t["url"] = o.target.url;
    if (o.target.account != nullptr) {
      t["name"] = o.target.account->name;
      t["platform"] = std::string(core::ToString(o.target.account->platform));
      t["unit"] = o.target.account->unit;
    } else {
      t["name"] = o.target.column != nullptr ? o.target.column->name : o.target.site->name;
      t["site"] = o.target.site->id;
      t["unit"] = o.target.site->unit;
      if (o.target.column != nullptr) {
        t["column_kind"] = std::string(core::ToString(o.target.column->kind));
      }
    }
    t["readable"] = o.readable;
    if (!o.readable) {
      t["failure"] = o.failure;
      t["failure_detail"] = o.failure_detail;
    }
    t["http_status"] = o.http_status;
    t["elapsed_ms"] = o.elapsed.count();
    t["items"] = o.items.size();
    t["items_ever_seen"] = o.items_ever_seen;
    if (o.last_update) {
      t["last_update"] = iso(o.last_update->time);
      t["provenance"] = std::string(core::ToString(o.last_update->provenance));
      // Calendar days in the region's zone, as the checks count them (an item posted "9 days ago"
      // is 9 days old even when the probe's clock was read a moment before the fetch).
      t["days_since_update"] = std::max(0L, core::CalendarDaysBetween(o.last_update->time, now, tz));
    } else {
      t["last_update"] = nullptr;
      t["provenance"] = nullptr;
    }
    targets.push_back(std::move(t));
  }
  json::array findings;
  for (const auto& f : pass.findings) {
    json::object j;
    j["target"] = f.target_id;
    j["unit"] = f.unit_id;
    j["check"] = f.check;
    j["subject"] = f.subject;
    j["severity"] = std::string(core::ToString(f.severity));
    j["message"] = f.message;
    j["evidence_url"] = f.evidence_url;
    if (f.last_update) {
      j["last_update"] = iso(f.last_update->time);
      j["provenance"] = std::string(core::ToString(f.last_update->provenance));
    } else {
      j["last_update"] = nullptr;
      j["provenance"] = nullptr;
    }
    findings.push_back(std::move(j));
  }
  Counts c = CountPass(pass);
  json::object summary{{"sites", c.sites},
                       {"columns", c.columns},
                       {"accounts", c.accounts},
                       {"unreadable", c.unreadable},
                       {"unknown_checks", pass.unknown_checks},
                       {"findings", pass.findings.size()}};
  for (const auto s : {core::Severity::kVeto, core::Severity::kDeduction, core::Severity::kWarning,
                       core::Severity::kInfo}) {
    summary[std::string(core::ToString(s))] = c.by_severity[s];
  }
  (void)config;
  json::object root{{"now", iso(now)},
                    {"targets", std::move(targets)},
                    {"findings", std::move(findings)},
                    {"summary", std::move(summary)}};
  return json::serialize(root) + "\n";
}

}  // namespace govwatch::app
