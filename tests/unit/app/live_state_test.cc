// LiveState: the daemon's in-memory view fed by scheduler events, as /metrics and the API see it.
#include "app/live_state.h"

#include <gtest/gtest.h>

namespace govwatch::app {
namespace {

class LiveStateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config::Site site;
    site.id = "city";
    site.name = "某市人民政府";
    site.unit = "office";
    site.homepage = "http://city.example/";
    config::Column notice_column;
    notice_column.id = "notice";
    notice_column.name = "通知公告";
    notice_column.url = "http://city.example/tzgg/";
    notice_column.kind = core::ColumnKind::kNotice;
    site.columns.push_back(notice_column);
    config_.sites.push_back(site);
    live_.SetConfig(config_);
  }

  schedule::TargetOutcome Outcome(bool readable) {
    const auto& s = config_.sites[0];
    schedule::TargetOutcome o;
    o.target = {store::TargetKind::kColumn, "city/notice", &s, &s.columns[0], nullptr,
                s.columns[0].url};
    o.readable = readable;
    o.failure = readable ? "" : "timeout";
    o.probed_at = *core::ParseIso8601("2021-06-30T02:00:00Z");
    o.last_update = core::DatedTime{*core::ParseIso8601("2020-12-27T00:00:00Z"),
                                    core::DateProvenance::kListDate};
    return o;
  }

  schedule::TargetCheck Check(core::CheckStatus status, bool with_finding) {
    schedule::TargetCheck c;
    c.target_id = "city/notice";
    c.scope = {"column_freshness", "blank_column"};
    c.result.status = status;
    if (with_finding) {
      core::Finding f;
      f.target_id = "city/notice";
      f.unit_id = "office";
      f.check = "column_freshness";
      f.subject = "notice";
      f.severity = core::Severity::kDeduction;
      f.message = "栏目「通知公告」已 185 天未更新（最近更新 2020-12-27）";
      c.result.findings.push_back(f);
    }
    return c;
  }

  config::Config config_;
  metrics::Metrics metrics_{"test"};
  LiveState live_{metrics_};
};

TEST_F(LiveStateTest, TargetsComeFromTheConfigBeforeAnyProbe) {
  const auto targets = live_.Targets();
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0].id, "city");
  EXPECT_EQ(targets[0].kind, "homepage");
  EXPECT_EQ(targets[1].kind, "notice");
  EXPECT_FALSE(targets[1].last_probe.has_value());
}

