#include "checks/column_freshness.h"

#include <gtest/gtest.h>

#include "check_test_util.h"

namespace govwatch::checks {
namespace {

using namespace testing;  // NOLINT: test helpers

config::Site MakeSite() {
  config::Site site;
  site.id = "guyuan";
  site.unit = "gov_office";
  site.homepage = "http://www.nxgy.gov.cn/";
  return site;
}

config::Column MakeColumn(core::ColumnKind kind, const std::string& name,
                          std::optional<int> stale_days = std::nullopt) {
  config::Column column;
  column.id = "col";
  column.name = name;
  column.url = "http://www.nxgy.gov.cn/col/";
  column.kind = kind;
  column.stale_days = stale_days;
  return column;
}

struct Case {
  const char* name;
  config::Column column;
  SourceState state;
  ColumnVerdict verdict;
  const char* check;    // of the one finding; "" when none
  const char* message;
};

// gtest prints a failing case by its name, not its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class ColumnFreshnessTest : public ::testing::TestWithParam<Case> {};

TEST_P(ColumnFreshnessTest, Verdict) {
  const Case& c = GetParam();
  const ColumnCheckResult r =
      CheckColumnFreshness(MakeSite(), c.column, config::Profile{}, c.state, kNow);
  EXPECT_EQ(r.verdict, c.verdict) << r.result.note;
  if (std::string(c.check).empty()) {
    EXPECT_TRUE(r.result.findings.empty());
    EXPECT_NE(r.result.status, core::CheckStatus::kProblem);
    return;
  }
  EXPECT_EQ(r.result.status, core::CheckStatus::kProblem);
  ASSERT_EQ(r.result.findings.size(), 1u);
  EXPECT_EQ(r.result.findings[0].check, c.check);
  EXPECT_EQ(r.result.findings[0].severity, core::Severity::kDeduction);
  EXPECT_EQ(r.result.findings[0].message, c.message);
}

SourceState WithHistory(SourceState s, core::DatedTime stored, std::int64_t ever_seen) {
  s.stored_last_update = stored;
  s.items_ever_seen = ever_seen;
  return s;
}

using K = core::ColumnKind;
const ColumnVerdict kStale = ColumnVerdict::kStale;
const ColumnVerdict kFresh = ColumnVerdict::kFresh;

INSTANTIATE_TEST_SUITE_P(
    Cases, ColumnFreshnessTest,
    ::testing::Values(
        Case{"notice_183_days", MakeColumn(K::kNotice, "通知公告"),
             Readable({Dated("2020-12-29"), Dated("2020-11-02")}), kStale, "column_freshness",
             "栏目「通知公告」已 183 天未更新（最近更新 2020-12-29）"},
        // 2021-01-01 → 2021-06-30 10:00 is 180 days: not more than 180.
        Case{"notice_exactly_180_days_is_fresh", MakeColumn(K::kNotice, "通知公告"),
             Readable({Dated("2021-01-01")}), kFresh, "", ""},
        Case{"notice_181_days_is_stale", MakeColumn(K::kNotice, "通知公告"),
             Readable({Dated("2020-12-31")}), kStale, "column_freshness",
             "栏目「通知公告」已 181 天未更新（最近更新 2020-12-31）"},
        Case{"news_14_days_is_fresh", MakeColumn(K::kNews, "工作动态"),
             Readable({Dated("2021-06-16")}), kFresh, "", ""},
        Case{"news_15_days_is_stale", MakeColumn(K::kNews, "工作动态"),
             Readable({Dated("2021-06-15")}), kStale, "column_freshness",
             "栏目「工作动态」已 15 天未更新（最近更新 2021-06-15）"},
        Case{"personnel_365_days_is_fresh", MakeColumn(K::kPersonnel, "人事信息"),
             Readable({Dated("2020-06-30T10:00:00")}), kFresh, "", ""},
        Case{"personnel_366_days_is_stale", MakeColumn(K::kPersonnel, "人事信息"),
             Readable({Dated("2020-06-29")}), kStale, "column_freshness",
             "栏目「人事信息」已 366 天未更新（最近更新 2020-06-29）"},
        Case{"column_override_shortens", MakeColumn(K::kNotice, "通知公告", 30),
             Readable({Dated("2021-05-01")}), kStale, "column_freshness",
             "栏目「通知公告」已 60 天未更新（最近更新 2021-05-01）"},
        Case{"column_override_gives_rule_to_other_kind", MakeColumn(K::kOther, "专题专栏", 90),
             Readable({Dated("2021-03-01")}), kStale, "column_freshness",
             "栏目「专题专栏」已 121 天未更新（最近更新 2021-03-01）"},
        Case{"kind_without_rule_is_ok", MakeColumn(K::kInteraction, "领导信箱"),
             Readable({Dated("2015-01-01")}), ColumnVerdict::kNoRule, "", ""},
        Case{"blank_column", MakeColumn(K::kPersonnel, "人事信息"), Readable({}),
             ColumnVerdict::kBlank, "blank_column", "栏目「人事信息」为空白栏目，从未发布信息"},
        Case{"blank_applies_to_kinds_without_rule", MakeColumn(K::kService, "办事指南"),
             Readable({}), ColumnVerdict::kBlank, "blank_column",
             "栏目「办事指南」为空白栏目，从未发布信息"},
        // Today's page is empty but the store saw items: not blank; its history decides.
        Case{"empty_page_with_history_is_not_blank", MakeColumn(K::kNotice, "通知公告"),
             WithHistory(Readable({}), Stored("2021-06-01"), 12), kFresh, "", ""},
        Case{"empty_page_with_old_history_is_stale", MakeColumn(K::kNews, "工作动态"),
             WithHistory(Readable({}), Stored("2021-05-01"), 12), kStale, "column_freshness",
             "栏目「工作动态」已 60 天未更新（最近更新 2021-05-01）"},
        // The list dropped its newest item; the store remembers it.
        Case{"history_survives_dropped_items", MakeColumn(K::kNews, "工作动态"),
             WithHistory(Readable({Dated("2021-01-01")}), Stored("2021-06-28"), 30), kFresh, "",
             ""},
        Case{"undated_items_are_stale", MakeColumn(K::kNews, "工作动态"),
             Readable({Undated("a")}), kStale, "column_freshness",
             "栏目「工作动态」的信息均无发布日期，视为未更新"},
        // An undated item first seen after the first observation is a genuine new item.
        Case{"stored_first_seen_counts_for_columns", MakeColumn(K::kNews, "工作动态"),
             WithHistory(Readable({Undated("a")}),
                         Stored("2021-06-29", core::DateProvenance::kFirstSeen), 3),
             kFresh, "", ""},
        Case{"unreadable_is_unknown", MakeColumn(K::kNews, "工作动态"),
             WithHistory(Unreadable("http_status 503"), Stored("2019-01-01"), 5),
             ColumnVerdict::kUnknown, "", ""},
        Case{"unreadable_blank_is_unknown", MakeColumn(K::kNews, "工作动态"),
             Unreadable("dns"), ColumnVerdict::kUnknown, "", ""}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(ColumnFreshness, FindingFields) {
  config::Column column = MakeColumn(K::kNotice, "通知公告");
  column.id = "tzgg";
  const ColumnCheckResult r = CheckColumnFreshness(
      MakeSite(), column, config::Profile{},
      Readable({Dated("2020-12-29", false, core::DateProvenance::kArticleDate)}), kNow);
  ASSERT_EQ(r.result.findings.size(), 1u);
  const core::Finding& f = r.result.findings[0];
  EXPECT_EQ(f.target_id, "guyuan/tzgg");
  EXPECT_EQ(f.unit_id, "gov_office");
  EXPECT_EQ(f.subject, "tzgg");
  EXPECT_EQ(f.evidence_url, "http://www.nxgy.gov.cn/col/");
  ASSERT_TRUE(f.last_update.has_value());
  EXPECT_EQ(f.last_update->provenance, core::DateProvenance::kArticleDate);
}

TEST(ColumnFreshness, ProfileMapDecidesKindsAndThresholds) {
  config::Profile profile;
  profile.column_stale_days = {{core::ColumnKind::kInteraction, 30}};
  const SourceState state = Readable({Dated("2021-05-01")});
  EXPECT_EQ(CheckColumnFreshness(MakeSite(), MakeColumn(K::kInteraction, "领导信箱"), profile,
                                 state, kNow)
                .verdict,
            ColumnVerdict::kStale);
  // News has no entry in this profile: no rule.
  EXPECT_EQ(
      CheckColumnFreshness(MakeSite(), MakeColumn(K::kNews, "动态"), profile, state, kNow).verdict,
      ColumnVerdict::kNoRule);
}

TEST(ColumnFreshness, UnknownNotesTheReason) {
  const ColumnCheckResult r = CheckColumnFreshness(
      MakeSite(), MakeColumn(K::kNews, "动态"), config::Profile{}, Unreadable("tls"), kNow);
  EXPECT_EQ(r.result.status, core::CheckStatus::kUnknown);
  EXPECT_NE(r.result.note.find("tls"), std::string::npos);
}

TEST(ColumnFreshness, TargetId) { EXPECT_EQ(ColumnTargetId("site", "col"), "site/col"); }

}  // namespace
}  // namespace govwatch::checks
