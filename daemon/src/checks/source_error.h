// 采集异常 (source broken): DESIGN.md §2 — an unreadable source is `unknown`, never "not
// updated"; after new_media.source_error_after consecutive unreadable reads it raises this
// finding instead. Grouped per platform, so one broken adapter (a WAF in front of the API, an
// expired cookie, a revoked AppSecret) gives one finding and one alert: the finding sits on the
// platform's pseudo target (SourceErrorTargetId) and names every affected account.
//
// Pure function; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checks/check_result.h"
#include "config/config.h"
#include "core/model.h"

namespace govwatch::checks {

inline constexpr char kSourceError[] = "source_error";

// "@weibo", "@wechat", …: the pseudo target of a platform's source_error finding. '@' is outside
// the config id rule (a-z, 0-9, '_', '-'), so it never collides with a site or account id. The
// store needs a target row for it (kind account, name "<platform>采集").
std::string SourceErrorTargetId(core::Platform platform);

// One account's read health, kept by the caller across reads.
struct SourceHealth {
  const config::Account* account = nullptr;
  int consecutive_failures = 0;       // unreadable reads since the last readable one
  std::string last_failure;           // reason of the latest failure ("blocked", "login_wall", …)
  std::optional<core::Timestamp> failing_since;  // first failure of the current run
};

// kOk (no finding) when no account of `platform` in `health` reached `threshold` failures;
// otherwise one kWarning finding on SourceErrorTargetId(platform) naming each such account and
// its reason. Accounts of other platforms in `health` are ignored.
CheckResult CheckSourceErrors(core::Platform platform, const std::vector<SourceHealth>& health,
                              int threshold);

// Chinese text for a source failure reason ("blocked" → "被防火墙或验证码拦截").
std::string ChineseFailure(const std::string& reason);

}  // namespace govwatch::checks
