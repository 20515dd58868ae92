// Message lists of interaction columns in the three auto-detected layouts (table with headed
// columns, labelled list rows, detail blocks) and with configured XPaths.
#include "extract/messages.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace govwatch::extract {
namespace {

std::string Data(const std::string& name) {
  std::ifstream in(std::string(GOVWATCH_SOURCE_DIR) + "/tests/data/links/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Context Ctx() {
  return Context{"http://www.nxgy.gov.cn/hdjl/szxx/index.html", core::TimeZone(),
                 core::ParseIso8601("2021-07-01T04:00:00Z").value()};
}

std::string Date(const std::optional<core::Timestamp>& t) {
  return t ? core::FormatDate(*t, std::chrono::hours{8}) : "none";
}

TEST(ExtractMessages, TableWithHeadedColumns) {
  auto r = ExtractMessages(Data("messages_table.html"), Ctx());
  ASSERT_TRUE(r.ok());
  const auto& m = r.value();
  ASSERT_EQ(m.size(), 6u);
  EXPECT_EQ(m[0].title, "关于小区供暖不达标的问题");
  EXPECT_EQ(m[0].url, "http://www.nxgy.gov.cn/hdjl/szxx/1001.html");
  EXPECT_EQ(Date(m[0].submitted_at), "2021-01-05");
  EXPECT_EQ(m[0].state, ReplyState::kUnanswered);
  EXPECT_EQ(Date(m[0].replied_at), "none");
  EXPECT_EQ(m[1].state, ReplyState::kReplied);
  EXPECT_EQ(Date(m[1].replied_at), "2021-03-15");
  EXPECT_EQ(m[2].state, ReplyState::kInProgress);
  EXPECT_EQ(Date(m[4].submitted_at), "2020-11-01");
  EXPECT_EQ(Date(m[4].replied_at), "2021-03-20");
}

TEST(ExtractMessages, ListRowsWithStateLabels) {
  auto r = ExtractMessages(Data("messages_list.html"), Ctx());
  ASSERT_TRUE(r.ok());
  const auto& m = r.value();
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].title, "反映村道路灯不亮");
  EXPECT_EQ(m[0].url, "http://www.nxgy.gov.cn/hdjl/szxx/detail.jsp?id=21");
  EXPECT_EQ(m[0].state, ReplyState::kUnanswered);
  EXPECT_EQ(Date(m[0].submitted_at), "2021-02-03");
  EXPECT_EQ(m[1].state, ReplyState::kReplied);
  EXPECT_EQ(Date(m[1].submitted_at), "2021-06-01");
  EXPECT_EQ(Date(m[1].replied_at), "2021-06-05");
  EXPECT_EQ(m[2].state, ReplyState::kInProgress);
}

TEST(ExtractMessages, DetailBlocksWithLabels) {
  auto r = ExtractMessages(Data("messages_detail.html"), Ctx());
  ASSERT_TRUE(r.ok());
  const auto& m = r.value();
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].title, "学校周边交通安全隐患");
  EXPECT_EQ(Date(m[0].submitted_at), "2021-02-14");
  EXPECT_EQ(m[0].state, ReplyState::kUnknown);  // "暂无回复" is no reply
  EXPECT_EQ(m[1].state, ReplyState::kReplied);
  EXPECT_EQ(Date(m[1].replied_at), "2021-05-08");
  EXPECT_EQ(m[2].state, ReplyState::kReplied);  // reply text without a date
  EXPECT_EQ(Date(m[2].replied_at), "none");
}

TEST(ExtractMessages, ConfiguredXPaths) {
  MessageSelectors sel;
  sel.item_xpath = "//table[@class='list']/tr[td]";
  sel.submitted_xpath = "td[3]";
  sel.replied_xpath = "td[4]";
  sel.state_xpath = "td[5]";
  auto r = ExtractMessages(Data("messages_table.html"), Ctx(), sel);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().size(), 6u);
  EXPECT_EQ(r.value()[3].title, "公交线路调整建议");
  EXPECT_EQ(Date(r.value()[3].submitted_at), "2021-06-20");
  EXPECT_EQ(r.value()[3].state, ReplyState::kUnanswered);
}

TEST(ExtractMessages, InvalidXPathIsAnError) {
  MessageSelectors sel;
  sel.item_xpath = "//tr[";
  EXPECT_FALSE(ExtractMessages("<table></table>", Ctx(), sel).ok());
}

TEST(ExtractMessages, OrdinaryPagesHaveNoMessages) {
  auto r = ExtractMessages(Data("article_normal.html"), Ctx());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().empty());
  EXPECT_TRUE(ExtractMessages("", Ctx()).value().empty());
}

}  // namespace
}  // namespace govwatch::extract
