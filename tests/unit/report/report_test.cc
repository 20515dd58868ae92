// BuildReport on hand-made store contents: the annexes name the checks the branches really store
// (checks/registry.h) in the reference notice's words, read annex 6 from the findings' labelled
// details, say 未检测 where nothing shows a check ran, and do not count source_error's
// per-platform pseudo target as an account.
#include "report/report.h"

#include <gtest/gtest.h>

#include "checks/registry.h"

namespace govwatch::report {
namespace {

core::Timestamp At(const char* text) { return core::ParseIso8601(text).value(); }

const core::Timestamp kSeen = At("2021-06-20T10:00:00+08:00");

store::StoredFinding Stored(std::string target, std::string check, std::string subject,
                            core::Severity severity, std::string message) {
  store::StoredFinding s;
  s.finding.target_id = std::move(target);
  s.finding.check = std::move(check);
  s.finding.subject = std::move(subject);
  s.finding.severity = severity;
  s.finding.message = std::move(message);
  s.first_seen_at = s.last_seen_at = kSeen;
  return s;
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& [id, name, region] :
         {std::tuple{"office", "市政府办", "市本级"}, std::tuple{"jr", "市国资委", "市本级"},
          std::tuple{"sf", "市司法局", "市本级"}, std::tuple{"xj", "西吉县人民政府", "西吉县"}}) {
      config::Unit u;
      u.id = id;
      u.name = name;
      u.region = region;
      config_.units.push_back(u);
    }
    config::Site site;
    site.id = "gy";
    site.name = "固原市人民政府";
    site.unit = "office";
    for (const auto& [id, name] : {std::pair{"zwyw", "政务要闻"}, std::pair{"czzj", "财政资金"}}) {
      config::Column c;
      c.id = id;
      c.name = name;
      c.kind = core::ColumnKind::kNews;
      site.columns.push_back(c);
    }
    config_.sites.push_back(site);
    site.id = "xj";
    site.name = "西吉县人民政府";
    site.unit = "xj";
    config_.sites.push_back(site);
    for (const auto& [id, name, platform, unit] :
         {std::tuple{"gyjr", "固原金融", core::Platform::kWechat, "jr"},
          std::tuple{"gysf", "固原司法行政", core::Platform::kWeibo, "sf"},
          std::tuple{"xjga", "西吉公安", core::Platform::kWeibo, "xj"}}) {
      config::Account a;
      a.id = id;
      a.name = name;
      a.platform = platform;
      a.unit = unit;
      config_.accounts.push_back(a);
    }
    input_.config = &config_;
    input_.period = ParsePeriod("2021Q2").value();
    input_.as_of = At("2021-06-30T10:00:00+08:00");
    input_.observed_targets = {"gy", "gy/zwyw", "gy/czzj", "xj", "gyjr", "gysf", "xjga"};
  }

  const Table& AnnexTable(const Report& r, int number) {
    return r.annexes.at(static_cast<size_t>(number - 1)).tables.at(0);
  }

  config::Config config_;
  ReportInput input_;
};

