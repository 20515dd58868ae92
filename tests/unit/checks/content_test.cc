// CheckArticleContent: findings as annex 6 lists them (错误 / 建议 / 位置 / 链接), one per term,
// stable subjects, masked personal data in every message.
#include "checks/content.h"

#include <gtest/gtest.h>

#include "checks/typo.h"
#include "text/lexicon.h"
#include "text/normalize.h"

namespace govwatch::checks {
namespace {

const core::Timestamp kNow = core::ParseIso8601("2021-06-30T12:00:00+08:00").value();

std::unique_ptr<text::Scanner> MakeScanner() {
  auto lexicon = text::LoadLexiconFiles({
      {"typos.txt", "做为\t作为\t0.9\n"},
      {"severe.txt", "宁夏自治区\t宁夏回族自治区\tdivision\n"},
      {"sensitive.txt", "法轮功\t反动\n"},
  });
  EXPECT_TRUE(lexicon);
  static const auto normalizer = text::Normalizer::Create();
  EXPECT_TRUE(normalizer);
  auto scanner = text::Scanner::Build(std::move(*lexicon), *normalizer);
  EXPECT_TRUE(scanner);
  return std::move(*scanner);
}

TEST(ArticleContent, OneFindingPerTermWithPositionSnippetAndLink) {
  const auto scanner = MakeScanner();
  ArticleText article{"portal/news", "gy", "http://gy.example.gov.cn/a/1.html",
                      "宁夏自治区召开会议",
                      "第一段。\n固原市位于宁夏自治区南部，做为革命老区。\n宁夏自治区人民政府。"};
  const auto findings = CheckArticleContent(*scanner, article, kNow);
  ASSERT_EQ(findings.size(), 2u);
  const core::Finding& severe = findings[0];
  EXPECT_EQ(severe.check, "severe_expression");
  EXPECT_EQ(severe.subject, "http://gy.example.gov.cn/a/1.html#宁夏自治区");
  EXPECT_EQ(severe.severity, core::Severity::kVeto);
  EXPECT_EQ(severe.target_id, "portal/news");
  EXPECT_EQ(severe.unit_id, "gy");
  EXPECT_EQ(severe.evidence_url, "http://gy.example.gov.cn/a/1.html");
  EXPECT_EQ(severe.message,
            "错误：宁夏自治区；建议：宁夏回族自治区；类别：严重表述错误（行政区划名称）；"
            "位置：标题第1字，“【宁夏自治区】召开会议”（共3处）；链接：http://gy.example.gov.cn/a/1.html");
  EXPECT_EQ(findings[1].check, kTypo);
  EXPECT_EQ(findings[1].severity, core::Severity::kDeduction);
  EXPECT_EQ(findings[1].message,
            "错误：做为；建议：作为；类别：错别字；位置：正文第2行第14字，"
            "“……原市位于宁夏自治区南部，【做为】革命老区。”；链接：http://gy.example.gov.cn/a/1.html");
  // The labelled parts tables read (report annex 6), equal to the message's.
  using Details = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(severe.details, (Details{{"wrong", "宁夏自治区"},
                                     {"suggestion", "宁夏回族自治区"},
                                     {"category", "严重表述错误（行政区划名称）"},
                                     {"position", "标题第1字"},
                                     {"snippet", "【宁夏自治区】召开会议"},
                                     {"count", "3"}}));
  EXPECT_EQ(findings[1].Detail("wrong"), "做为");
  EXPECT_EQ(findings[1].Detail("suggestion"), "作为");
  EXPECT_EQ(findings[1].Detail("position"), "正文第2行第14字");
  EXPECT_EQ(findings[1].Detail("no_such_key"), "");
}

TEST(ArticleContent, PersonalDataIsMaskedInItsFindingAndInOtherSnippets) {
  const auto scanner = MakeScanner();
  ArticleText article{"portal/notice", "gy", "http://gy.example.gov.cn/b.html", "公示",
                      "申请人：640402198506150023做为代表"};
  const auto findings = CheckArticleContent(*scanner, article, kNow);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].check, "personal_data");
  EXPECT_EQ(findings[0].subject, "http://gy.example.gov.cn/b.html#640402********0023");
  for (const auto& f : findings) {
    EXPECT_EQ(f.message.find("198506150023"), std::string::npos) << f.message;
    EXPECT_EQ(f.subject.find("198506150023"), std::string::npos);
  }
  EXPECT_NE(findings[1].message.find("640402********0023【做为】"), std::string::npos)
      << findings[1].message;
}

TEST(ArticleContent, CleanTextHasNoFindings) {
  const auto scanner = MakeScanner();
  ArticleText article{"t", "u", "http://x/", "宁夏回族自治区", "作为干部，法治建设。"};
  EXPECT_TRUE(CheckArticleContent(*scanner, article, kNow).empty());
}

TEST(ArticleContent, SplitSensitiveWordIsAVeto) {
  const auto scanner = MakeScanner();
  const auto issues = FindContentIssues(*scanner, "xx法 轮 功yy", kNow);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].check, "sensitive_word");
  EXPECT_TRUE(issues[0].split);
  EXPECT_EQ(issues[0].wrong, "法 轮 功");
  EXPECT_EQ(issues[0].category_zh, "敏感词（反动）");
  EXPECT_EQ(issues[0].severity, core::Severity::kVeto);
}

TEST(ArticleContent, LocateByteCountsLinesAndCharacters) {
  const TextLocation loc = LocateByte("一二\n三四五", 12);
  EXPECT_EQ(loc.line, 2u);
  EXPECT_EQ(loc.column, 3u);
  EXPECT_EQ(loc.char_offset, 5u);
}

}  // namespace
}  // namespace govwatch::checks
