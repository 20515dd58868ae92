// govwatch scan-text end to end: JSON and table output, exit codes, lexicon errors, and the
// lexicon directory taken from -c FILE.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <filesystem>
#include <fstream>

#include "process.h"

namespace govwatch::e2e {
namespace {

class ScanText : public ::testing::Test {
 protected:
  void SetUp() override {
    lexicon_ = dir_.path() + "/lexicon";
    std::filesystem::create_directories(lexicon_);
    std::ofstream(lexicon_ + "/typos.txt") << "做为\t作为\t0.9\n内蒙\t内蒙古\n";
    std::ofstream(lexicon_ + "/severe.txt") << "宁夏自治区\t宁夏回族自治区\tdivision\n";
    std::ofstream(lexicon_ + "/sensitive.txt") << "法轮功\t反动\n";
    input_ = dir_.path() + "/draft.txt";
  }
  CommandResult Scan(const std::string& text, std::vector<std::string> extra = {}) {
    std::ofstream(input_) << text;
    std::vector<std::string> argv = {Binary("daemon/govwatch"), "scan-text", "--now",
                                     "2021-06-30T12:00:00+08:00"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(input_);
    return RunCommand(argv);
  }
  TempDir dir_;
  std::string lexicon_;
  std::string input_;
};

TEST_F(ScanText, PrintsEveryFindingAsJsonAndExitsOne) {
  const auto r = Scan("标题\n固原市位于宁夏自治区，内蒙古和内蒙。法 轮 功 电话13812345678",
                      {"--lexicon", lexicon_});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const auto json = boost::json::parse(r.out).as_array();
  ASSERT_EQ(json.size(), 4u) << r.out;
  const auto& severe = json[0].as_object();
  EXPECT_EQ(severe.at("check").as_string(), "severe_expression");
  EXPECT_EQ(severe.at("wrong").as_string(), "宁夏自治区");
  EXPECT_EQ(severe.at("suggestion").as_string(), "宁夏回族自治区");
  EXPECT_EQ(severe.at("category").as_string(), "division");
  EXPECT_EQ(severe.at("severity").as_string(), "veto");
  EXPECT_EQ(severe.at("line").as_int64(), 2);
  EXPECT_EQ(severe.at("column").as_int64(), 6);
  EXPECT_EQ(severe.at("begin_char").as_int64(), 8);
  EXPECT_EQ(severe.at("end_char").as_int64(), 13);
  EXPECT_EQ(severe.at("begin_byte").as_int64(), 22);
  EXPECT_EQ(severe.at("end_byte").as_int64(), 37);
  EXPECT_EQ(severe.at("snippet").as_string(), "固原市位于【宁夏自治区】，内蒙古和内蒙。法 轮 ……");
  EXPECT_EQ(json[1].as_object().at("wrong").as_string(), "内蒙");  // not the one in 内蒙古
  EXPECT_EQ(json[2].as_object().at("check").as_string(), "sensitive_word");
  EXPECT_EQ(json[2].as_object().at("wrong").as_string(), "法 轮 功");
  EXPECT_EQ(json[3].as_object().at("check").as_string(), "personal_data");
  EXPECT_EQ(json[3].as_object().at("wrong").as_string(), "138****5678");
  EXPECT_EQ(r.out.find("13812345678"), std::string::npos);
}

TEST_F(ScanText, CleanTextExitsZeroWithAnEmptyArray) {
  const auto r = Scan("宁夏回族自治区，作为干部。", {"--lexicon", lexicon_});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "[]\n");
}

TEST_F(ScanText, TableFormat) {
  const auto r = Scan("做为干部", {"--lexicon", lexicon_, "--format", "table"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("1:1\ttypo\t做为\t作为\t错别字\t扣分\t【做为】干部"), std::string::npos)
      << r.out;
}

TEST_F(ScanText, LexiconErrorsAreListedAndExitTwo) {
  std::ofstream(lexicon_ + "/typos-local.txt") << "好\n坏\t坏\n";
  const auto r = Scan("x", {"--lexicon", lexicon_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("typos-local.txt:1: expected wrong<TAB>correct"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("typos-local.txt:2: the correction equals"), std::string::npos) << r.err;
}

TEST_F(ScanText, UsageErrorsExitTwo) {
  EXPECT_EQ(Scan("x", {"--format", "xml"}).exit_code, 2);
  EXPECT_EQ(Scan("x", {"--bogus"}).exit_code, 2);
  const auto r = Scan("x", {"--lexicon", dir_.path() + "/missing"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a lexicon directory"), std::string::npos);
}

TEST_F(ScanText, TakesTheLexiconDirectoryFromTheConfig) {
  const std::string config = dir_.path() + "/govwatch.yaml";
  std::ofstream(config) << "units:\n  - {id: gy, name: 固原市}\ncontent:\n  lexicon_dir: " << lexicon_
                        << "\n";
  const auto r = Scan("做为", {"-c", config});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("\"suggestion\":\"作为\""), std::string::npos);
}

}  // namespace
}  // namespace govwatch::e2e
