#include "checks/site_aggregate.h"

#include <gtest/gtest.h>

#include "check_test_util.h"

namespace govwatch::checks {
namespace {

using K = core::ColumnKind;
using V = ColumnVerdict;

config::Site MakeSite() {
  config::Site site;
  site.id = "guyuan";
  site.unit = "gov_office";
  site.homepage = "http://www.nxgy.gov.cn/";
  return site;
}

// n columns of `kind` named prefix1..prefixN with the same verdict.
std::vector<ColumnOutcome> Many(int n, K kind, V verdict, const std::string& prefix) {
  std::vector<ColumnOutcome> out;
  for (int i = 1; i <= n; ++i) out.push_back({prefix + std::to_string(i), kind, verdict});
  return out;
}

std::vector<ColumnOutcome> Concat(std::vector<std::vector<ColumnOutcome>> parts) {
  std::vector<ColumnOutcome> out;
  for (auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

CheckResult Aggregate(const std::vector<ColumnOutcome>& columns,
                const config::Profile& profile = config::Profile{}) {
  return CheckSiteAggregate(MakeSite(), profile, columns);
}

TEST(SiteAggregate, FourStaleKeyColumnsIsOk) {
  const CheckResult r = Aggregate(Concat({Many(4, K::kNotice, V::kStale, "通知"),
                                    Many(20, K::kNews, V::kFresh, "动态")}));
  EXPECT_EQ(r.status, core::CheckStatus::kOk) << r.note;
  EXPECT_TRUE(r.findings.empty());
}

TEST(SiteAggregate, FiveStaleKeyColumnsIsVetoListingThem) {
  const CheckResult r = Aggregate(Concat({Many(2, K::kNews, V::kStale, "动态"),
                                    Many(1, K::kNotice, V::kStale, "通知公告"),
                                    Many(2, K::kPolicy, V::kStale, "政策"),
                                    Many(3, K::kPersonnel, V::kFresh, "人事")}));
  EXPECT_EQ(r.status, core::CheckStatus::kProblem);
  ASSERT_EQ(r.findings.size(), 1u);
  const core::Finding& f = r.findings[0];
  EXPECT_EQ(f.check, "site_stale_columns");
  EXPECT_EQ(f.subject, "key_columns");
  EXPECT_EQ(f.severity, core::Severity::kVeto);
  EXPECT_EQ(f.target_id, "guyuan");
  EXPECT_EQ(f.unit_id, "gov_office");
  EXPECT_EQ(f.evidence_url, "http://www.nxgy.gov.cn/");
  EXPECT_EQ(f.message,
            "网站有 5 个动态、通知公告、政策文件类栏目超过更新期限：动态1、动态2、通知公告1、政策1、政策2");
}

TEST(SiteAggregate, NineStaleColumnsOverallIsOkTenIsVeto) {
  const auto nine = Many(9, K::kPersonnel, V::kStale, "人事");
  EXPECT_EQ(Aggregate(nine).status, core::CheckStatus::kOk);

  const CheckResult r = Aggregate(Concat({nine, Many(1, K::kPlanning, V::kStale, "规划")}));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].subject, "all_columns");
  EXPECT_EQ(r.findings[0].message,
            "网站有 10 个栏目超过更新期限：人事1、人事2、人事3、人事4、人事5、人事6、人事7、人事8、"
            "人事9、规划1");
}

TEST(SiteAggregate, BothStaleRulesFireSeparately) {
  const CheckResult r = Aggregate(Concat({Many(5, K::kNews, V::kStale, "动态"),
                                    Many(5, K::kPersonnel, V::kStale, "人事")}));
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].subject, "key_columns");
  EXPECT_EQ(r.findings[1].subject, "all_columns");
}

TEST(SiteAggregate, BlankColumnsCountedSeparatelyFromStale) {
  EXPECT_EQ(Aggregate(Many(4, K::kOther, V::kBlank, "空白")).status, core::CheckStatus::kOk);
  const CheckResult r = Aggregate(Concat({Many(5, K::kNews, V::kBlank, "空白"),
                                    Many(4, K::kNews, V::kStale, "动态")}));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].check, "site_blank_columns");
  EXPECT_EQ(r.findings[0].subject, "");
  EXPECT_EQ(r.findings[0].message, "网站有 5 个空白栏目：空白1、空白2、空白3、空白4、空白5");
}

TEST(SiteAggregate, NoRuleColumnsNeverCount) {
  EXPECT_EQ(Aggregate(Many(30, K::kInteraction, V::kNoRule, "互动")).status, core::CheckStatus::kOk);
}

TEST(SiteAggregate, UnknownColumnsAreNotStale) {
  // 4 stale + 1 unknown key column: cannot be cleared, cannot be vetoed.
  const CheckResult r = Aggregate(Concat({Many(4, K::kNews, V::kStale, "动态"),
                                    Many(1, K::kNotice, V::kUnknown, "通知")}));
  EXPECT_EQ(r.status, core::CheckStatus::kUnknown);
  EXPECT_TRUE(r.findings.empty());
  // 1 stale + 1 unknown: clearly fine whatever the unknown one is.
  EXPECT_EQ(Aggregate(Concat({Many(1, K::kNews, V::kStale, "动态"),
                        Many(1, K::kNotice, V::kUnknown, "通知")}))
                .status,
            core::CheckStatus::kOk);
  // Every column unknown, as many as the veto needs: unknown, never a veto.
  const CheckResult all_unknown = Aggregate(Many(12, K::kNews, V::kUnknown, "动态"));
  EXPECT_EQ(all_unknown.status, core::CheckStatus::kUnknown);
  EXPECT_TRUE(all_unknown.findings.empty());
}

TEST(SiteAggregate, ProfileThresholds) {
  config::Profile profile;
  profile.stale_key_columns_veto = 2;
  profile.stale_columns_veto = 0;  // disabled
  profile.blank_columns_veto = 1;
  const CheckResult r = Aggregate(Concat({Many(2, K::kNews, V::kStale, "动态"),
                                    Many(1, K::kOther, V::kBlank, "空白")}),
                            profile);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].message, "网站有 2 个动态、通知公告、政策文件类栏目超过更新期限：动态1、动态2");
  EXPECT_EQ(r.findings[1].message, "网站有 1 个空白栏目：空白1");
  // With stale_columns_veto disabled, 40 stale personnel columns raise nothing.
  profile.blank_columns_veto = 0;
  EXPECT_TRUE(Aggregate(Many(40, K::kPersonnel, V::kStale, "人事"), profile).findings.empty());
}

TEST(SiteAggregate, KeyKinds) {
  EXPECT_TRUE(IsKeyColumnKind(K::kNews));
  EXPECT_TRUE(IsKeyColumnKind(K::kNotice));
  EXPECT_TRUE(IsKeyColumnKind(K::kPolicy));
  EXPECT_FALSE(IsKeyColumnKind(K::kInterpretation));
  EXPECT_FALSE(IsKeyColumnKind(K::kPersonnel));
}

}  // namespace
}  // namespace govwatch::checks