TEST_F(LiveStateTest, AProblemOpensAFindingAndMarksTheTargetStale) {
  live_.OnTargetDone(Outcome(true), {Check(core::CheckStatus::kProblem, true)});
  EXPECT_EQ(live_.open_findings(), 1u);
  const std::string text = metrics_.Serialize();
  EXPECT_NE(text.find("govwatch_stale{target=\"city/notice\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("govwatch_target_info{kind=\"notice\",site=\"city\",target=\"city/notice\",unit=\"office\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("govwatch_open_findings{check=\"column_freshness\",severity=\"deduction\",site=\"city\"} 1"),
            std::string::npos);
  EXPECT_EQ(live_.Targets()[1].status, core::CheckStatus::kProblem);
  EXPECT_EQ(live_.Targets()[1].last_probe_outcome, "ok");
}

TEST_F(LiveStateTest, UnknownKeepsTheFindingAndOkResolvesIt) {
  live_.OnTargetDone(Outcome(true), {Check(core::CheckStatus::kProblem, true)});
  live_.OnTargetDone(Outcome(false), {Check(core::CheckStatus::kUnknown, false)});
  EXPECT_EQ(live_.open_findings(), 1u);
  EXPECT_EQ(live_.Targets()[1].last_probe_outcome, "timeout");
  live_.OnTargetDone(Outcome(true), {Check(core::CheckStatus::kOk, false)});
  EXPECT_EQ(live_.open_findings(), 0u);
  EXPECT_EQ(metrics_.Serialize().find("govwatch_open_findings{"), std::string::npos);
}

TEST_F(LiveStateTest, CountsPerSiteFollowEachRunWithoutDisturbingOthers) {
  live_.OnTargetDone(Outcome(true), {Check(core::CheckStatus::kProblem, true)});
  // The homepage's own problem adds to the site's counts under its check.
  schedule::TargetOutcome home = Outcome(true);
  home.target = {store::TargetKind::kSite, "city", &config_.sites[0], nullptr, nullptr,
                 config_.sites[0].homepage};
  schedule::TargetCheck check;
  check.target_id = "city";
  check.scope = {"homepage_freshness"};
  check.result.status = core::CheckStatus::kProblem;
  core::Finding f;
  f.target_id = "city";
  f.check = "homepage_freshness";
  f.severity = core::Severity::kVeto;
  f.message = "首页已 16 天未更新（最近更新 2021-06-14）";
  check.result.findings.push_back(f);
  live_.OnTargetDone(home, {check});
  std::string text = metrics_.Serialize();
  EXPECT_NE(text.find("govwatch_open_findings{check=\"homepage_freshness\",severity=\"veto\",site=\"city\"} 1"),
            std::string::npos) << text;
  EXPECT_NE(text.find("govwatch_open_findings{check=\"column_freshness\",severity=\"deduction\",site=\"city\"} 1"),
            std::string::npos) << text;
  // The same problem again changes nothing; the column recovering removes only its series.
  live_.OnTargetDone(Outcome(true), {Check(core::CheckStatus::kProblem, true)});
  live_.OnTargetDone(Outcome(true), {Check(core::CheckStatus::kOk, false)});
  text = metrics_.Serialize();
  EXPECT_EQ(text.find("check=\"column_freshness\""), std::string::npos) << text;
  EXPECT_NE(text.find("check=\"homepage_freshness\",severity=\"veto\",site=\"city\"} 1"),
            std::string::npos);
  EXPECT_EQ(live_.open_findings(), 1u);
}

TEST_F(LiveStateTest, ATargetLeavingTheConfigLosesItsSeriesAndFindings) {
  live_.OnTargetDone(Outcome(true), {Check(core::CheckStatus::kProblem, true)});
  config_.sites[0].columns.clear();
  live_.SetConfig(config_);
  EXPECT_EQ(live_.Targets().size(), 1u);
  EXPECT_EQ(live_.open_findings(), 0u);
  EXPECT_EQ(metrics_.Serialize().find("city/notice"), std::string::npos);
}

TEST_F(LiveStateTest, AReloadedConfigReplacesTheOldOneAndKeepsTheState) {
  live_.OnTargetDone(Outcome(true), {Check(core::CheckStatus::kProblem, true)});
  {
    // The daemon swaps its Config object before SetConfig: LiveState must not read the old one.
    config::Config next = config_;
    next.sites[0].unit = "bureau";
    next.sites[0].columns[0].name = "公示公告";
    next.sites[0].columns[0].kind = core::ColumnKind::kNews;
    config::Account account;
    account.id = "city-wx";
    account.name = "某市发布";
    account.unit = "office";
    account.platform = core::Platform::kWechat;
    account.source.url = "http://feeds.example/city-wx.xml";
    next.accounts.push_back(account);
    config_ = config::Config{};  // the old strings are gone
    config_ = std::move(next);
  }
  live_.SetConfig(config_);
  const auto targets = live_.Targets();
  ASSERT_EQ(targets.size(), 3u);
  EXPECT_EQ(targets[2].id, "city/notice");
  EXPECT_EQ(targets[2].name, "公示公告");
  EXPECT_EQ(targets[2].kind, "news");
  EXPECT_EQ(targets[2].unit, "bureau");
  EXPECT_EQ(targets[2].url, "http://city.example/tzgg/");
  EXPECT_EQ(targets[2].status, core::CheckStatus::kProblem);  // state kept across the reload
  EXPECT_EQ(targets[2].last_probe_outcome, "ok");
  EXPECT_EQ(targets[1].id, "city-wx");
  EXPECT_EQ(targets[1].kind, "account");
  EXPECT_EQ(targets[1].platform, "wechat");
  EXPECT_EQ(targets[1].site, "");
  EXPECT_FALSE(targets[1].last_probe.has_value());
  EXPECT_EQ(live_.open_findings(), 1u);
  // The next probe publishes the new labels on the info series, replacing the old ones.
  live_.OnTargetDone(Outcome(true), {Check(core::CheckStatus::kProblem, true)});
  const std::string text = metrics_.Serialize();
  EXPECT_NE(text.find("govwatch_target_info{kind=\"news\",site=\"city\",target=\"city/notice\",unit=\"bureau\"} 1"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("unit=\"office\""), std::string::npos) << text;
}

}  // namespace
}  // namespace govwatch::app
