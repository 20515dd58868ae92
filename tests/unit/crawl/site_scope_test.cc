#include "crawl/site_scope.h"

#include <gtest/gtest.h>

namespace govwatch::crawl {
namespace {

TEST(SiteScopeTest, SameHostAndPortIsInternal) {
  const SiteScope scope("http://127.0.0.1:8080/index.html", {});
  EXPECT_TRUE(scope.IsInternal("http://127.0.0.1:8080/a/b.html"));
  EXPECT_FALSE(scope.IsInternal("http://127.0.0.1:8081/a/b.html"));
  EXPECT_FALSE(scope.IsInternal("mailto:a@b.gov.cn"));
  EXPECT_EQ(scope.origin(), "http://127.0.0.1:8080");
}

TEST(SiteScopeTest, SchemeUpgradeAndAliasesStayOnSite) {
  const SiteScope scope("http://www.guyuan.gov.cn/", {"guyuan.gov.cn"});
  EXPECT_TRUE(scope.IsInternal("https://WWW.guyuan.gov.cn/xxgk/"));
  EXPECT_TRUE(scope.IsInternal("http://guyuan.gov.cn/a"));
  EXPECT_FALSE(scope.IsInternal("http://www.nx.gov.cn/"));
}

TEST(SiteScopeTest, SplitAndGovCn) {
  const auto parts = SplitUrl("HTTPS://Example.GOV.cn/a?b=1#frag");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->scheme, "https");
  EXPECT_EQ(parts->host, "example.gov.cn");
  EXPECT_EQ(parts->port, "443");
  EXPECT_EQ(parts->path_and_query, "/a?b=1");
  EXPECT_TRUE(IsGovCnHost(parts->host));
  EXPECT_FALSE(IsGovCnHost("gov.cn.example.com"));
  EXPECT_EQ(WithoutFragment("http://a/b#c"), "http://a/b");
  EXPECT_FALSE(SplitUrl("ftp://a/b"));
}

}  // namespace
}  // namespace govwatch::crawl
