// Lexicon files: the four kinds, defaults, comments, and every bad line reported at once.
#include "text/lexicon.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace govwatch::text {
namespace {

TEST(Lexicon, ParsesTheFourKindsWithTheirDefaults) {
  auto lex = LoadLexiconFiles({
      {"typos.txt", "# 错别字\n做为\t作为\n\n按装\t安装\t0.5  # 常见\n"},
      {"severe-division.txt", "宁夏自治区\t宁夏回族自治区\tdivision\n国土资源部\t自然资源部\tagency\twarning\n"},
      {"sensitive.txt", "赌博网站\t赌博\n枪支出售\t涉枪涉爆\nabc\t反动\tdeduction\n"},
      {"allow.txt", "内蒙古\n做为一个\t做为\n"},
  });
  ASSERT_TRUE(lex) << lex.error().message;
  ASSERT_EQ(lex->entries.size(), 7u);
  EXPECT_EQ(lex->entries[0].term, "做为");
  EXPECT_EQ(lex->entries[0].weight, 1.0);
  EXPECT_EQ(lex->entries[0].severity, core::Severity::kDeduction);
  EXPECT_EQ(lex->entries[1].weight, 0.5);
  EXPECT_EQ(lex->entries[1].source, "typos.txt:4");
  EXPECT_EQ(lex->entries[2].severity, core::Severity::kVeto);
  EXPECT_EQ(lex->entries[3].severity, core::Severity::kWarning);
  EXPECT_EQ(lex->entries[4].severity, core::Severity::kVeto);     // 赌博: veto by default
  EXPECT_EQ(lex->entries[5].severity, core::Severity::kWarning);  // 涉枪涉爆: warning
  EXPECT_EQ(lex->entries[6].severity, core::Severity::kDeduction);
  ASSERT_EQ(lex->allow.size(), 2u);
  EXPECT_EQ(lex->allow[1].term, "做为");
}

TEST(Lexicon, ReportsEveryBadLineWithFileAndLine) {
  auto lex = LoadLexiconFiles({
      {"typos.txt", "做为\n按装\t安装\t2\n好\t好\n\t空\n"},
      {"severe.txt", "宁夏自治区\t宁夏回族自治区\tregion\n国土资源部\t自然资源部\tagency\tfatal\n"},
      {"sensitive.txt", "词\n"},
      {"allow.txt", "内蒙古\t新疆\n"},
      {"words.txt", "x\ty\n"},
      {"typos-local.txt", "做为\t作成\n"},
      {"typos-z.txt", "做为\t作为\n按装\t安装\t2\n"},
  });
  ASSERT_FALSE(lex);
  const std::string& m = lex.error().message;
  for (const char* want : {
           "typos.txt:1: expected wrong<TAB>correct[<TAB>weight], got 1 field(s)",
           "typos.txt:2: weight must be a number from 0 to 1, got '2'",
           "typos.txt:3: the correction equals the wrong term '好'",
           "typos.txt:4: field 1 is empty",
           "severe.txt:1: unknown category 'region'",
           "severe.txt:2: unknown severity 'fatal'",
           "sensitive.txt:1: expected word<TAB>category[<TAB>severity], got 1 field(s)",
           "allow.txt:1: term '新疆' does not occur in phrase '内蒙古'",
           "words.txt: unknown lexicon file",
           "typos-z.txt:1: '做为' is already defined differently at typos-local.txt:1",
       }) {
    EXPECT_NE(m.find(want), std::string::npos) << "missing: " << want << "\nin:\n" << m;
  }
}

TEST(Lexicon, RepeatsWithTheSameMeaningAreMerged) {
  auto lex = LoadLexiconFiles({{"typos.txt", "做为\t作为\n"}, {"typos-local.txt", "做为\t作为\n"}});
  ASSERT_TRUE(lex) << lex.error().message;
  EXPECT_EQ(lex->entries.size(), 1u);
}

TEST(Lexicon, RejectsInvalidUtf8) {
  auto lex = LoadLexiconFiles({{"typos.txt", "\xFF\xFE\t作为\n"}});
  ASSERT_FALSE(lex);
  EXPECT_NE(lex.error().message.find("typos.txt:1: not valid UTF-8"), std::string::npos);
}

TEST(Lexicon, LoadsADirectoryInNameOrderAndIgnoresOtherFiles) {
  const auto dir = std::filesystem::temp_directory_path() / "govwatch-lexicon-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "typos.txt") << "做为\t作为\n";
  std::ofstream(dir / "typos-local.txt") << "按装\t安装\n";
  std::ofstream(dir / "README.md") << "not a lexicon\n";
  auto lex = LoadLexiconDirectory(dir.string());
  ASSERT_TRUE(lex) << lex.error().message;
  ASSERT_EQ(lex->entries.size(), 2u);
  EXPECT_EQ(lex->entries[0].term, "按装");  // typos-local.txt sorts first
  std::filesystem::remove_all(dir);
  EXPECT_FALSE(LoadLexiconDirectory(dir.string()));
}

}  // namespace
}  // namespace govwatch::text
