// 互动回应差 over the fixture message lists: unanswered > 90 days within 365 days are vetoes;
// recent, replied-in-time and too-old messages are not.
#include "checks/interaction_response.h"

#include "links_fixture.h"

namespace govwatch::checks {
namespace {

using testlinks::Data;

core::Timestamp Now() { return core::ParseIso8601("2021-07-01T04:00:00Z").value(); }

config::Site Site() {
  config::Site s;
  s.id = "nxgy";
  s.name = "固原市人民政府";
  s.unit = "gy-gov";
  return s;
}

config::Column Column() {
  config::Column c;
  c.id = "szxx";
  c.name = "市长信箱";
  c.url = "http://www.nxgy.gov.cn/hdjl/szxx/index.html";
  c.kind = core::ColumnKind::kInteraction;
  return c;
}

std::vector<extract::Message> Read(const char* file) {
  return extract::ExtractMessages(Data(file), extract::Context{Column().url, core::TimeZone(), Now()})
      .value();
}

TEST(CheckInteractionResponse, TableLayout) {
  const CheckResult r =
      CheckInteractionResponse(Site(), Column(), config::Profile{}, Read("messages_table.html"), Now());
  ASSERT_EQ(r.status, core::CheckStatus::kProblem);
  // 1001 (177 days unanswered), 1003 (150 days 办理中), 1005 (replied after 139 days).
  // Not: 1002 (replied in 5 days), 1004 (11 days old), 0900 (outside the 365-day window).
  ASSERT_EQ(r.findings.size(), 3u);
  EXPECT_EQ(r.findings[0].message,
            "固原市人民政府“市长信箱”栏目留言“关于小区供暖不达标的问题”（2021-01-05 提交）至今已 177 "
            "天未回复（未回复），超过 90 天，互动回应差");
  EXPECT_EQ(r.findings[0].severity, core::Severity::kVeto);
  EXPECT_EQ(r.findings[0].check, "interaction_response");
  EXPECT_EQ(r.findings[0].target_id, "nxgy/szxx");
  EXPECT_EQ(r.findings[0].evidence_url, "http://www.nxgy.gov.cn/hdjl/szxx/1001.html");
  EXPECT_NE(r.findings[1].message.find("150 天未回复（办理中）"), std::string::npos);
  // Each message is its own finding key (the store rejects repeated keys).
  EXPECT_EQ(r.findings[0].subject, "http://www.nxgy.gov.cn/hdjl/szxx/1001.html");
  EXPECT_EQ(r.findings[1].subject, "http://www.nxgy.gov.cn/hdjl/szxx/1003.html");
  EXPECT_NE(r.findings[2].message.find("于 2021-03-20 才回复，等待 139 天"), std::string::npos)
      << r.findings[2].message;
}

TEST(CheckInteractionResponse, ListAndDetailLayouts) {
  const CheckResult list =
      CheckInteractionResponse(Site(), Column(), config::Profile{}, Read("messages_list.html"), Now());
  ASSERT_EQ(list.findings.size(), 1u);
  EXPECT_NE(list.findings[0].message.find("反映村道路灯不亮"), std::string::npos);
  const CheckResult detail = CheckInteractionResponse(Site(), Column(), config::Profile{},
                                                      Read("messages_detail.html"), Now());
  ASSERT_EQ(detail.findings.size(), 1u);
  EXPECT_NE(detail.findings[0].message.find("学校周边交通安全隐患"), std::string::npos);
}

TEST(CheckInteractionResponse, ProfileThresholdsAndUnreadableColumn) {
  config::Profile lenient;
  lenient.interaction_unanswered_days = 200;
  EXPECT_EQ(CheckInteractionResponse(Site(), Column(), lenient, Read("messages_table.html"), Now())
                .status,
            core::CheckStatus::kOk);
  EXPECT_EQ(CheckInteractionResponse(Site(), Column(), config::Profile{}, {}, Now()).status,
            core::CheckStatus::kUnknown);
  // Exactly 90 days is not yet late.
  extract::Message m;
  m.title = "边界";
  m.submitted_at = core::ParseIso8601("2021-04-02T02:00:00Z").value();
  m.state = extract::ReplyState::kUnanswered;
  EXPECT_EQ(CheckInteractionResponse(Site(), Column(), config::Profile{}, {m}, Now()).status,
            core::CheckStatus::kOk);
}

}  // namespace
}  // namespace govwatch::checks

// The two config keys of interaction columns are read by config/loader.cc.
#include "config/loader.h"

namespace govwatch::checks {
namespace {

TEST(InteractionConfig, ReplyXPathsAreLoaded) {
  const config::LoadResult r = config::LoadConfigString(R"(
units:
  - {id: gy, name: 固原市人民政府办公室, region: 市本级}
sites:
  - id: portal
    name: 固原市人民政府
    unit: gy
    homepage: http://www.guyuan.example.gov.cn/
    columns:
      - id: szxx
        name: 市长信箱
        url: http://www.guyuan.example.gov.cn/szxx/
        kind: interaction
        item_xpath: //table[@class='list']/tr[td]
        date_xpath: td[3]
        reply_date_xpath: td[4]
        reply_state_xpath: td[5]
)", "test.yaml", [](const std::string&) { return std::optional<std::string>(); });
  ASSERT_TRUE(r.config.has_value()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
  const config::Column& c = r.config->sites.at(0).columns.at(0);
  EXPECT_EQ(c.reply_date_xpath, "td[4]");
  EXPECT_EQ(c.reply_state_xpath, "td[5]");
}

}  // namespace
}  // namespace govwatch::checks
