// govwatch report end to end: the real binary probes the report fixture region
// (tests/data/report-region, fixed 2021 Q2 dates) through the real poller and article stage
// (content checks with the shipped lexicon, policy interpretation), crawls one of its sites for
// broken links (`govwatch crawl`), then writes the 2021Q2 report. HTML and CSV are pinned by
// golden files under tests/golden/report/ (regenerate with GOVWATCH_UPDATE_GOLDEN=1 and review
// the diff; the fixture server's port is written as PORT); the XLSX is read back with
// tests/e2e/xlsx_dump.py and compared cell by cell with the CSVs. The daemon's own cycle is
// tested too: its policy-interpretation and content findings become alerts.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "process.h"

namespace govwatch::e2e {
namespace {

namespace json = boost::json;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// RFC 4180 rows of a CSV document (BOM stripped).
std::vector<std::vector<std::string>> ParseCsv(std::string text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      ++i;
    } else {
      field += c;
    }
  }
  return rows;
}

class ReportRegion : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<FixtureServerProcess>(Source("tests/data/report-region"));
    const CommandResult probe =
        RunCommand({Binary("daemon/govwatch"), "probe", "-c", Config(), "--now",
                    "2021-06-30T10:00:00+08:00", "all"},
                   Env());
    ASSERT_EQ(probe.exit_code, 0) << probe.err;
    const CommandResult crawl =
        RunCommand({Binary("daemon/govwatch"), "crawl", "-c", Config(), "--now",
                    "2021-06-30T10:30:00+08:00", "xiji"},
                   Env());
    ASSERT_EQ(crawl.exit_code, 0) << crawl.err;
  }

  std::string Config() const { return Source("tests/data/report-region/govwatch.yaml"); }
  std::vector<std::string> Env() const {
    return {"GOVWATCH_REPORT_PORT=" + std::to_string(server_->port()),
            "GOVWATCH_REPORT_DB=" + dir_.path() + "/db/govwatch.db",
            "GOVWATCH_LEXICON_DIR=" + Source("config/lexicon")};
  }
  CommandResult Report(std::vector<std::string> extra) {
    std::vector<std::string> argv = {Binary("daemon/govwatch"), "report", "-c", Config(),
                                     "--period", "2021Q2", "--now", "2021-07-08T09:00:00+08:00",
                                     "--out", out()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return RunCommand(argv, Env());
  }
  std::string out() const { return dir_.path() + "/out"; }

  TempDir dir_;
  std::unique_ptr<FixtureServerProcess> server_;
};

const char* const kFiles[] = {"report.html",           "annex1-sites.csv",
                              "annex2-accounts.csv",   "annex3-disclosure.csv",
                              "annex4-interpretation.csv", "annex5-site-detail.csv",
                              "annex6-typos.csv"};

TEST_F(ReportRegion, HtmlAndCsvMatchTheGoldenFiles) {
  const CommandResult r = Report({});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const bool update = std::getenv("GOVWATCH_UPDATE_GOLDEN") != nullptr;
  for (const char* name : kFiles) {
    std::string got = ReadAll(out() + "/" + name);
    ASSERT_FALSE(got.empty()) << name;
    // Evidence URLs name the fixture server; its port is the only part that varies.
    const std::string host = "127.0.0.1:" + std::to_string(server_->port());
    for (auto at = got.find(host); at != std::string::npos; at = got.find(host, at)) {
      got.replace(at, host.size(), "127.0.0.1:PORT");
    }
    const std::string golden = Source("tests/golden/report/") + name;
    if (update) std::ofstream(golden, std::ios::binary) << got;
    EXPECT_EQ(got, ReadAll(golden)) << name << ": regenerate with GOVWATCH_UPDATE_GOLDEN=1 "
                                    << "and review the diff";
  }
}

TEST_F(ReportRegion, ReproducesTheNoticesFindings) {
  ASSERT_EQ(Report({"--format", "csv"}).exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(out() + "/report.html"));
  const auto interpretation = ParseCsv(ReadAll(out() + "/annex4-interpretation.csv"));
  // Title, header, three documents, note, generation time.
  ASSERT_EQ(interpretation.size(), 7u);
  EXPECT_EQ(interpretation[2][2], "固政规发〔2021〕3号");
  EXPECT_EQ(interpretation[2][3], "市应急管理局");  // 来源 "市应急局" through the alias
  EXPECT_EQ(interpretation[3][2], "固政办规发〔2021〕2号");  // interpreted after 9 working days
  EXPECT_EQ(interpretation[4][2], "固政规发〔2021〕6号");
  const std::string disclosure = ReadAll(out() + "/annex3-disclosure.csv");
  // 市应急局, 应急管理局 and 市应急管理局 are one unit; 市场监管局 is not configured.
  EXPECT_NE(disclosure.find("安全生产,4,市应急管理局 3、市场监管局 1"), std::string::npos);
  EXPECT_NE(disclosure.find("基本医疗卫生,0,本期未更新"), std::string::npos);
  const std::string summary = ReadAll(out() + "/annex5-site-detail.csv");
  EXPECT_NE(summary.find("严重错误表述,未检测"), std::string::npos);
  // One finding of each branch: content (annex 6), accounts (annex 2), links (annexes 1 and 5).
  const auto typos = ParseCsv(ReadAll(out() + "/annex6-typos.csv"));
  ASSERT_GE(typos.size(), 3u);
  EXPECT_EQ(typos[2][1], "与时具进");
  EXPECT_EQ(typos[2][2], "与时俱进");
  EXPECT_EQ(typos[2][3].rfind("固原市人民政府 > 政务要闻，正文第2行第10字，", 0), 0u) << typos[2][3];
  const std::string accounts = ReadAll(out() + "/annex2-accounts.csv");
  EXPECT_NE(accounts.find("固原司法行政,市司法局,不合格,"), std::string::npos) << accounts;
  EXPECT_NE(accounts.find("公告关停但未注销"), std::string::npos) << accounts;
  const auto sites = ParseCsv(ReadAll(out() + "/annex1-sites.csv"));
  ASSERT_GE(sites.size(), 5u);
  EXPECT_EQ(sites[4][0], "西吉县人民政府");
  EXPECT_NE(sites[4][2].find("存在错链"), std::string::npos) << sites[4][2];
  EXPECT_NE(summary.find("西吉县人民政府,错链,2 个问题"), std::string::npos);
  EXPECT_NE(summary.find("原州区人民政府,错链,未检测"), std::string::npos);  // not crawled
}

