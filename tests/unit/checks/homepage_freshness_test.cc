#include "checks/homepage_freshness.h"

#include <gtest/gtest.h>

#include "check_test_util.h"

namespace govwatch::checks {
namespace {

using namespace testing;  // NOLINT: test helpers

config::Site MakeSite() {
  config::Site site;
  site.id = "guyuan";
  site.name = "固原市人民政府";
  site.unit = "gov_office";
  site.homepage = "http://www.nxgy.gov.cn/";
  return site;
}

struct Case {
  const char* name;
  SourceState state;
  std::optional<int> site_override;
  core::CheckStatus status;
  std::optional<core::Severity> severity;  // of the one finding, when a problem
  const char* message;
};

// gtest prints a failing case by its name, not its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class HomepageFreshnessTest : public ::testing::TestWithParam<Case> {};

TEST_P(HomepageFreshnessTest, Verdict) {
  const Case& c = GetParam();
  config::Site site = MakeSite();
  site.homepage_stale_days = c.site_override;
  const CheckResult r = CheckHomepageFreshness(site, config::Profile{}, c.state, kNow);
  EXPECT_EQ(r.status, c.status) << r.note;
  if (!c.severity) {
    EXPECT_TRUE(r.findings.empty());
    return;
  }
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].severity, *c.severity);
  EXPECT_EQ(r.findings[0].message, c.message);
}

SourceState WithStored(SourceState s, core::DatedTime stored) {
  s.stored_last_update = stored;
  return s;
}

const core::CheckStatus kOk = core::CheckStatus::kOk;
const core::CheckStatus kProblem = core::CheckStatus::kProblem;
const core::CheckStatus kUnknown = core::CheckStatus::kUnknown;
const core::Severity kVeto = core::Severity::kVeto;
const core::Severity kWarning = core::Severity::kWarning;

