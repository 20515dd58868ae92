#include <gtest/gtest.h>

#include "alert/render.h"
#include "alert/routing.h"
#include "config/loader.h"

namespace govwatch::alert {
namespace {

using namespace std::chrono_literals;

config::Config TestConfig() {
  config::Config c;
  c.units = {{"gy-rs", "固原市人力资源和社会保障局", "市本级", {}, {{"办公室", "rs@guyuan.example.gov.cn", ""}}},
             {"xj-gov", "西吉县人民政府办公室", "西吉县", {}, {}}};
  config::Account a;
  a.id = "gyrs-wechat";
  a.name = "固原人社";
  a.platform = core::Platform::kWechat;
  a.unit = "gy-rs";
  a.source.url = "http://127.0.0.1:1/feed.xml";
  c.accounts = {a};
  config::Channel office;
  office.name = "office-mail";
  office.to = {"gongkai@guyuan.example.gov.cn"};
  config::Channel robot;
  robot.name = "robot";
  robot.type = config::Channel::Type::kDingTalk;
  c.channels = {office, robot};
  config::Route everything;
  everything.channels = {"office-mail"};
  config::Route units;
  units.regions = {"市本级"};
  units.min_severity = core::Severity::kVeto;
  units.channels = {"office-mail", "robot"};
  units.unit_contacts = true;
  c.alerts.routes = {everything, units};
  c.alerts.status_url = "http://127.0.0.1:9816/";
  return c;
}

core::Finding Silent(core::Severity severity = core::Severity::kVeto) {
  core::Finding f;
  f.target_id = "gyrs-wechat";
  f.unit_id = "gy-rs";
  f.check = "account_freshness";
  f.severity = severity;
  f.message = "微信公众号「固原人社」已 9 天未更新（最近发布 2021-06-21）";
  f.evidence_url = "http://127.0.0.1:1/feed.xml";
  f.last_update = core::DatedTime{*core::ParseIso8601("2021-06-21T10:30:00+08:00"),
                                  core::DateProvenance::kFeedDate};
  return f;
}

TEST(Routing, AllMatchingRoutesApplyAndUnitContactsJoinEmail) {
  const config::Config c = TestConfig();
  const auto veto = RouteFinding(c, Silent());
  ASSERT_EQ(veto.size(), 2u);
  EXPECT_EQ(veto[0], (Recipient{"office-mail", {"gongkai@guyuan.example.gov.cn",
                                                "rs@guyuan.example.gov.cn"}}));
  EXPECT_EQ(veto[1], (Recipient{"robot", {}}));
  // A warning misses the veto-only route: the office alone.
  const auto warning = RouteFinding(c, Silent(core::Severity::kWarning));
  ASSERT_EQ(warning.size(), 1u);
  EXPECT_EQ(warning[0], (Recipient{"office-mail", {"gongkai@guyuan.example.gov.cn"}}));
}

TEST(Routing, RegionMustMatchTheUnitsRegion) {
  config::Config c = TestConfig();
  core::Finding f = Silent();
  f.unit_id = "xj-gov";
  EXPECT_EQ(RouteFinding(c, f).size(), 1u);
  EXPECT_TRUE(IsImmediate(f));
  f.severity = core::Severity::kDeduction;
  EXPECT_FALSE(IsImmediate(f));
}

TEST(Render, FiringNoticeSubjectAndEvidence) {
  const config::Config c = TestConfig();
  Alert a;
  a.finding = Silent();
  a.state = AlertState::kFiring;
  a.started_at = *core::ParseIso8601("2021-06-29T09:00:00+08:00");
  const Message m = RenderEvent(Event{EventKind::kFiring, a, 0}, c,
                                *core::ParseIso8601("2021-06-30T12:00:00+08:00"));
  EXPECT_EQ(m.subject, "【govwatch 单项否决】固原市人力资源和社会保障局：微信公众号「固原人社」已 9 天未更新");
  EXPECT_EQ(m.text,
            "固原市人力资源和社会保障局：\n\n"
            "监测发现以下问题（单项否决），请及时处理：\n\n"
            "问题：微信公众号「固原人社」已 9 天未更新（最近发布 2021-06-21）\n"
            "对象：微信公众号「固原人社」\n"
            "检查项：政务新媒体更新\n"
            "链接：http://127.0.0.1:1/feed.xml\n"
            "最近更新：2021-06-21 10:30（来源：订阅源日期）\n"
            "已持续：1 天 3 小时（自 2021-06-29 09:00 起）\n"
            "详情：http://127.0.0.1:9816/api/v1/findings?target=gyrs-wechat\n"
            "\n—— govwatch 政府网站与政务新媒体监测\n");
  EXPECT_NE(m.html.find("<a href=\"http://127.0.0.1:1/feed.xml\">"), std::string::npos);
}

TEST(Render, ReminderAndResolvedSubjects) {
  const config::Config c = TestConfig();
  Alert a;
  a.finding = Silent();
  a.started_at = *core::ParseIso8601("2021-06-29T09:00:00+08:00");
  a.resolved_at = *core::ParseIso8601("2021-06-30T09:00:00+08:00");
  const auto now = *core::ParseIso8601("2021-06-30T12:00:00+08:00");
  EXPECT_EQ(RenderEvent(Event{EventKind::kReminder, a, 2}, c, now).subject,
            "【govwatch 单项否决·第 2 次提醒】固原市人力资源和社会保障局：微信公众号「固原人社」已 9 天未更新");
  const Message resolved = RenderEvent(Event{EventKind::kResolved, a, 0}, c, now);
  EXPECT_EQ(resolved.subject, "【govwatch 已恢复】固原市人力资源和社会保障局：微信公众号「固原人社」已 9 天未更新");
  EXPECT_NE(resolved.text.find("持续时间：1 天（自 2021-06-29 09:00 起）"), std::string::npos)
      << resolved.text;
}

TEST(Render, TemplatesOverrideWithPlaceholders) {
  const config::Config c = TestConfig();
  Alert a;
  a.finding = Silent();
  a.started_at = *core::ParseIso8601("2021-06-29T09:00:00+08:00");
  Templates t;
  t.subject = "[{{severity}}] {{ target }} {{nope}}\n";
  t.body = "{{unit}} / {{check_name}} / {{last_update}} {{provenance}} <{{url}}>";
  const Message m = RenderEvent(Event{EventKind::kFiring, a, 0}, c,
                                *core::ParseIso8601("2021-06-30T12:00:00+08:00"), t);
  EXPECT_EQ(m.subject, "[单项否决] 微信公众号「固原人社」 ");
  EXPECT_EQ(m.text, "固原市人力资源和社会保障局 / 政务新媒体更新 / 2021-06-21 10:30 订阅源日期 "
                    "<http://127.0.0.1:1/feed.xml>");
  EXPECT_EQ(m.html, "<pre>固原市人力资源和社会保障局 / 政务新媒体更新 / 2021-06-21 10:30 "
                    "订阅源日期 &lt;http://127.0.0.1:1/feed.xml&gt;</pre>\n");
}

TEST(Render, DigestListsOpenAndResolved) {
  const config::Config c = TestConfig();
  Alert open;
  open.finding = Silent(core::Severity::kWarning);
  open.finding.message = "微信公众号「固原人社」已 5 天未更新（最近发布 2021-06-25）";
  open.started_at = *core::ParseIso8601("2021-06-30T09:00:00+08:00");
  Alert done = open;
  done.finding.check = "column_freshness";
  done.finding.message = "栏目「政务要闻」已 20 天未更新";
  done.resolved_at = *core::ParseIso8601("2021-07-01T08:00:00+08:00");
  const Message m = RenderDigest("gy-rs", "2021-07-01", {open}, {done}, c,
                                 *core::ParseIso8601("2021-07-01T09:00:00+08:00"));
  EXPECT_EQ(m.subject, "【govwatch 每日汇总】固原市人力资源和社会保障局 2021-07-01：未解决问题 1 个，已恢复 1 个");
  EXPECT_NE(m.text.find("1. 【预警】微信公众号「固原人社」：微信公众号「固原人社」已 5 天未更新（最近发布 "
                        "2021-06-25）（已持续 1 天）"),
            std::string::npos)
      << m.text;
  EXPECT_NE(m.text.find("已恢复的问题（1 个）："), std::string::npos);
}

TEST(Render, ExpandTemplateLeavesUnclosedBracesAlone) {
  EXPECT_EQ(ExpandTemplate("a {{x}} b {{y", {{"x", "1"}}), "a 1 b {{y");
}

}  // namespace
}  // namespace govwatch::alert
