#include "crawl/robots.h"

#include <gtest/gtest.h>

namespace govwatch::crawl {
namespace {

constexpr const char* kUa = "govwatch/0.1 (+https://github.com/govwatch/govwatch; site inspection)";

TEST(RobotsTest, NoRulesAllowsEverything) {
  EXPECT_TRUE(RobotsRules().Allowed("/anything"));
  EXPECT_TRUE(RobotsRules::Parse("", kUa).Allowed("/a"));
}

TEST(RobotsTest, StarGroupDisallowsPrefixes) {
  const auto rules = RobotsRules::Parse(
      "User-agent: *\nDisallow: /private/\nDisallow: /search\n# comment\n", kUa);
  EXPECT_FALSE(rules.Allowed("/private/a.html"));
  EXPECT_FALSE(rules.Allowed("/search?q=1"));
  EXPECT_TRUE(rules.Allowed("/public/a.html"));
  EXPECT_TRUE(rules.Allowed("/robots.txt"));
}

TEST(RobotsTest, OwnGroupWinsOverStar) {
  const auto rules = RobotsRules::Parse(
      "User-agent: *\nDisallow: /\n\nUser-agent: govwatch\nDisallow: /admin\n", kUa);
  EXPECT_TRUE(rules.Allowed("/news/1.html"));
  EXPECT_FALSE(rules.Allowed("/admin/x"));
}

TEST(RobotsTest, LongestMatchWinsAndAllowWinsTies) {
  const auto rules = RobotsRules::Parse(
      "User-agent: *\nDisallow: /col/\nAllow: /col/public/\nDisallow: /x\nAllow: /x\n", kUa);
  EXPECT_FALSE(rules.Allowed("/col/secret.html"));
  EXPECT_TRUE(rules.Allowed("/col/public/a.html"));
  EXPECT_TRUE(rules.Allowed("/x/1"));
}

TEST(RobotsTest, WildcardsAndEndAnchor) {
  const auto rules =
      RobotsRules::Parse("User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?sessionid=\n", kUa);
  EXPECT_FALSE(rules.Allowed("/files/a.pdf"));
  EXPECT_TRUE(rules.Allowed("/files/a.pdf.html"));
  EXPECT_FALSE(rules.Allowed("/list?sessionid=42"));
  EXPECT_TRUE(rules.Allowed("/list?page=2"));
}

TEST(RobotsTest, EmptyDisallowAllowsAndGroupsWithSeveralAgents) {
  const auto rules = RobotsRules::Parse(
      "User-agent: Baiduspider\nUser-agent: govwatch\nDisallow:\n\nUser-agent: *\nDisallow: /\n",
      kUa);
  EXPECT_TRUE(rules.Allowed("/a"));
}

TEST(RobotsTest, SpiderTokenFromBrowserLikeAgent) {
  EXPECT_EQ(ProductToken("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/)"),
            "Baiduspider");
  EXPECT_EQ(ProductToken(kUa), "govwatch");
}

}  // namespace
}  // namespace govwatch::crawl
