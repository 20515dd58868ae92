// Availability (站点无法访问): thresholds at their boundaries, too few probes, short history.
#include "checks/availability.h"

#include <gtest/gtest.h>

#include "check_test_util.h"

namespace govwatch::checks {
namespace {

using testing::kNow;

config::Site Site() {
  config::Site site;
  site.id = "gy";
  site.unit = "office";
  site.homepage = "http://www.nxgy.gov.cn/";
  return site;
}

AvailabilityInput Week(std::int64_t probes, std::int64_t failures) {
  return {probes, failures, kNow - std::chrono::days{7}};
}

struct Case {
  const char* name;
  AvailabilityInput input;
  core::CheckStatus status;
  std::optional<core::Severity> severity;  // of the single finding, if any
  std::string message;
};

TEST(Availability, Table) {
  const std::vector<Case> cases = {
      {"no failures", Week(168, 0), core::CheckStatus::kOk, std::nullopt, ""},
      {"just below warn (2.9 %)", Week(1000, 29), core::CheckStatus::kOk, std::nullopt, ""},
      {"warn at exactly 3 %", Week(1000, 30), core::CheckStatus::kProblem,
       core::Severity::kWarning, "网站近 7 天监测 1000 次，无法访问 30 次（3.0%）"},
      {"just below veto (4.9 %)", Week(1000, 49), core::CheckStatus::kProblem,
       core::Severity::kWarning, "网站近 7 天监测 1000 次，无法访问 49 次（4.9%）"},
      {"veto at exactly 5 %", Week(1000, 50), core::CheckStatus::kProblem, core::Severity::kVeto,
       "网站近 7 天监测 1000 次，无法访问 50 次（5.0%）"},
      {"the reference message", Week(168, 12), core::CheckStatus::kProblem,
       core::Severity::kVeto, "网站近 7 天监测 168 次，无法访问 12 次（7.1%）"},
      {"exactly 20 a day is enough", Week(140, 0), core::CheckStatus::kOk, std::nullopt, ""},
      {"19 a day is too few, even when all failed", Week(133, 133), core::CheckStatus::kProblem,
       core::Severity::kInfo,
       "网站近 7 天监测 133 次，日均 19.0 次，低于每天 20 次，监测次数不足，暂不判定可访问性"},
      {"two days of history at 24 a day is enough", {48, 0, kNow - std::chrono::days{2}},
       core::CheckStatus::kOk, std::nullopt, ""},
      {"less than a day of history: unknown", {20, 20, kNow - std::chrono::hours{23}},
       core::CheckStatus::kUnknown, std::nullopt, ""},
      {"no probes: unknown", {0, 0, std::nullopt}, core::CheckStatus::kUnknown, std::nullopt,
       ""},
      {"only network-down probes in the window: unknown", {0, 0, kNow - std::chrono::days{3}},
       core::CheckStatus::kUnknown, std::nullopt, ""},
  };
  const config::Profile profile;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const CheckResult r = CheckAvailability(Site(), profile, c.input, kNow);
    EXPECT_EQ(r.status, c.status);
    if (!c.severity) {
      EXPECT_TRUE(r.findings.empty());
      continue;
    }
    ASSERT_EQ(r.findings.size(), 1u);
    const core::Finding& f = r.findings[0];
    EXPECT_EQ(f.severity, *c.severity);
    EXPECT_EQ(f.message, c.message);
    EXPECT_EQ(f.check, kAvailability);
    EXPECT_EQ(f.target_id, "gy");
    EXPECT_EQ(f.unit_id, "office");
    EXPECT_EQ(f.subject, "");
    EXPECT_EQ(f.evidence_url, "http://www.nxgy.gov.cn/");
  }
}

TEST(Availability, ProfileThresholdsAndWindowApply) {
  config::Profile strict;
  strict.availability_veto_ratio = 0.01;
  strict.availability_warn_ratio = 0.005;
  strict.availability_window_days = 3;
  strict.availability_probes_per_day = 10;
  const AvailabilityInput input{30, 1, kNow - std::chrono::days{10}};
  const CheckResult r = CheckAvailability(Site(), strict, input, kNow);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].severity, core::Severity::kVeto);
  EXPECT_EQ(r.findings[0].message, "网站近 3 天监测 30 次，无法访问 1 次（3.3%）");
}

}  // namespace
}  // namespace govwatch::checks
