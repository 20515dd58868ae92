#include "crawl/url_set.h"

#include <string>

#include <gtest/gtest.h>

namespace govwatch::crawl {
namespace {

TEST(UrlSetTest, InsertReportsNewOnlyOnce) {
  UrlSet set;
  EXPECT_TRUE(set.Insert("http://a.gov.cn/1.html"));
  EXPECT_FALSE(set.Insert("http://a.gov.cn/1.html"));
  EXPECT_TRUE(set.Insert("http://a.gov.cn/2.html"));
  EXPECT_TRUE(set.Contains("http://a.gov.cn/2.html"));
  EXPECT_FALSE(set.Contains("http://a.gov.cn/3.html"));
  EXPECT_EQ(set.size(), 2u);
}

TEST(UrlSetTest, HundredThousandUrlsStayDistinctAndCompact) {
  UrlSet set;
  for (int i = 0; i < 100'000; ++i) {
    ASSERT_TRUE(set.Insert("http://www.example.gov.cn/col/art/" + std::to_string(i) + ".html"));
  }
  for (int i = 0; i < 100'000; i += 997) {
    EXPECT_FALSE(set.Insert("http://www.example.gov.cn/col/art/" + std::to_string(i) + ".html"));
  }
  EXPECT_EQ(set.size(), 100'000u);
  // 8 bytes a slot at a load of at most 1/2: at most 4 slots per URL after doubling.
  EXPECT_LE(set.memory_bytes(), 100'000u * 8 * 4);
}

TEST(UrlSetTest, FingerprintIsNeverZero) {
  EXPECT_NE(UrlFingerprint(""), 0u);
  EXPECT_NE(UrlFingerprint("a"), UrlFingerprint("b"));
}

}  // namespace
}  // namespace govwatch::crawl
