// The bundled demo region end to end: the real govwatch binary probes the pages the real
// fixture server serves on loopback, and what it reports is what the demo promises.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "process.h"

namespace govwatch::e2e {
namespace {

namespace json = boost::json;

class DemoRegion : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new FixtureServerProcess(Source("tests/data/demo-region")); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  std::vector<std::string> Env() const {
    return {"GOVWATCH_DEMO_PORT=" + std::to_string(server_->port()),
            "GOVWATCH_DEMO_DB=" + dir_.path() + "/govwatch.db"};
  }

  CommandResult Probe(std::vector<std::string> extra) {
    std::vector<std::string> argv = {Binary("daemon/govwatch"), "probe", "-c",
                                     Source("config/demo.yaml")};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return RunCommand(argv, Env());
  }

  json::object ProbeJson(const std::string& target) {
    const CommandResult r = Probe({"--format", "json", target});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out).as_object();
  }

  static std::map<std::string, json::object> ByTarget(const json::object& root, const char* key) {
    std::map<std::string, json::object> out;
    for (const auto& v : root.at(key).as_array()) {
      const auto& o = v.as_object();
      std::string id(o.at(key == std::string("findings") ? "target" : "id").as_string());
      if (key == std::string("findings")) id += " " + std::string(o.at("check").as_string());
      out[id] = o;
    }
    return out;
  }

  static FixtureServerProcess* server_;
  TempDir dir_;
};

FixtureServerProcess* DemoRegion::server_ = nullptr;

TEST_F(DemoRegion, ConfigIsValid) {
  const CommandResult r = RunCommand({Binary("daemon/govwatch"), "check-config", Source("config/demo.yaml")}, Env());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "ok: 4 units, 3 sites, 15 columns, 6 accounts\n");
}

