// The Scanner: original offsets, allow-lists, own-correction suppression, split sensitive words,
// traditional text, chunking; both engines.
#include "text/scanner.h"

#include <gtest/gtest.h>

#include "content_test_util.h"

namespace govwatch::text {
namespace {

using testing::Found;
using testing::MakeScanner;
using V = std::vector<std::string>;

const std::vector<std::pair<std::string, std::string>> kFiles = {
    {"typos.txt", "内蒙\t内蒙古\n做为\t作为\n按装\t安装\t0.6\n"},
    {"severe.txt", "宁夏自治区\t宁夏回族自治区\tdivision\n国家工商总局\t国家市场监督管理总局\tagency\twarning\n"},
    {"sensitive.txt", "法轮功\t反动\n色情\t色情\nabc.com\t非法网址\n"},
    {"allow.txt", "做为一个\t做为\n按装置\n"},
};

class ScannerTest : public ::testing::TestWithParam<MatcherEngine> {
 protected:
  std::unique_ptr<Scanner> scanner_ = MakeScanner(kFiles, GetParam());
};

TEST_P(ScannerTest, ReportsTermsWithOriginalOffsetsAndEntries) {
  const std::string text = "位于宁夏自治区。做为干部";
  const auto matches = scanner_->Scan(text);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(text.substr(matches[0].begin, matches[0].end - matches[0].begin), "宁夏自治区");
  EXPECT_EQ(matches[0].begin, 6u);
  EXPECT_EQ(matches[0].entry->correction, "宁夏回族自治区");
  EXPECT_EQ(matches[0].entry->category, "division");
  EXPECT_EQ(matches[0].entry->severity, core::Severity::kVeto);
  EXPECT_EQ(matches[1].entry->kind, LexiconKind::kTypo);
}

TEST_P(ScannerTest, AWrongTermInsideItsOwnCorrectionNeverFires) {
  EXPECT_EQ(Found(*scanner_, "内蒙古自治区和内蒙"), V({"内蒙@21:typo"}));
}

TEST_P(ScannerTest, AllowPhrasesSuppressTheirTermOrEverything) {
  EXPECT_EQ(Found(*scanner_, "做为一个干部"), V{});
  EXPECT_EQ(Found(*scanner_, "按装置说明"), V{});
  EXPECT_EQ(Found(*scanner_, "按装好"), V({"按装@0:typo"}));
}

TEST_P(ScannerTest, SensitiveWordsSplitBySeparatorsAreFound) {
  EXPECT_EQ(Found(*scanner_, "法 轮 功"), V({"法 轮 功@0:sensitive_word"}));
  EXPECT_EQ(Found(*scanner_, "法*轮*功"), V({"法*轮*功@0:sensitive_word"}));
  EXPECT_EQ(Found(*scanner_, "法·轮　功"), V({"法·轮　功@0:sensitive_word"}));
  // Two-character words: a symbol splits them, whitespace in a table does not join them.
  EXPECT_EQ(Found(*scanner_, "色*情"), V({"色*情@0:sensitive_word"}));
  EXPECT_EQ(Found(*scanner_, "特色 情况"), V{});
  // Sentence punctuation and newlines are boundaries.
  EXPECT_EQ(Found(*scanner_, "特色，情况"), V{});
  EXPECT_EQ(Found(*scanner_, "法轮\n功"), V{});
  // A term that holds a separator matches with or without it.
  EXPECT_EQ(Found(*scanner_, "访问ABC.COM"), V({"ABC.COM@6:sensitive_word"}));
}

TEST_P(ScannerTest, TyposAndSevereExpressionsDoNotMatchAcrossSeparators) {
  EXPECT_EQ(Found(*scanner_, "做 为"), V{});
  EXPECT_EQ(Found(*scanner_, "宁夏 自治区"), V{});
}

TEST_P(ScannerTest, TraditionalAndFullWidthTextIsMatched) {
  EXPECT_EQ(Found(*scanner_, "國家工商總局"), V({"國家工商總局@0:severe_expression"}));
  EXPECT_EQ(Found(*scanner_, "寧夏自治區"), V({"寧夏自治區@0:severe_expression"}));
  EXPECT_EQ(Found(*scanner_, "ＡＢＣ．ＣＯＭ"), V({"ＡＢＣ．ＣＯＭ@0:sensitive_word"}));
}

TEST_P(ScannerTest, ChunkedScanFindsTheSameMatchesAsOneChunk) {
  auto lexicon = LoadLexiconFiles(kFiles);
  ASSERT_TRUE(lexicon);
  auto small = Scanner::Build(std::move(*lexicon), testing::SharedNormalizer(), {GetParam(), 16});
  ASSERT_TRUE(small);
  std::string text;
  for (int i = 0; i < 50; ++i) text += "位于宁夏自治区，内蒙古和内蒙。\n法 轮 功 做为一个\n";
  const auto a = scanner_->Scan(text);
  const auto b = (*small)->Scan(text);
  ASSERT_EQ(a.size(), 150u);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].begin, b[i].begin);
    EXPECT_EQ(a[i].end, b[i].end);
    EXPECT_EQ(a[i].entry - scanner_->lexicon().entries.data(),
              b[i].entry - (*small)->lexicon().entries.data());
  }
}

TEST(Scanner, ATermThatNormalisesToNothingIsAnError) {
  auto lexicon = LoadLexiconFiles({{"sensitive.txt", "***\t反动\n"}});
  ASSERT_TRUE(lexicon);
  auto scanner = Scanner::Build(std::move(*lexicon), testing::SharedNormalizer());
  ASSERT_FALSE(scanner);
  EXPECT_NE(scanner.error().message.find("sensitive.txt:1: '***' is empty after normalisation"),
            std::string::npos);
}

TEST(Scanner, AnEmptyLexiconMatchesNothing) {
  auto scanner = MakeScanner({});
  ASSERT_NE(scanner, nullptr);
  EXPECT_TRUE(scanner->Scan("宁夏自治区\xFF\xFE\xFD").empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, ScannerTest,
                         ::testing::Values(MatcherEngine::kAhoCorasick, MatcherEngine::kHyperscan),
                         [](const auto& info) {
                           return info.param == MatcherEngine::kHyperscan ? "Hyperscan"
                                                                          : "AhoCorasick";
                         });

}  // namespace
}  // namespace govwatch::text
