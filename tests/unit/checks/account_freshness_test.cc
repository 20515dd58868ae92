#include "checks/account_freshness.h"

#include <gtest/gtest.h>

#include "check_test_util.h"

namespace govwatch::checks {
namespace {

using namespace testing;  // NOLINT: test helpers

config::Account MakeAccount(std::optional<int> stale_days = std::nullopt) {
  config::Account account;
  account.id = "gy_rs_wechat";
  account.name = "固原人社";
  account.platform = core::Platform::kWechat;
  account.unit = "hrss";
  account.source.url = "http://127.0.0.1:1200/wechat/gyrs";
  account.stale_days = stale_days;
  return account;
}

config::Profile Guyuan() {
  config::Profile profile;
  profile.id = "guyuan";
  profile.account_stale_days = 7;
  return profile;
}

struct Case {
  const char* name;
  config::Account account;
  config::Profile profile;
  SourceState state;
  core::CheckStatus status;
  std::optional<core::Severity> severity;
  const char* message;
};

// gtest prints a failing case by its name, not its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class AccountFreshnessTest : public ::testing::TestWithParam<Case> {};

TEST_P(AccountFreshnessTest, Verdict) {
  const Case& c = GetParam();
  const CheckResult r =
      CheckAccountFreshness(c.account, c.profile, c.state, kNow, core::TimeZone());
  EXPECT_EQ(r.status, c.status) << r.note;
  if (!c.severity) {
    EXPECT_TRUE(r.findings.empty());
    return;
  }
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].severity, *c.severity);
  EXPECT_EQ(r.findings[0].message, c.message);
}

const core::CheckStatus kOk = core::CheckStatus::kOk;
const core::CheckStatus kProblem = core::CheckStatus::kProblem;
const core::Severity kVeto = core::Severity::kVeto;
const core::Severity kWarning = core::Severity::kWarning;

SourceState WithStored(SourceState s, core::DatedTime stored) {
  s.stored_last_update = stored;
  return s;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AccountFreshnessTest,
    ::testing::Values(
        Case{"guyuan_nine_days_is_veto", MakeAccount(), Guyuan(),
             Readable({Dated("2021-06-21T09:00:00", false, core::DateProvenance::kFeedDate)}),
             kProblem, kVeto, "微信公众号「固原人社」已 9 天未更新（最近发布 2021-06-21）"},
        Case{"guyuan_exactly_7_days_is_ok", MakeAccount(), Guyuan(),
             Readable({Dated("2021-06-23T10:00:00")}), kOk, std::nullopt, ""},
        Case{"guyuan_8_days_is_veto", MakeAccount(), Guyuan(),
             Readable({Dated("2021-06-22T10:00:00")}), kProblem, kVeto,
             "微信公众号「固原人社」已 8 天未更新（最近发布 2021-06-22）"},
        Case{"national_nine_days_is_ok", MakeAccount(), config::Profile{},
             Readable({Dated("2021-06-21T09:00:00")}), kOk, std::nullopt, ""},
        Case{"national_10_days_is_warning", MakeAccount(), config::Profile{},
             Readable({Dated("2021-06-20T10:00:00")}), kProblem, kWarning,
             "微信公众号「固原人社」已 10 天未更新（最近发布 2021-06-20）"},
        Case{"national_14_days_is_warning", MakeAccount(), config::Profile{},
             Readable({Dated("2021-06-16T10:00:00")}), kProblem, kWarning,
             "微信公众号「固原人社」已 14 天未更新（最近发布 2021-06-16）"},
        Case{"national_15_days_is_veto", MakeAccount(), config::Profile{},
             Readable({Dated("2021-06-15T10:00:00")}), kProblem, kVeto,
             "微信公众号「固原人社」已 15 天未更新（最近发布 2021-06-15）"},
        Case{"account_override_beats_profile", MakeAccount(30), Guyuan(),
             Readable({Dated("2021-06-10")}), kProblem, kWarning,
             "微信公众号「固原人社」已 20 天未更新（最近发布 2021-06-10）"},
        // A pinned post dated yesterday does not hide 20 days of silence.
        Case{"pinned_posts_are_ignored", MakeAccount(), config::Profile{},
             Readable({Dated("2021-06-29", true), Dated("2021-06-10")}), kProblem, kVeto,
             "微信公众号「固原人社」已 20 天未更新（最近发布 2021-06-10）"},
        Case{"history_counts", MakeAccount(), Guyuan(),
             WithStored(Readable({Dated("2021-05-01")}), Stored("2021-06-28")), kOk,
             std::nullopt, ""},
        Case{"unreadable_is_unknown_never_stale", MakeAccount(), Guyuan(),
             WithStored(Unreadable("blocked"), Stored("2020-01-01")),
             core::CheckStatus::kUnknown, std::nullopt, ""},
        Case{"never_posted", MakeAccount(), Guyuan(), Readable({}), kProblem, kVeto,
             "微信公众号「固原人社」从未发布信息"},
        Case{"only_pinned_or_undated_posts", MakeAccount(), Guyuan(),
             Readable({Dated("2021-06-29", true), Undated("x")}), kProblem, kVeto,
             "微信公众号「固原人社」未发现带发布日期的非置顶信息，视为未更新"}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(AccountFreshness, FindingFieldsAndPlatformName) {
  config::Account account = MakeAccount();
  account.platform = core::Platform::kWeibo;
  account.name = "固原发布";
  const CheckResult r = CheckAccountFreshness(
      account, Guyuan(), Readable({Dated("2021-06-01", false, core::DateProvenance::kFeedDate)}),
      kNow, core::TimeZone());
  ASSERT_EQ(r.findings.size(), 1u);
  const core::Finding& f = r.findings[0];
  EXPECT_EQ(f.message, "新浪微博「固原发布」已 29 天未更新（最近发布 2021-06-01）");
  EXPECT_EQ(f.target_id, "gy_rs_wechat");
  EXPECT_EQ(f.unit_id, "hrss");
  EXPECT_EQ(f.check, "account_freshness");
  EXPECT_EQ(f.subject, "");
  EXPECT_EQ(f.evidence_url, "http://127.0.0.1:1200/wechat/gyrs");
  ASSERT_TRUE(f.last_update.has_value());
  EXPECT_EQ(f.last_update->provenance, core::DateProvenance::kFeedDate);
}

TEST(AccountFreshness, DateShownInGivenZone) {
  // 2021-06-20T20:00Z is 2021-06-21 04:00 in Beijing but still 06-20 in UTC; days are counted
  // between calendar dates of the zone, so the same post is 9 days old in Beijing, 10 in UTC.
  core::Item post{"p", "http://x/p", core::ParseIso8601("2021-06-20T20:00:00Z").value(),
                  core::DateProvenance::kFeedDate, false};
  const auto beijing =
      CheckAccountFreshness(MakeAccount(), Guyuan(), Readable({post}), kNow, core::TimeZone());
  const auto utc = CheckAccountFreshness(MakeAccount(), Guyuan(), Readable({post}), kNow,
                                         core::TimeZone::Fixed(std::chrono::seconds{0}, "UTC"));
  ASSERT_EQ(beijing.findings.size(), 1u);
  ASSERT_EQ(utc.findings.size(), 1u);
  EXPECT_EQ(beijing.findings[0].message, "微信公众号「固原人社」已 9 天未更新（最近发布 2021-06-21）");
  EXPECT_EQ(utc.findings[0].message, "微信公众号「固原人社」已 10 天未更新（最近发布 2021-06-20）");
}

}  // namespace
}  // namespace govwatch::checks
