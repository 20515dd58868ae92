// Personal data: validation of ID numbers, mobiles and bank cards, and masking.
#include "checks/personal_data.h"

#include <gtest/gtest.h>

namespace govwatch::checks {
namespace {

const core::Timestamp kNow = core::ParseIso8601("2021-06-30T12:00:00+08:00").value();

std::vector<std::string> Masked(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& m : FindPersonalData(text, kNow)) out.push_back(m.masked);
  return out;
}

TEST(PersonalData, IdNumberChecksum) {
  EXPECT_TRUE(IsValidIdChecksum("110105199003071239"));
  EXPECT_FALSE(IsValidIdChecksum("110105199003071234"));
  EXPECT_TRUE(IsValidIdChecksum("11010519900307123x") == IsValidIdChecksum("11010519900307123X"));
  EXPECT_FALSE(IsValidIdChecksum("11010519900307123"));
}

TEST(PersonalData, Luhn) {
  EXPECT_TRUE(IsLuhnValid("6222021234567890128"));
  EXPECT_FALSE(IsLuhnValid("6222021234567890123"));
  EXPECT_TRUE(IsLuhnValid("4111111111111111"));
}

TEST(PersonalData, FindsValidNumbersMasked) {
  EXPECT_EQ(Masked("身份证号110105199003071239，手机13812345678，卡号6222021234567890128。"),
            std::vector<std::string>({"110105********1239", "138****5678", "622202*********0128"}));
  EXPECT_EQ(Masked("电话 138 1234 5678 与 138-1234-5678"),
            std::vector<std::string>({"138****5678", "138****5678"}));
  EXPECT_EQ(Masked("卡号 6222 0212 3456 7890 128"), std::vector<std::string>({"622202*********0128"}));
}

TEST(PersonalData, IgnoresNumbersThatAreNotPersonalData) {
  // Bad check digit; birth date after `now`; impossible date; landline; longer digit runs;
  // letters attached (a credit code or an order number); a dated document number.
  EXPECT_TRUE(Masked("110105199003071234").empty());
  EXPECT_TRUE(Masked("110105209912311232").empty());
  EXPECT_TRUE(Masked("0954-2031234 12345678901 1381234567890 ab13812345678 固政发〔2021〕13号")
                  .empty());
  EXPECT_TRUE(Masked("6222021234567890123").empty());  // Luhn fails
  EXPECT_TRUE(Masked("2021-06-30 09:00").empty());
}

TEST(PersonalData, MaskingNeverLeavesTheFullNumber) {
  const std::string masked =
      MaskPersonalData("联系人张三，身份证640402198506150023，电话13812345678。", kNow);
  EXPECT_EQ(masked, "联系人张三，身份证640402********0023，电话138****5678。");
  EXPECT_EQ(masked.find("19850615"), std::string::npos);
}

TEST(PersonalData, IssuesAreVetoesWithMaskedText) {
  const auto issues = PersonalDataIssues("x 640402198506150023", kNow);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].check, kPersonalData);
  EXPECT_EQ(issues[0].wrong, "640402********0023");
  EXPECT_EQ(issues[0].category, "id_number");
  EXPECT_EQ(issues[0].severity, core::Severity::kVeto);
  EXPECT_EQ(issues[0].begin, 2u);
  EXPECT_EQ(issues[0].end, 20u);
}

}  // namespace
}  // namespace govwatch::checks
