// govwatch alerts: the alerts the daemon keeps in its database, for people (table) or programs
// (json). Read-only.
#include <boost/json.hpp>

#include <filesystem>
#include <iostream>

#include "alert/alert_store.h"
#include "alert/render.h"
#include "app/commands.h"
#include "config/loader.h"

namespace govwatch::app {
namespace {

constexpr const char* kAlertsUsage =
    "usage: govwatch alerts -c FILE [--state firing|resolved|pending] [--unit ID]\n"
    "                       [--target ID] [--limit N] [--format table|json]\n"
    "\n"
    "Lists the alerts in the database of the configuration (storage.path): active ones first,\n"
    "newest first. Times are shown in alerts.time_zone.\n";

std::optional<std::string> Iso(const std::optional<core::Timestamp>& t, std::chrono::seconds off) {
  if (!t) return std::nullopt;
  return core::FormatIso8601(*t, off);
}

boost::json::object ToJson(const alert::Alert& a, const core::TimeZone& tz) {
  const auto off = tz.OffsetAt(a.started_at);
  boost::json::object o;
  const core::Finding& f = a.finding;
  o["state"] = std::string(alert::ToString(a.state));
  o["target"] = f.target_id;
  o["check"] = f.check;
  o["subject"] = f.subject;
  o["unit"] = f.unit_id;
  o["severity"] = std::string(core::ToString(f.severity));
  o["message"] = f.message;
  o["evidence_url"] = f.evidence_url;
  o["started_at"] = core::FormatIso8601(a.started_at, off);
  o["last_seen_at"] = core::FormatIso8601(a.last_seen_at, off);
  auto put = [&](const char* key, const std::optional<core::Timestamp>& t) {
    if (auto s = Iso(t, off)) {
      o[key] = *s;
    } else {
      o[key] = nullptr;
    }
  };
  put("fired_at", a.fired_at);
  put("resolved_at", a.resolved_at);
  put("next_reminder_at", a.next_reminder_at);
  o["notified"] = a.notified;
  o["reminders"] = a.reminders;
  if (f.last_update) {
    o["last_update"] = core::FormatIso8601(f.last_update->time, off);
    o["last_update_source"] = std::string(core::ToString(f.last_update->provenance));
  }
  return o;
}

}  // namespace

int RunAlerts(const Args& args) {
  std::string config_path;
  alert::AlertFilter filter;
  std::string format = "table";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      std::cout << kAlertsUsage;
      return 0;
    }
    const bool has_value = i + 1 < args.size();
    if ((a == "-c" || a == "--config") && has_value) {
      config_path = args[++i];
    } else if (a == "--state" && has_value) {
      filter.state = alert::ParseAlertState(args[++i]);
      if (!filter.state) {
        std::cerr << "govwatch alerts: --state must be firing, resolved or pending, got '"
                  << args[i] << "'\n";
        return 2;
      }
    } else if (a == "--unit" && has_value) {
      filter.unit_id = args[++i];
    } else if (a == "--target" && has_value) {
      filter.target_id = args[++i];
    } else if (a == "--limit" && has_value) {
      try {
        filter.limit = std::stoi(args[++i]);
      } catch (const std::exception&) {
        filter.limit = 0;
      }
      if (filter.limit <= 0) {
        std::cerr << "govwatch alerts: --limit must be a positive number\n";
        return 2;
      }
    } else if (a == "--format" && has_value) {
      format = args[++i];
      if (format != "table" && format != "json") {
        std::cerr << "govwatch alerts: --format must be table or json\n";
        return 2;
      }
    } else {
      std::cerr << "govwatch alerts: unexpected argument '" << a << "'\n\n" << kAlertsUsage;
      return 2;
    }
  }
  if (config_path.empty()) {
    std::cerr << "govwatch alerts: missing -c FILE\n\n" << kAlertsUsage;
    return 2;
  }
  config::LoadResult loaded = config::LoadConfigFile(config_path);
  if (!loaded.config) {
    for (const auto& d : loaded.diagnostics) std::cerr << d.ToString() << "\n";
    return 1;
  }
  const config::Config& config = *loaded.config;
  if (filter.unit_id && config.FindUnit(*filter.unit_id) == nullptr) {
    std::cerr << "govwatch alerts: unknown unit '" << *filter.unit_id << "'\n";
    return 1;
  }
  std::error_code ec;
  if (!std::filesystem::exists(config.storage.path, ec)) {
    std::cerr << "govwatch alerts: no database at " << config.storage.path
              << " (has 'govwatch run' started with this configuration?)\n";
    return 1;
  }
  auto store = alert::AlertStore::Open(config.storage.path);
  if (!store) {
    std::cerr << "govwatch alerts: " << store.error().message << "\n";
    return 1;
  }
  auto alerts = (*store)->List(filter);
  if (!alerts) {
    std::cerr << "govwatch alerts: " << alerts.error().message << "\n";
    return 1;
  }
  const core::TimeZone& tz = config.alerts.time_zone;
  if (format == "json") {
    boost::json::array out;
    for (const alert::Alert& a : *alerts) out.push_back(ToJson(a, tz));
    std::cout << boost::json::serialize(out) << "\n";
    return 0;
  }
  if (alerts->empty()) {
    std::cout << "没有符合条件的告警\n";
    return 0;
  }
  for (const alert::Alert& a : *alerts) {
    const core::Finding& f = a.finding;
    const config::Unit* unit = config.FindUnit(f.unit_id);
    std::cout << alert::ToString(a.state) << "  " << core::ChineseName(f.severity) << "  "
              << (unit != nullptr ? unit->name : f.unit_id) << "  " << f.target_id << "  "
              << f.check << "\n    " << f.message << "\n    自 "
              << alert::LocalTimeText(a.started_at, tz) << " 起";
    if (a.resolved_at) {
      std::cout << "，" << alert::LocalTimeText(*a.resolved_at, tz) << " 恢复";
    } else {
      std::cout << "，已持续 "
                << alert::DurationText(std::chrono::floor<std::chrono::seconds>(
                                           std::chrono::system_clock::now()) -
                                       a.started_at);
    }
    if (a.reminders > 0) std::cout << "，已提醒 " << a.reminders << " 次";
    std::cout << "\n";
  }
  return 0;
}

}  // namespace govwatch::app
