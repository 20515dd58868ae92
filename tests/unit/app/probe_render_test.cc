// How a probe pass is shown: exact table text for a small pass, and the helpers it uses.
#include "app/probe_render.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace govwatch::app {
namespace {

TEST(DisplayWidth, CountsCjkAsTwoColumns) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("通知公告"), 8u);
  EXPECT_EQ(DisplayWidth("首页（a）"), 9u);  // full-width brackets are wide too
  EXPECT_EQ(DisplayWidth(""), 0u);
}

TEST(ChineseNames, FailuresAndProvenance) {
  EXPECT_EQ(ChineseFailure("http_status", 404), "HTTP 状态码 404");
  EXPECT_EQ(ChineseFailure("blocked", 200), "被防火墙或验证码拦截");
  EXPECT_EQ(ChineseFailure("something_new", 0), "something_new");
  EXPECT_EQ(ChineseProvenance(core::DateProvenance::kListDate), "列表日期");
  EXPECT_EQ(ChineseProvenance(core::DateProvenance::kFirstSeen), "首次发现时间");
}

class RenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.units.push_back({"office", "某市人民政府办公室", "市本级", {}, {}});
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
    config::Account account;
    account.id = "wx";
    account.name = "某市发布";
    account.platform = core::Platform::kWechat;
    account.unit = "office";
    account.source.url = "http://rss.example/wx.xml";
    config_.accounts.push_back(account);

    const auto& s = config_.sites[0];
    schedule::TargetOutcome home;
    home.target = {store::TargetKind::kSite, "city", &s, nullptr, nullptr, s.homepage};
    home.readable = true;
    home.items.resize(3);
    home.last_update = core::DatedTime{*core::ParseIso8601("2021-06-29T02:00:00Z"),
                                       core::DateProvenance::kListDate};
    schedule::TargetOutcome notice;
    notice.target = {store::TargetKind::kColumn, "city/notice", &s, &s.columns[0], nullptr,
                     s.columns[0].url};
    notice.readable = false;
    notice.failure = "timeout";
    schedule::TargetOutcome wx;
    wx.target = {store::TargetKind::kAccount, "wx", nullptr, nullptr, &config_.accounts[0],
                 config_.accounts[0].source.url};
    wx.readable = true;
    wx.items.resize(1);
    wx.last_update = core::DatedTime{*core::ParseIso8601("2021-06-20T02:00:00Z"),
                                     core::DateProvenance::kFeedDate};
    pass_.outcomes = {home, notice, wx};
    core::Finding f;
    f.target_id = "wx";
    f.unit_id = "office";
    f.check = "account_freshness";
    f.severity = core::Severity::kVeto;
    f.message = "微信公众号「某市发布」已 10 天未更新（最近发布 2021-06-20）";
    f.evidence_url = "http://rss.example/wx.xml";
    f.last_update = wx.last_update;
    pass_.findings = {f};
    pass_.unknown_checks = 1;
  }

  config::Config config_;
  schedule::PassResult pass_;
  const core::Timestamp now_ = *core::ParseIso8601("2021-06-30T10:00:00+08:00");
};

TEST_F(RenderTest, TableIsExact) {
  EXPECT_EQ(RenderProbeTable(config_, pass_, now_, core::TimeZone()),
            "检查时间：2021-06-30 10:00（Asia/Shanghai）\n"
            "\n"
            "【政府网站】某市人民政府（city）  责任单位：某市人民政府办公室（市本级）\n"
            "  栏目          类型      状态      最近更新（日期来源）        本次读取条数\n"
            "  首页          首页      正常      2021-06-29（列表日期）      3\n"
            "  通知公告      通知公告  无法检测  访问超时\n"
            "\n"
            "【政务新媒体】某市发布（wx）  微信公众号  责任单位：某市人民政府办公室（市本级）\n"
            "  状态 单项否决  最近发布 2021-06-20（订阅源日期）  本次读取 1 条\n"
            "\n"
            "发现问题 1 个：\n"
            "  [单项否决] 某市人民政府办公室：微信公众号「某市发布」已 10 天未更新（最近发布 2021-06-20）\n"
            "      http://rss.example/wx.xml\n"
            "\n"
            "共检查政府网站 1 个（栏目 1 个）、政务新媒体 1 个；单项否决 1 个，扣分 0 个，预警 0 个；"
            "1 个页面无法访问，相关检查结果为“未知”。\n");
}

TEST_F(RenderTest, JsonCarriesTargetsFindingsAndSummary) {
  const auto root =
      boost::json::parse(RenderProbeJson(config_, pass_, now_, core::TimeZone())).as_object();
  EXPECT_EQ(root.at("now").as_string(), "2021-06-30T10:00:00+08:00");
  const auto& targets = root.at("targets").as_array();
  ASSERT_EQ(targets.size(), 3u);
  EXPECT_EQ(targets[0].at("last_update").as_string(), "2021-06-29T10:00:00+08:00");
  EXPECT_EQ(targets[0].at("days_since_update").as_int64(), 1);
  EXPECT_EQ(targets[1].at("failure").as_string(), "timeout");
  EXPECT_TRUE(targets[1].at("last_update").is_null());
  EXPECT_EQ(targets[2].at("platform").as_string(), "wechat");
  const auto& f = root.at("findings").as_array().at(0);
  EXPECT_EQ(f.at("severity").as_string(), "veto");
  EXPECT_EQ(f.at("provenance").as_string(), "feed_date");
  const auto& summary = root.at("summary").as_object();
  EXPECT_EQ(summary.at("veto").as_int64(), 1);
  EXPECT_EQ(summary.at("unreadable").as_int64(), 1);
  EXPECT_EQ(summary.at("unknown_checks").as_int64(), 1);
}

}  // namespace
}  // namespace govwatch::app