TEST_F(ReportTest, AnnexesUseTheRealChecksInTheNoticesWords) {
  using S = core::Severity;
  auto typo = Stored("gy/zwyw", checks::kTypo, "http://gy/zwyw/1.html#与时具进", S::kDeduction,
                     "错误：与时具进；建议：与时俱进；…");  // the message is never parsed
  typo.finding.evidence_url = "http://gy/zwyw/1.html";
  typo.finding.details = {{"wrong", "与时具进"}, {"suggestion", "与时俱进"},
                          {"position", "正文第2行第10字"}, {"snippet", "要【与时具进】"},
                          {"count", "2"}};
  // Stored by an older build without details: the term still shows, from the subject.
  auto severe = Stored("gyjr", checks::kSevereExpression, "https://mp/1#宁夏自治区", S::kVeto,
                       "错误：宁夏自治区；…");
  severe.finding.evidence_url = "https://mp/1";
  auto stale = Stored("gy/czzj", checks::kColumnFreshness, "czzj", S::kDeduction, "已 241 天");
  stale.finding.last_update = core::DatedTime{At("2020-11-01T00:00:00+08:00"),
                                              core::DateProvenance::kListDate};
  input_.findings = {
      typo,
      severe,
      stale,
      Stored("xj", checks::kBrokenLink, "http://xj/2.html", S::kDeduction, "错链：…"),
      Stored("gyjr", checks::kWechatMenu, "menu_service", S::kDeduction, "缺少网上办事"),
      Stored("gyjr", checks::kWechatMenu, "menu_interaction", S::kDeduction, "缺少互动交流"),
      Stored("gysf", checks::kAccountClosed, "", S::kDeduction, "发布停更公告"),
      Stored("xjga", checks::kWeiboProfileLink, "profile_link_dead", S::kDeduction, "链接无法访问"),
      Stored("gysf", checks::kAccountDuplicate, "", S::kInfo, "一个单位多个账号"),
      // One per platform, naming every unreadable account: not an account of annex 2.
      Stored("@weibo", checks::kSourceError, "", S::kWarning, "新浪微博 2 个账号采集异常"),
  };
  input_.crawled_sites = {"xj"};
  const Report r = BuildReport(input_).value();

  const Table& sites = AnnexTable(r, 1);
  ASSERT_EQ(sites.rows.size(), 2u);
  EXPECT_EQ(sites.rows[0], (std::vector<std::string>{
                               "市政府办（固原市人民政府）", "存在问题",
                               "存在错别字；财政资金等栏目半年未更新。"}));
  EXPECT_EQ(sites.rows[1][2], "存在错链。");

  const Table& accounts = AnnexTable(r, 2);
  ASSERT_EQ(accounts.rows.size(), 3u);  // source_error's @weibo and the info finding add none
  EXPECT_EQ(accounts.rows[0], (std::vector<std::string>{"1", "微信公众号", "固原金融", "市国资委",
                                                        "不合格",
                                                        "严重表述错误；底部无网上办事、无互动交流"}));
  EXPECT_EQ(accounts.rows[1][5], "公告关停但未注销");
  EXPECT_EQ(accounts.rows[1][4], "存在问题");
  EXPECT_EQ(accounts.rows[2][5], "主页添加政府网站链接无效");
  // Account content checks ran (a severe finding on an account); commercial links never did.
  EXPECT_NE(r.annexes[1].note.find("未检测项目：错别字、商业或违规链接"), std::string::npos)
      << r.annexes[1].note;
  EXPECT_NE(r.summary[0].find("“问题政务新媒体” 1 个"), std::string::npos) << r.summary[0];

  const Table& detail = AnnexTable(r, 5);
  auto state = [&detail](const std::string& unit, const std::string& item) {
    for (const auto& row : detail.rows) {
      if (row[0] == unit && row[1] == item) return row[2];
    }
    return std::string("(no row)");
  };
  EXPECT_EQ(state("西吉县人民政府", "错链"), "1 个问题");
  EXPECT_EQ(state("西吉县人民政府", "暗链"), "无问题");  // crawled: all four link checks ran
  EXPECT_EQ(state("市政府办（固原市人民政府）", "错链"), "未检测");  // not crawled
  EXPECT_EQ(state("市政府办（固原市人民政府）", "错别字"), "1 个问题");
  EXPECT_EQ(state("西吉县人民政府", "错别字"), "无问题");
  EXPECT_EQ(state("西吉县人民政府", "互动交流"), "未检测");
  EXPECT_EQ(state("西吉县人民政府", "严重错误表述"), "未检测");  // found on an account only

  const Table& typos = AnnexTable(r, 6);
  ASSERT_EQ(typos.rows.size(), 2u);
  EXPECT_EQ(typos.rows[0],
            (std::vector<std::string>{"1", "与时具进", "与时俱进",
                                      "固原市人民政府 > 政务要闻，正文第2行第10字，“要【与时具进】”（共2处）",
                                      "http://gy/zwyw/1.html"}));
  EXPECT_EQ(typos.rows[1], (std::vector<std::string>{"2", "宁夏自治区", "", "固原金融",
                                                     "https://mp/1"}));
}

TEST_F(ReportTest, ChecksWithoutFindingsAreNotChecked) {
  const Report r = BuildReport(input_).value();
  EXPECT_EQ(AnnexTable(r, 6).rows[0][1], "未检测（错别字与严重错误表述检查未部署）");
  ASSERT_GE(r.summary.size(), 2u);
  EXPECT_EQ(r.summary[1].rfind("未检测项目：政策解读、互动交流、错链、暗链、伪链、外链内容异常、错别字、"
                               "严重错误表述、敏感词、泄露个人信息、政务新媒体严重表述错误",
                               0),
            0u)
      << r.summary[1];
  EXPECT_EQ(AnnexTable(r, 2).rows[0][2], "未发现存在突出问题的政务新媒体");
}

}  // namespace
}  // namespace govwatch::report
