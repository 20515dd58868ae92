#include "checks/policy_interpretation.h"

#include <gtest/gtest.h>

namespace govwatch::checks {
namespace {

using State = InterpretationVerdict::State;

PolicyArticle Doc(std::string title, std::string number, const char* day,
                  core::ColumnKind kind = core::ColumnKind::kPolicy) {
  PolicyArticle a;
  a.target_id = "gy/zcwj";
  a.unit_id = "yj";
  a.column_kind = kind;
  a.url = "http://gy/" + number;
  a.title = std::move(title);
  a.doc_number = std::move(number);
  a.day = ParseCivilDate(day).value();
  return a;
}

PolicyArticle Interpretation(std::string title, std::string text, const char* day,
                             core::ColumnKind kind = core::ColumnKind::kInterpretation) {
  PolicyArticle a = Doc(std::move(title), "", day, kind);
  a.target_id = "gy/zcjd";
  a.url = "http://gy/j/" + std::string(day);
  a.text = std::move(text);
  return a;
}

class PolicyInterpretationTest : public ::testing::Test {
 protected:
  PolicyInterpretationResult Run(const std::vector<PolicyArticle>& articles,
                                 const char* today = "2021-06-30") {
    return CheckPolicyInterpretation(articles, profile_, calendar_,
                                     ParseCivilDate(today).value(), units_);
  }
  config::Profile profile_;
  WorkingDayCalendar calendar_;
  std::vector<config::Unit> units_ = {MakeUnit("yj", "市应急管理局")};
  static config::Unit MakeUnit(const char* id, const char* name) {
    config::Unit u;
    u.id = id;
    u.name = name;
    return u;
  }
};

TEST_F(PolicyInterpretationTest, MissingInterpretationIsAFindingWithTheDaysWaited) {
  const auto r = Run({Doc("固原市人民政府关于印发《固原市突发事件总体应急预案》的通知",
                          "固政规发〔2021〕3号", "2021-04-12")});
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].state, State::kMissing);
  EXPECT_EQ(r.documents[0].calendar_days, 79);
  ASSERT_EQ(r.result.findings.size(), 1u);
  const core::Finding& f = r.result.findings[0];
  EXPECT_EQ(f.check, "policy_interpretation");
  EXPECT_EQ(f.subject, "固政规发〔2021〕3号");
  EXPECT_EQ(f.unit_id, "yj");
  EXPECT_EQ(f.message,
            "固原市人民政府关于印发《固原市突发事件总体应急预案》的通知（固政规发〔2021〕3号，"
            "2021-04-12发布，责任单位市应急管理局）未发布政策解读，已 79 天（" +
                std::to_string(r.documents[0].working_days) +
                " 个工作日），超过 3 个工作日的期限");
}

TEST_F(PolicyInterpretationTest, MatchesByNumberOrQuotedTitleTolerantly) {
  const auto r = Run({
      Doc("关于印发《固原市优化营商环境若干措施》的通知", "固政办规发〔2021〕5号", "2021-06-01"),
      Doc("关于加强河湖管理的意见", "固政办规发〔2021〕7号", "2021-06-01"),
      Interpretation("一图读懂《固原市 优化营商环境若干措施》", "", "2021-06-03"),
      // Not in an interpretation column, but titled with 解读; names the number with [].
      Interpretation("河湖管理意见解读", "（固政办规发[2021]7号）", "2021-06-04",
                     core::ColumnKind::kNews),
  });
  ASSERT_EQ(r.documents.size(), 2u);
  EXPECT_EQ(r.documents[0].state, State::kInterpreted);
  EXPECT_EQ(r.documents[0].working_days, 2);
  EXPECT_EQ(r.documents[1].state, State::kInterpreted);
  EXPECT_EQ(r.documents[1].working_days, 3);  // exactly the limit is in time
  EXPECT_EQ(r.result.status, core::CheckStatus::kOk);
}

TEST_F(PolicyInterpretationTest, LateNotYetDueAndNotRequired) {
  const auto r = Run(
      {
          Doc("关于印发《取用水管理工作方案》的通知", "固政办规发〔2021〕2号", "2021-05-08"),
          Interpretation("《取用水管理工作方案》政策解读", "", "2021-05-20"),
          Doc("关于印发《防汛预案》的通知", "固政规发〔2021〕9号", "2021-06-28"),
          Doc("关于成立指挥部的通知", "固政发〔2021〕20号", "2021-04-01"),  // no 规
          Doc("规范性文件清理结果", "固政规发〔2021〕8号", "2021-04-01",
              core::ColumnKind::kNews),  // not a document column
      });
  ASSERT_EQ(r.documents.size(), 2u);
  EXPECT_EQ(r.documents[0].state, State::kLate);
  EXPECT_EQ(r.documents[0].working_days, 9);
  EXPECT_EQ(r.documents[1].state, State::kNotYetDue);  // 2 working days so far
  ASSERT_EQ(r.result.findings.size(), 1u);
  EXPECT_NE(r.result.findings[0].message.find("晚于文件 9 个工作日"), std::string::npos);
}

TEST_F(PolicyInterpretationTest, PatternsAreConfigurable) {
  profile_.interpretation_doc_number_patterns = {"^固政发"};
  EXPECT_TRUE(NeedsInterpretation("固政发〔2021〕20号", profile_));
  EXPECT_FALSE(NeedsInterpretation("固政规发〔2021〕3号", profile_));
  EXPECT_FALSE(NeedsInterpretation("", profile_));
}

}  // namespace
}  // namespace govwatch::checks
