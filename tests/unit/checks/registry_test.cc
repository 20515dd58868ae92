#include "checks/registry.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace govwatch::checks {
namespace {

TEST(Registry, NamesAreUniqueAndDescribed) {
  std::set<std::string_view> names;
  for (const CheckInfo& info : kChecks) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_FALSE(info.title_zh.empty()) << info.name;
    EXPECT_FALSE(info.description_zh.empty()) << info.name;
    EXPECT_FALSE(info.description_en.empty()) << info.name;
  }
}

TEST(Registry, EveryCheckNameUsedInFindingsIsRegistered) {
  for (const char* name :
       {kHomepageFreshness, kColumnFreshness, kBlankColumn, kSiteStaleColumns, kSiteBlankColumns,
        kAccountFreshness, kAvailability, kSevereExpression, kTypo, kSensitiveWord, kPersonalData,
        kAccountClosed, kWechatMenu, kWeiboProfileLink, kAccountDuplicate, kAccountCommercial,
        kSourceError, kPolicyInterpretation, kInteractionResponse, kBrokenLink, kHiddenLink,
        kFakeLink, kOutboundDrift}) {
    const CheckInfo* info = FindCheck(name);
    ASSERT_NE(info, nullptr) << name;
    EXPECT_EQ(info->name, name);
  }
  EXPECT_EQ(FindCheck("no_such_check"), nullptr);
}

}  // namespace
}  // namespace govwatch::checks
