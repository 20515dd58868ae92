#include "core/model.h"

#include <gtest/gtest.h>

namespace govwatch::core {
namespace {

TEST(Model, EnumNamesRoundTrip) {
  for (const char* name : {"homepage", "news", "notice", "policy", "interpretation", "personnel",
                           "planning", "interaction", "service", "disclosure", "other"}) {
    const auto kind = ParseColumnKind(name);
    ASSERT_TRUE(kind) << name;
    EXPECT_EQ(ToString(*kind), name);
  }
  for (const char* name : {"wechat", "weibo", "douyin", "toutiao", "kuaishou", "bilibili", "other"}) {
    ASSERT_TRUE(ParsePlatform(name)) << name;
    EXPECT_EQ(ToString(*ParsePlatform(name)), name);
  }
  for (const char* name : {"list_date", "meta_pubdate", "article_date", "script_var", "feed_date",
                           "http_last_modified", "url_date", "first_seen"}) {
    ASSERT_TRUE(ParseDateProvenance(name)) << name;
    EXPECT_EQ(ToString(*ParseDateProvenance(name)), name);
  }
  EXPECT_FALSE(ParseColumnKind("News"));
  EXPECT_FALSE(ParsePlatform("wexin"));
}

TEST(Model, ChineseNames) {
  EXPECT_EQ(ChineseName(ColumnKind::kNotice), "通知公告");
  EXPECT_EQ(ChineseName(Platform::kWechat), "微信公众号");
  EXPECT_EQ(ChineseName(Severity::kVeto), "单项否决");
}

}  // namespace
}  // namespace govwatch::core
