#include "checks/text_match.h"

#include <gtest/gtest.h>

#include "checks/source_unit.h"

namespace govwatch::checks {
namespace {

TEST(TextMatchTest, DocNumberVariantsShareOneKey) {
  const std::string key = MatchKey("固政规发〔2021〕3号");
  for (const char* variant : {"固政规发[2021]3号", "固政规发(2021)3号", "固政规发（2021）3 号",
                              "固政规发【2021】３号", "固政规发 〔2021〕 3号"}) {
    EXPECT_EQ(MatchKey(variant), key) << variant;
  }
  // Neither a longer number nor another issuer contains it.
  EXPECT_EQ(MatchKey("固政规发〔2021〕31号").find(key), std::string::npos);
  EXPECT_EQ(MatchKey("固政办规发〔2021〕3号").find(key), std::string::npos);
}

TEST(TextMatchTest, TitleKeysStripIssuerAndWrapper) {
  const auto keys = DocumentTitleKeys(
      "固原市人民政府办公室关于印发《固原市防汛抗旱应急预案》等21部固原市专项应急预案的通知");
  ASSERT_GE(keys.size(), 2u);
  EXPECT_EQ(keys[0], MatchKey("固原市防汛抗旱应急预案"));
  EXPECT_EQ(keys[1], MatchKey("《固原市防汛抗旱应急预案》等21部固原市专项应急预案"));
  const auto plain = DocumentTitleKeys("固原市人民政府关于实施“三线一单”生态环境分区管控的意见");
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0], MatchKey("实施三线一单生态环境分区管控的意见"));
  EXPECT_EQ(QuotedTitles("《甲》和《乙《丙》》"), (std::vector<std::string>{"甲", "乙《丙》"}));
}

TEST(SourceUnitTest, NamesAliasesAndSuffixes) {
  std::vector<config::Unit> units(3);
  units[0].id = "yj";
  units[0].name = "市应急管理局";
  units[0].aliases = {"市应急局"};
  units[1].id = "sthj";
  units[1].name = "市生态环境局";
  units[2].id = "xj-yj";
  units[2].name = "西吉县应急管理局";
  const UnitMatcher m(units);
  EXPECT_EQ(m.Match("市应急局"), "yj");
  EXPECT_EQ(m.Match("来源：市应急局"), "yj");
  EXPECT_EQ(m.Match("固原市应急管理局"), "yj");    // ends with the name
  EXPECT_EQ(m.Match(" 市 生态环境局 "), "sthj");
  EXPECT_EQ(m.Match("固原市生态环境局"), "sthj");
  EXPECT_EQ(m.Match("应急管理局"), std::nullopt);  // the end of two units' names: ambiguous
  EXPECT_EQ(m.Match("市场监管局"), std::nullopt);
  EXPECT_EQ(m.Match(""), std::nullopt);
}

}  // namespace
}  // namespace govwatch::checks
