#include "web/api.h"

#include <algorithm>
#include <array>
#include <chrono>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace govwatch::web {
namespace {

namespace json = boost::json;

std::string_view StatusName(core::CheckStatus status) {
  switch (status) {
    case core::CheckStatus::kOk:
      return "ok";
    case core::CheckStatus::kProblem:
      return "problem";
    case core::CheckStatus::kUnknown:
      break;
  }
  return "unknown";
}

std::optional<core::Severity> ParseSeverity(std::string_view name) {
  for (core::Severity s : {core::Severity::kVeto, core::Severity::kDeduction,
                           core::Severity::kWarning, core::Severity::kInfo}) {
    if (core::ToString(s) == name) return s;
  }
  return std::nullopt;
}

json::value Time(core::Timestamp t, const core::TimeZone& zone) {
  return json::value(core::FormatIso8601(t, zone.OffsetAt(t)));
}

json::value Time(const std::optional<core::Timestamp>& t, const core::TimeZone& zone) {
  return t ? Time(*t, zone) : json::value(nullptr);
}

json::value Text(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

json::object TargetObject(const TargetStatus& t, core::Timestamp now, const core::TimeZone& zone) {
  json::object o;
  o["id"] = t.id;
  o["kind"] = t.kind;
  o["platform"] = Text(t.platform);
  o["name"] = t.name;
  o["site"] = Text(t.site);
  o["unit"] = t.unit;
  o["url"] = t.url;
  if (t.last_update) {
    o["last_update"] = Time(t.last_update->time, zone);
    o["last_update_provenance"] = core::ToString(t.last_update->provenance);
    o["days_since_update"] =
        std::max(0L, core::CalendarDaysBetween(t.last_update->time, now, zone));
  } else {
    o["last_update"] = nullptr;
    o["last_update_provenance"] = nullptr;
    o["days_since_update"] = nullptr;
  }
  o["status"] = StatusName(t.status);
  o["last_probe"] = Time(t.last_probe, zone);
  o["last_probe_outcome"] = Text(t.last_probe_outcome);
  return o;
}

json::object FindingObject(const FindingView& view, const core::TimeZone& zone) {
  const core::Finding& f = view.finding;
  json::object o;
  o["target"] = f.target_id;
  o["unit"] = f.unit_id;
  o["check"] = f.check;
  o["subject"] = Text(f.subject);
  o["severity"] = core::ToString(f.severity);
  o["message"] = f.message;
  o["evidence_url"] = Text(f.evidence_url);
  // Labelled parts (content checks: wrong, suggestion, position, …); {} for most checks.
  json::object details;
  for (const auto& [key, value] : f.details) details[key] = value;
  o["details"] = std::move(details);
  if (f.last_update) {
    o["last_update"] = Time(f.last_update->time, zone);
    o["last_update_provenance"] = core::ToString(f.last_update->provenance);
  } else {
    o["last_update"] = nullptr;
    o["last_update_provenance"] = nullptr;
  }
  o["state"] = view.resolved_at ? "resolved" : "open";
  o["first_seen"] = Time(view.first_seen, zone);
  o["last_seen"] = Time(view.last_seen, zone);
  o["resolved_at"] = Time(view.resolved_at, zone);
  return o;
}

Response Json(std::string body) {
  Response r;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

}  // namespace

core::Result<FindingFilter> ParseFindingFilter(const std::map<std::string, std::string>& query) {
  FindingFilter filter;
  for (const auto& [key, value] : query) {
    if (key == "state") {
      if (value == "open") {
        filter.state = FindingState::kOpen;
      } else if (value == "resolved") {
        filter.state = FindingState::kResolved;
      } else if (value == "all") {
        filter.state = FindingState::kAll;
      } else {
        return core::MakeError("state must be open, resolved or all");
      }
    } else if (key == "unit") {
      filter.unit = value;
    } else if (key == "check") {
      filter.check = value;
    } else if (key == "target") {
      filter.target = value;
    } else if (key == "severity") {
      filter.severity = ParseSeverity(value);
      if (!filter.severity) {
        return core::MakeError("severity must be veto, deduction, warning or info");
      }
    } else {
      return core::MakeError("unknown parameter \"" + key + "\"");
    }
  }
  return filter;
}

bool Matches(const FindingFilter& filter, const FindingView& view) {
  const core::Finding& f = view.finding;
  const bool open = !view.resolved_at;
  if (filter.state == FindingState::kOpen && !open) return false;
  if (filter.state == FindingState::kResolved && open) return false;
  if (filter.unit && f.unit_id != *filter.unit) return false;
  if (filter.check && f.check != *filter.check) return false;
  if (filter.severity && f.severity != *filter.severity) return false;
  if (filter.target && f.target_id != *filter.target) return false;
  return true;
}


std::string TargetsJson(const std::vector<TargetStatus>& targets, core::Timestamp now,
                        const core::TimeZone& zone) {
  json::array list;
  list.reserve(targets.size());
  for (const auto& t : targets) list.push_back(TargetObject(t, now, zone));
  json::object body;
  body["targets"] = std::move(list);
  return json::serialize(body);
}

std::string TargetJson(const TargetStatus& target, const std::vector<FindingView>& open_findings,
                       core::Timestamp now, const core::TimeZone& zone) {
  json::object body = TargetObject(target, now, zone);
  json::array findings;
  for (const auto& f : open_findings) findings.push_back(FindingObject(f, zone));
  body["findings"] = std::move(findings);
  return json::serialize(body);
}

std::string FindingsJson(const std::vector<FindingView>& findings, const core::TimeZone& zone) {
  json::array list;
  list.reserve(findings.size());
  for (const auto& f : findings) list.push_back(FindingObject(f, zone));
  json::object body;
  body["findings"] = std::move(list);
  return json::serialize(body);
}

Response ServeApi(const Request& request, const ApiSource& source) {
  constexpr std::string_view kTargets = "/api/v1/targets";
  constexpr std::string_view kFindings = "/api/v1/findings";
  const std::string_view path = request.path;
  if (path == kTargets) {
    return Json(TargetsJson(source.targets(), source.now(), source.zone));
  }
  if (path.starts_with(kTargets) && path.size() > kTargets.size() + 1 &&
      path[kTargets.size()] == '/') {
    // Column ids contain a slash ("site/column"): the id is the whole remainder of the path.
    const std::string_view id = path.substr(kTargets.size() + 1);
    for (const auto& target : source.targets()) {
      if (target.id != id) continue;
      std::vector<FindingView> open;
      for (auto& f : source.findings()) {
        if (!f.resolved_at && f.finding.target_id == id) open.push_back(std::move(f));
      }
      return Json(TargetJson(target, open, source.now(), source.zone));
    }
    return JsonError(404, "unknown target \"" + std::string(id) + "\"");
  }
  if (path == kFindings) {
    auto filter = ParseFindingFilter(request.query);
    if (!filter.ok()) return JsonError(400, filter.error().message);
    std::vector<FindingView> selected;
    for (auto& f : source.findings()) {
      if (Matches(*filter, f)) selected.push_back(std::move(f));
    }
    return Json(FindingsJson(selected, source.zone));
  }
  return JsonError(404, "not found");
}

}  // namespace govwatch::web