TEST_F(DemoRegion, ProbeFindsWhatTheDemoPromises) {
  const json::object root = ProbeJson("all");
  const auto targets = ByTarget(root, "targets");
  const auto findings = ByTarget(root, "findings");
  ASSERT_EQ(targets.size(), 24u);  // 3 homepages, 15 columns, 6 accounts

  // The account silent for 9 days breaks 固原's 7-day rule.
  ASSERT_TRUE(findings.contains("gyrs account_freshness"));
  EXPECT_EQ(findings.at("gyrs account_freshness").at("severity").as_string(), "veto");
  EXPECT_EQ(targets.at("gyrs").at("days_since_update").as_int64(), 9);
  EXPECT_FALSE(findings.contains("gyfb account_freshness"));
  EXPECT_FALSE(findings.contains("xjfb account_freshness"));
  EXPECT_FALSE(findings.contains("ldfb account_freshness"));

  // Accounts read through the platform APIs (issue 7). Weibo: posted yesterday, but the post
  // announces the closure and the profile links no government website.
  EXPECT_TRUE(targets.at("ldwb").at("readable").as_bool());
  EXPECT_FALSE(findings.contains("ldwb account_freshness"));
  ASSERT_TRUE(findings.contains("ldwb account_closed"));
  EXPECT_NE(std::string(findings.at("ldwb account_closed").at("message").as_string())
                .find("新浪微博「隆德发布」已于"),
            std::string::npos);
  EXPECT_TRUE(findings.contains("ldwb weibo_profile_link"));
  // WeChat: fresh, but the menu lacks 互动交流 and its 在线办事 entry is dead.
  EXPECT_TRUE(targets.at("xjzw").at("readable").as_bool());
  EXPECT_FALSE(findings.contains("xjzw account_freshness"));
  ASSERT_TRUE(findings.contains("xjzw wechat_menu"));
  int menu_findings = 0;
  for (const auto& v : root.at("findings").as_array()) {
    const auto& o = v.as_object();
    if (o.at("target").as_string() == "xjzw" && o.at("check").as_string() == "wechat_menu")
      ++menu_findings;
  }
  EXPECT_EQ(menu_findings, 2);  // missing 互动交流, dead 在线办事

  // 西吉 (Hanweb tables, served as GBK): homepage two weeks old → veto.
  ASSERT_TRUE(findings.contains("xiji homepage_freshness"));
  EXPECT_EQ(findings.at("xiji homepage_freshness").at("severity").as_string(), "veto");
  EXPECT_EQ(targets.at("xiji").at("items").as_int64(), 3);
  EXPECT_EQ(targets.at("xiji").at("provenance").as_string(), "list_date");
  // …and five stale news/notice/policy columns (one of them lists a single item) → site veto.
  ASSERT_TRUE(findings.contains("xiji site_stale_columns"));
  EXPECT_EQ(findings.at("xiji site_stale_columns").at("severity").as_string(), "veto");
  EXPECT_EQ(targets.at("xiji/gsgg").at("items").as_int64(), 1);
  EXPECT_TRUE(findings.contains("xiji/gsgg column_freshness"));

  // 固原 (TRS): stale notices and personnel, a blank planning column; the rest is fresh.
  EXPECT_NE(std::string(findings.at("guyuan/tzgg column_freshness").at("message").as_string())
                .find("栏目「通知公告」已 200 天未更新"),
            std::string::npos);
  EXPECT_TRUE(findings.contains("guyuan/rsxx column_freshness"));
  EXPECT_TRUE(findings.contains("guyuan/ghjh blank_column"));
  EXPECT_FALSE(findings.contains("guyuan homepage_freshness"));
  EXPECT_FALSE(findings.contains("guyuan/zwyw column_freshness"));
  EXPECT_EQ(targets.at("guyuan/zwyw").at("items").as_int64(), 5);

  // 隆德: a WAF page and a 404 are unknown, never stale.
  EXPECT_FALSE(targets.at("longde/tzgg").at("readable").as_bool());
  EXPECT_EQ(targets.at("longde/tzgg").at("failure").as_string(), "blocked");
  EXPECT_FALSE(targets.at("longde/hdjl").at("readable").as_bool());
  EXPECT_EQ(targets.at("longde/hdjl").at("failure").as_string(), "http_status");
  EXPECT_EQ(targets.at("longde/hdjl").at("http_status").as_int64(), 404);
  EXPECT_FALSE(findings.contains("longde/tzgg column_freshness"));
  EXPECT_FALSE(findings.contains("longde/hdjl column_freshness"));
  // A young column with one interpretation is neither blank nor stale.
  EXPECT_EQ(targets.at("longde/zcjd").at("items").as_int64(), 1);
  EXPECT_FALSE(findings.contains("longde/zcjd blank_column"));
  EXPECT_FALSE(findings.contains("longde/zcjd column_freshness"));
  EXPECT_GE(root.at("summary").at("unknown_checks").as_int64(), 2);

  // 固原's 市长信箱 (interaction): of five messages, only the one unanswered for 120 days within
  // the year is 互动回应差 — not the one 12 days old, the replied ones, nor the one 400 days old.
  EXPECT_EQ(targets.at("guyuan/hdjl").at("items").as_int64(), 5);
  int interaction = 0;
  for (const auto& v : root.at("findings").as_array()) {
    const auto& o = v.as_object();
    if (o.at("check").as_string() != "interaction_response") continue;
    ++interaction;
    EXPECT_EQ(o.at("target").as_string(), "guyuan/hdjl");
    EXPECT_EQ(o.at("severity").as_string(), "veto");
    EXPECT_NE(std::string(o.at("message").as_string())
                  .find("“市长信箱”栏目留言“反映开城镇小区供暖不达标的问题”"),
              std::string::npos);
    EXPECT_NE(std::string(o.at("message").as_string()).find("至今已 120 天未回复（未回复）"),
              std::string::npos);
    EXPECT_TRUE(
        std::string(o.at("subject").as_string()).ends_with("/gy/hdjl/202604/m_1021.html"));
  }
  EXPECT_EQ(interaction, 1);
  // The 404 interaction column of 隆德 cannot be read: unknown, no finding.
  EXPECT_FALSE(findings.contains("longde/hdjl interaction_response"));
}

// Every byte of the files in `dir` (the database and its journal files).
std::string ReadDirectory(const std::string& dir) {
  std::string all;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return all;
}

