#include "checks/availability.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace govwatch::checks {
namespace {

core::Finding SiteFinding(const config::Site& site, core::Severity severity,
                          std::string message) {
  core::Finding f;
  f.target_id = site.id;
  f.unit_id = site.unit;
  f.check = kAvailability;
  f.severity = severity;
  f.message = std::move(message);
  f.evidence_url = site.homepage;
  return f;
}

std::string Fixed(double value, const char* format) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

}  // namespace

CheckResult CheckAvailability(const config::Site& site, const config::Profile& profile,
                              const AvailabilityInput& input, core::Timestamp now) {
  CheckResult result;
  const int window_days = std::max(1, profile.availability_window_days);
  if (input.probes <= 0 || !input.first_probe) {
    result.note = "no homepage probes in the window";
    return result;
  }
  const auto covered = now - *input.first_probe;
  if (covered < std::chrono::hours{24}) {
    result.note = "monitoring covers less than one day";
    return result;
  }
  const double covered_days =
      std::min<double>(window_days, std::chrono::duration<double>(covered).count() / 86400.0);
  const double per_day = static_cast<double>(input.probes) / covered_days;
  const std::string window = "网站近 " + std::to_string(window_days) + " 天";
  if (per_day < profile.availability_probes_per_day) {
    result.status = core::CheckStatus::kProblem;
    result.findings.push_back(SiteFinding(
        site, core::Severity::kInfo,
        window + "监测 " + std::to_string(input.probes) + " 次，日均 " + Fixed(per_day, "%.1f") +
            " 次，低于每天 " + std::to_string(profile.availability_probes_per_day) +
            " 次，监测次数不足，暂不判定可访问性"));
    result.note = "too few probes per day for a verdict";
    return result;
  }
  const double ratio = static_cast<double>(input.failures) / static_cast<double>(input.probes);
  std::optional<core::Severity> severity;
  if (ratio >= profile.availability_veto_ratio) {
    severity = core::Severity::kVeto;
  } else if (ratio >= profile.availability_warn_ratio) {
    severity = core::Severity::kWarning;
  }
  result.note = "failure ratio " + Fixed(ratio * 100, "%.1f") + "%";
  if (!severity) {
    result.status = core::CheckStatus::kOk;
    return result;
  }
  result.status = core::CheckStatus::kProblem;
  result.findings.push_back(SiteFinding(
      site, *severity,
      window + "监测 " + std::to_string(input.probes) + " 次，无法访问 " +
          std::to_string(input.failures) + " 次（" + Fixed(ratio * 100, "%.1f") + "%）"));
  return result;
}

}  // namespace govwatch::checks
