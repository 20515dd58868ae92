// The read-only JSON API (/api/v1/…) as pure functions of plain structs: the composition root
// fills TargetStatus and FindingView from its live state and the store, and ServeApi answers.
// Times are ISO 8601 in the given zone (default Asia/Shanghai: "2021-06-30T10:00:00+08:00");
// absent values are JSON null, never omitted, so clients see a stable shape.
//
//   GET /api/v1/targets                → {"targets": [target…]}
//   GET /api/v1/targets/{id}           → target plus "findings": its open findings; 404 if unknown
//   GET /api/v1/findings?state=open|resolved|all&unit=ID&check=NAME&severity=veto|deduction|
//       warning|info&target=ID         → {"findings": [finding…]}; state defaults to open;
//                                        an unknown parameter or value is 400
//
// Thread-safety: pure functions; ApiSource's functions are called on the caller's thread.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "core/time.h"
#include "core/time_zone.h"
#include "web/router.h"

namespace govwatch::web {

// One monitored target (site home page, column or account) as the API shows it.
struct TargetStatus {
  std::string id;        // "site/column", site id (home page) or account id
  std::string kind;      // column kind ("news", …), "homepage" or "account"
  std::string platform;  // accounts: "wechat", "weibo", …; empty otherwise
  std::string name;      // Chinese display name
  std::string site;      // site id; empty for accounts without a site
  std::string unit;      // unit id
  std::string url;
  std::optional<core::DatedTime> last_update;  // newest dated item and where its date came from
  core::CheckStatus status = core::CheckStatus::kUnknown;  // of the freshness check
  std::optional<core::Timestamp> last_probe;
  std::string last_probe_outcome;  // "ok", "timeout", "dns", …; empty before the first probe
};

// A finding with its life cycle.
struct FindingView {
  core::Finding finding;
  core::Timestamp first_seen;
  core::Timestamp last_seen;
  std::optional<core::Timestamp> resolved_at;  // nullopt while open
};

enum class FindingState { kOpen, kResolved, kAll };

struct FindingFilter {
  FindingState state = FindingState::kOpen;
  std::optional<std::string> unit;
  std::optional<std::string> check;
  std::optional<core::Severity> severity;
  std::optional<std::string> target;
};

// From the query of /api/v1/findings. Error names the bad parameter: "unknown parameter
// \"sort\"", "state must be open, resolved or all".
core::Result<FindingFilter> ParseFindingFilter(const std::map<std::string, std::string>& query);
bool Matches(const FindingFilter& filter, const FindingView& finding);


// Response bodies (compact JSON).
std::string TargetsJson(const std::vector<TargetStatus>& targets, core::Timestamp now,
                        const core::TimeZone& zone);
std::string TargetJson(const TargetStatus& target, const std::vector<FindingView>& open_findings,
                       core::Timestamp now, const core::TimeZone& zone);
std::string FindingsJson(const std::vector<FindingView>& findings, const core::TimeZone& zone);

// What ServeApi reads, supplied by the composition root.
struct ApiSource {
  std::function<std::vector<TargetStatus>()> targets;
  std::function<std::vector<FindingView>()> findings;  // open and resolved
  std::function<core::Timestamp()> now;
  core::TimeZone zone;
};

// Answers one GET under /api/ (Handlers::api): the routes above, JSON 404 for other paths.
Response ServeApi(const Request& request, const ApiSource& source);

}  // namespace govwatch::web
