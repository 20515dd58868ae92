// govwatch report end to end: the real binary probes the report fixture region
// (tests/data/report-region, fixed 2021 Q2 dates) through the real poller and article stage,
// then writes the 2021Q2 report. HTML and CSV are pinned by golden files under
// tests/golden/report/ (regenerate with GOVWATCH_UPDATE_GOLDEN=1 and review the diff); the XLSX
// is read back with tests/e2e/xlsx_dump.py and compared cell by cell with the CSVs.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
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
  }

  std::string Config() const { return Source("tests/data/report-region/govwatch.yaml"); }
  std::vector<std::string> Env() const {
    return {"GOVWATCH_REPORT_PORT=" + std::to_string(server_->port()),
            "GOVWATCH_REPORT_DB=" + dir_.path() + "/db/govwatch.db"};
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
    const std::string got = ReadAll(out() + "/" + name);
    ASSERT_FALSE(got.empty()) << name;
    // Nothing in the report may depend on the fixture server's port.
    EXPECT_EQ(got.find(std::to_string(server_->port())), std::string::npos) << name;
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