TEST_F(ReportRegion, XlsxHoldsTheSameCellsAsTheCsv) {
  ASSERT_EQ(Report({"--format", "csv,xlsx"}).exit_code, 0);
  const CommandResult dump =
      RunCommand({"/usr/bin/python3", Source("tests/e2e/xlsx_dump.py"), out() + "/report.xlsx"});
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  const json::array sheets = json::parse(dump.out).at("sheets").as_array();
  ASSERT_EQ(sheets.size(), 7u);  // summary + six annexes
  EXPECT_EQ(sheets[0].at("name").as_string(), "总体情况");
  for (int annex = 1; annex <= 6; ++annex) {
    const json::object& sheet = sheets[static_cast<size_t>(annex)].as_object();
    EXPECT_EQ(sheet.at("name").as_string(), "附件 " + std::to_string(annex));
    const std::string csv_name = std::string(kFiles[annex]);
    auto csv = ParseCsv(ReadAll(out() + "/" + csv_name));
    csv.pop_back();  // the generation-time line is printed once, on the summary sheet
    const json::array& rows = sheet.at("rows").as_array();
    ASSERT_EQ(rows.size(), csv.size()) << csv_name;
    for (size_t r = 0; r < csv.size(); ++r) {
      const json::array& cells = rows[r].as_array();
      auto expected = csv[r];
      while (!expected.empty() && expected.back().empty()) expected.pop_back();
      ASSERT_EQ(cells.size(), expected.size()) << csv_name << " row " << r;
      for (size_t c = 0; c < expected.size(); ++c) {
        EXPECT_EQ(cells[c].as_string(), expected[c]) << csv_name << " row " << r << " col " << c;
      }
    }
  }
}

TEST_F(ReportRegion, RegionLimitsTheReport) {
  ASSERT_EQ(Report({"--format", "csv", "--region", "原州区"}).exit_code, 0);
  const auto sites = ParseCsv(ReadAll(out() + "/annex1-sites.csv"));
  ASSERT_EQ(sites.size(), 5u);  // title, header, one site, note, generation time
  EXPECT_EQ(sites[2][0], "原州区人民政府");
  EXPECT_EQ(sites[2][1], "不合格");
}

// The daemon's cycle (`govwatch run --once`, the real clock: every 2021 deadline has passed)
// stores the 应解读未解读 and content findings after the article stage, and they become alerts
// that `govwatch alerts` lists. 固政办规发〔2021〕5号, interpreted in time, never shows: the site
// check waits until the interpretation column has been read.
TEST(ReportRegionDaemon, PolicyInterpretationAndContentFindingsBecomeAlerts) {
  TempDir dir;
  FixtureServerProcess server(Source("tests/data/report-region"));
  const std::string config = Source("tests/data/report-region/govwatch.yaml");
  const std::vector<std::string> env = {"GOVWATCH_REPORT_PORT=" + std::to_string(server.port()),
                                        "GOVWATCH_REPORT_DB=" + dir.path() + "/govwatch.db",
                                        "GOVWATCH_LEXICON_DIR=" + Source("config/lexicon")};
  const CommandResult run =
      RunCommand({Binary("daemon/govwatch"), "run", "-c", config, "--once"}, env);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const CommandResult listed = RunCommand(
      {Binary("daemon/govwatch"), "alerts", "-c", config, "--format", "json"}, env);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  std::set<std::string> documents, typos;
  const json::value alerts = json::parse(listed.out);
  for (const json::value& a : alerts.as_array()) {
    const std::string check(a.at("check").as_string());
    const std::string subject(a.at("subject").as_string());
    if (check == "policy_interpretation") {
      EXPECT_EQ(a.at("target").as_string(), "guyuan/szfwj");
      documents.insert(subject);
    }
    if (check == "typo") typos.insert(subject.substr(subject.rfind('#') + 1));
  }
  EXPECT_EQ(documents, (std::set<std::string>{"固政规发〔2021〕3号", "固政办规发〔2021〕2号",
                                              "固政规发〔2021〕6号"}))
      << listed.out;
  EXPECT_EQ(typos, std::set<std::string>{"与时具进"}) << listed.out;
}

TEST_F(ReportRegion, BadArgumentsAreUsageErrors) {
  EXPECT_EQ(Report({"--format", "pdf"}).exit_code, 2);
  const CommandResult r = RunCommand({Binary("daemon/govwatch"), "report", "-c", Config(),
                                      "--period", "2021Q5"},
                                     Env());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("invalid period '2021Q5'"), std::string::npos) << r.err;
  EXPECT_EQ(Report({"--region", "火星"}).exit_code, 1);
}

}  // namespace
}  // namespace govwatch::e2e