TEST_F(DemoRegion, ProbeChecksTheContentOfNewArticles) {
  const json::object root = ProbeJson("all");
  // 政务要闻's article of two days ago (gy/zwyw/202111/t1_2.html): a typo, a wrong region name
  // and a citizen's ID number. Nothing else in the region's pages and posts is a content problem.
  const std::string url =
      "http://127.0.0.1:" + std::to_string(server_->port()) + "/gy/zwyw/202111/t1_2.html";
  std::map<std::string, json::object> content;
  for (const auto& v : root.at("findings").as_array()) {
    const auto& o = v.as_object();
    const std::string check(o.at("check").as_string());
    if (check == "typo" || check == "severe_expression" || check == "sensitive_word" ||
        check == "personal_data") {
      EXPECT_EQ(o.at("target").as_string(), "guyuan/zwyw");
      content[check + " " + std::string(o.at("subject").as_string())] = o;
    }
  }
  ASSERT_EQ(content.size(), 3u);
  const auto& typo = content.at("typo " + url + "#布署");
  EXPECT_EQ(typo.at("severity").as_string(), "deduction");
  EXPECT_NE(std::string(typo.at("message").as_string()).find("错误：布署；建议：部署；类别：错别字"),
            std::string::npos);
  const auto& severe = content.at("severe_expression " + url + "#宁夏自治区");
  EXPECT_EQ(severe.at("severity").as_string(), "veto");
  EXPECT_NE(std::string(severe.at("message").as_string()).find("建议：宁夏回族自治区"),
            std::string::npos);
  const auto& id = content.at("personal_data " + url + "#640402********0014");
  EXPECT_EQ(id.at("severity").as_string(), "veto");
  EXPECT_EQ(id.at("evidence_url").as_string(), url);

  // The full number is nowhere: not in the output, not in the database (findings, article text).
  const CommandResult table = Probe({"all"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("错误：640402********0014；建议：删除或隐去该号码；类别：身份证号码"),
            std::string::npos)
      << table.out;
  const std::string full = "640402198703150014";
  EXPECT_EQ(json::serialize(root).find(full), std::string::npos);
  EXPECT_EQ(table.out.find(full), std::string::npos);
  EXPECT_EQ(table.err.find(full), std::string::npos);
  EXPECT_EQ(ReadDirectory(dir_.path()).find(full), std::string::npos);
}

TEST_F(DemoRegion, TableIsChineseAndNamesTheProblems) {
  const CommandResult r = Probe({"all"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* expected : {"【政府网站】固原市人民政府（guyuan）", "【政务新媒体】固原人社（gyrs）",
                               "[单项否决] 固原市人力资源和社会保障局：微信公众号「固原人社」已 9 天未更新",
                               "[单项否决] 西吉县人民政府：首页已 16 天未更新", "被防火墙或验证码拦截",
                               "HTTP 状态码 404", "共检查政府网站 3 个（栏目 15 个）、政务新媒体 6 个", "底部菜单缺少“互动交流”入口"}) {
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected << "\n" << r.out;
  }
}

TEST_F(DemoRegion, ASecondPassKeepsHistoryAndFindings) {
  const json::object first = ProbeJson("guyuan");
  const json::object second = ProbeJson("guyuan");
  EXPECT_EQ(first.at("findings").as_array().size(), second.at("findings").as_array().size());
  EXPECT_EQ(ByTarget(second, "targets").at("guyuan/zwyw").at("items_ever_seen").as_int64(), 5);
}

TEST_F(DemoRegion, ExtractReadsAPageByUrlThroughTheFetcher) {
  const std::string url = "http://127.0.0.1:" + std::to_string(server_->port()) + "/xj/gzdt.gbk.html";
  const CommandResult r = RunCommand({Binary("daemon/govwatch"), "extract", "--kind", "list", url});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto root = json::parse(r.out).as_object();
  ASSERT_EQ(root.at("items").as_array().size(), 3u);
  // GBK bytes on the wire, UTF-8 in the output.
  EXPECT_EQ(root.at("items").as_array()[0].at("title").as_string(), "西吉县召开县委常委会议");
}

TEST_F(DemoRegion, UnknownTargetsAndBadOptionsAreClearErrors) {
  CommandResult r = Probe({"nosuchsite"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("unknown target 'nosuchsite'"), std::string::npos) << r.err;
  r = Probe({"--format", "xml", "all"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--format: expected table or json"), std::string::npos) << r.err;
  r = RunCommand({Binary("daemon/govwatch"), "probe", "all"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing -c FILE"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace govwatch::e2e
