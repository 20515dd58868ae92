// Normalisation and its map back to original byte offsets.
#include "text/normalize.h"

#include <gtest/gtest.h>

#include "content_test_util.h"

namespace govwatch::text {
namespace {

using testing::SharedNormalizer;

// The original text of normalised [begin, end).
std::string Original(const NormalizedText& n, std::string_view original, std::size_t begin,
                     std::size_t end) {
  const auto b = n.MapBegin(begin);
  const auto e = n.MapEnd(end);
  return std::string(original.substr(b, e - b));
}

TEST(Normalize, PlainChineseTextIsUnchangedAndMapsOneToOne) {
  const std::string s = "固原市人民政府办公室关于印发（试行）的通知，";
  const NormalizedText n = SharedNormalizer()->Normalize(s);
  EXPECT_EQ(n.text, s);
  ASSERT_EQ(n.segments.size(), 1u);  // one identity run, no per-byte map
  EXPECT_TRUE(n.segments[0].identity);
  EXPECT_EQ(n.MapBegin(3), 3u);
  EXPECT_EQ(n.MapEnd(9), 9u);
}

TEST(Normalize, FullWidthLettersDigitsAndCaseAreFolded) {
  const std::string s = "ＡＢＣ１２３Ｘyz";
  const NormalizedText n = SharedNormalizer()->Normalize(s);
  EXPECT_EQ(n.text, "abc123xyz");
  // "123" in the normalised text is "１２３" (9 bytes from byte 9) in the original.
  EXPECT_EQ(Original(n, s, 3, 6), "１２３");
  EXPECT_FALSE(n.SpansGap(0, 9));
}

TEST(Normalize, SeparatorsAreSkippedAndShowAsGaps) {
  const std::string s = "法 轮*功，法轮功";
  const NormalizedText n = SharedNormalizer()->Normalize(s);
  EXPECT_EQ(n.text, "法轮功，法轮功");
  EXPECT_EQ(Original(n, s, 0, 9), "法 轮*功");
  EXPECT_TRUE(n.SpansGap(0, 9));
  EXPECT_FALSE(n.SpansGap(12, 21));
  EXPECT_EQ(Original(n, s, 12, 21), "法轮功");
}

TEST(Normalize, SentencePunctuationAndNewlinesStay) {
  const NormalizedText n = SharedNormalizer()->Normalize("特色，情况。\n色\n情（一）");
  EXPECT_EQ(n.text, "特色，情况。\n色\n情（一）");
}

TEST(Normalize, TraditionalBecomesSimplifiedWithPositionsKept) {
  const std::string s = "abc 國務院辦公廳關於發展";
  const NormalizedText n = SharedNormalizer()->Normalize(s);
  EXPECT_EQ(n.text, "abc国务院办公厅关于发展");
  // 办公厅 is normalised bytes [12, 21); originally 辦公廳 at [13, 22) (after "abc ").
  EXPECT_EQ(Original(n, s, 12, 21), "辦公廳");
  EXPECT_TRUE(SharedNormalizer()->IsTraditional(U'國'));
  EXPECT_FALSE(SharedNormalizer()->IsTraditional(U'国'));
  EXPECT_FALSE(SharedNormalizer()->IsTraditional(U'中'));
}

TEST(Normalize, InvalidUtf8IsKeptByteForByte) {
  const std::string s = "a\xFF" "B\xE4";
  const NormalizedText n = SharedNormalizer()->Normalize(s);
  EXPECT_EQ(n.text, "a\xFF" "b\xE4");
  EXPECT_EQ(n.MapBegin(2), 2u);
}

TEST(Normalize, EveryMappedRangeStartsAndEndsOnCharactersOfTheOriginal) {
  const std::string s = "Ａ 國，*乾燥 x\n內蒙古　自治區";
  const NormalizedText n = SharedNormalizer()->Normalize(s);
  for (std::size_t b = 0; b < n.text.size(); ++b) {
    if ((static_cast<unsigned char>(n.text[b]) & 0xC0) == 0x80) continue;
    const auto ob = n.MapBegin(b);
    ASSERT_LT(ob, s.size());
    EXPECT_NE(static_cast<unsigned char>(s[ob]) & 0xC0, 0x80u) << b;
  }
  EXPECT_EQ(n.text, "a国，干燥x\n内蒙古自治区");
}

}  // namespace
}  // namespace govwatch::text