INSTANTIATE_TEST_SUITE_P(
    Cases, HomepageFreshnessTest,
    ::testing::Values(
        Case{"sixteen_days_is_veto", Readable({Dated("2021-06-14"), Dated("2021-06-01")}),
             std::nullopt, kProblem, kVeto, "首页已 16 天未更新（最近更新 2021-06-14）"},
        // Exactly 14 days is not yet "超过 14 天": a warning, not a veto.
        Case{"exactly_14_days_is_warning", Readable({Dated("2021-06-16T10:00:00")}),
             std::nullopt, kProblem, kWarning, "首页已 14 天未更新（最近更新 2021-06-16）"},
        // Days are calendar days in the site's zone, whatever the hours.
        Case{"last_second_of_the_16th_is_14_days", Readable({Dated("2021-06-16T23:59:59")}),
             std::nullopt, kProblem, kWarning, "首页已 14 天未更新（最近更新 2021-06-16）"},
        Case{"late_on_the_15th_is_15_days", Readable({Dated("2021-06-15T23:00:00")}),
             std::nullopt, kProblem, kVeto, "首页已 15 天未更新（最近更新 2021-06-15）"},
        Case{"15_days_is_veto", Readable({Dated("2021-06-15T10:00:00")}), std::nullopt,
             kProblem, kVeto, "首页已 15 天未更新（最近更新 2021-06-15）"},
        Case{"10_days_is_warning", Readable({Dated("2021-06-20T10:00:00")}), std::nullopt,
             kProblem, kWarning, "首页已 10 天未更新（最近更新 2021-06-20）"},
        Case{"9_days_is_ok", Readable({Dated("2021-06-21T00:00:00")}), std::nullopt, kOk,
             std::nullopt, ""},
        Case{"future_date_is_ok", Readable({Dated("2021-07-02")}), std::nullopt, kOk,
             std::nullopt, ""},
        Case{"site_override_30_days_makes_16_a_warning", Readable({Dated("2021-06-14")}), 30,
             kProblem, kWarning, "首页已 16 天未更新（最近更新 2021-06-14）"},
        Case{"site_override_7_days", Readable({Dated("2021-06-22")}), 7, kProblem, kVeto,
             "首页已 8 天未更新（最近更新 2021-06-22）"},
        Case{"unreadable_is_unknown_never_stale",
             WithStored(Unreadable("timeout"), Stored("2019-01-01")), std::nullopt, kUnknown,
             std::nullopt, ""},
        Case{"undated_items_count_as_not_updated", Readable({Undated("a"), Undated("b")}),
             std::nullopt, kProblem, kVeto, "首页信息均无发布日期，视为未更新"},
        Case{"empty_homepage", Readable({}), std::nullopt, kProblem, kVeto,
             "首页未发现任何信息，视为未更新"},
        // A first-seen time is not a date: on the homepage it does not count.
        Case{"stored_first_seen_is_ignored",
             WithStored(Readable({Undated("a")}),
                        Stored("2021-06-29", core::DateProvenance::kFirstSeen)),
             std::nullopt, kProblem, kVeto, "首页信息均无发布日期，视为未更新"},
        // The page shows only old items today, but the store saw a newer one before.
        Case{"stored_history_newer_than_page",
             WithStored(Readable({Dated("2021-05-01")}), Stored("2021-06-25")), std::nullopt,
             kOk, std::nullopt, ""},
        Case{"page_newer_than_history",
             WithStored(Readable({Dated("2021-06-25")}), Stored("2021-05-01")), std::nullopt,
             kOk, std::nullopt, ""},
        // 2021-06-13T17:00Z is 2021-06-14 01:00 in Beijing: the message shows the local date.
        Case{"date_shown_in_site_time_zone",
             Readable({core::Item{"t", "http://x/1", core::ParseIso8601("2021-06-13T17:00:00Z").value(),
                                  core::DateProvenance::kMetaPubdate, false}}),
             std::nullopt, kProblem, kVeto, "首页已 16 天未更新（最近更新 2021-06-14）"}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(HomepageFreshness, FindingCarriesEvidenceAndProvenance) {
  SourceState state = Readable({Dated("2021-06-14", false, core::DateProvenance::kMetaPubdate)});
  const CheckResult r = CheckHomepageFreshness(MakeSite(), config::Profile{}, state, kNow);
  ASSERT_EQ(r.findings.size(), 1u);
  const core::Finding& f = r.findings[0];
  EXPECT_EQ(f.target_id, "guyuan");
  EXPECT_EQ(f.unit_id, "gov_office");
  EXPECT_EQ(f.check, "homepage_freshness");
  EXPECT_EQ(f.subject, "");
  EXPECT_EQ(f.evidence_url, "http://www.nxgy.gov.cn/");
  ASSERT_TRUE(f.last_update.has_value());
  EXPECT_EQ(f.last_update->time, At("2021-06-14"));
  EXPECT_EQ(f.last_update->provenance, core::DateProvenance::kMetaPubdate);
}

TEST(HomepageFreshness, UnknownNotesTheReason) {
  const CheckResult r =
      CheckHomepageFreshness(MakeSite(), config::Profile{}, Unreadable("blocked"), kNow);
  EXPECT_EQ(r.status, core::CheckStatus::kUnknown);
  EXPECT_NE(r.note.find("blocked"), std::string::npos);
}

TEST(HomepageFreshness, WarnDaysZeroDisablesWarning) {
  config::Profile profile;
  profile.homepage_warn_days = 0;
  const CheckResult r =
      CheckHomepageFreshness(MakeSite(), profile, Readable({Dated("2021-06-18")}), kNow);
  EXPECT_EQ(r.status, core::CheckStatus::kOk);
}

TEST(HomepageFreshness, ProfileThresholdApplies) {
  config::Profile profile;
  profile.homepage_stale_days = 5;
  profile.homepage_warn_days = 3;
  const CheckResult r =
      CheckHomepageFreshness(MakeSite(), profile, Readable({Dated("2021-06-24")}), kNow);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].severity, core::Severity::kVeto);
}

}  // namespace
}  // namespace govwatch::checks
