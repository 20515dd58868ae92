// Tests of the loader's value checks (validate.h), one function at a time.
#include "config/validate.h"

#include <gtest/gtest.h>

#include <array>
#include <map>

namespace govwatch::config {
namespace {

TEST(IsValidId, AcceptsLowercaseDigitsUnderscoreAndDash) {
  EXPECT_TRUE(IsValidId("guyuan"));
  EXPECT_TRUE(IsValidId("0954-gov_office"));
  EXPECT_FALSE(IsValidId(""));
  EXPECT_FALSE(IsValidId("-gov"));
  EXPECT_FALSE(IsValidId("_gov"));
  EXPECT_FALSE(IsValidId("Guyuan"));
  EXPECT_FALSE(IsValidId("gu yuan"));
  EXPECT_FALSE(IsValidId("固原"));
}

TEST(IsValidEmail, AcceptsAddrSpecsWithADottedDomain) {
  EXPECT_TRUE(IsValidEmail("zwgk@guyuan.gov.cn"));
  EXPECT_TRUE(IsValidEmail("zhang.san+alerts@example.gov.cn"));
  EXPECT_FALSE(IsValidEmail("zwgk@guyuan"));
  EXPECT_FALSE(IsValidEmail("@guyuan.gov.cn"));
  EXPECT_FALSE(IsValidEmail("zwgk@"));
  EXPECT_FALSE(IsValidEmail("zw..gk@guyuan.gov.cn"));
  EXPECT_FALSE(IsValidEmail("zwgk@-guyuan.gov.cn"));
  EXPECT_FALSE(IsValidEmail("zwgk@guyuan..gov.cn"));
  EXPECT_FALSE(IsValidEmail("张三@guyuan.gov.cn"));
  EXPECT_FALSE(IsValidEmail("a b@guyuan.gov.cn"));
}

TEST(CheckHttpUrl, RequiresAbsoluteHttpOrHttpsWithHost) {
  EXPECT_EQ(CheckHttpUrl("http://www.nxgy.gov.cn/"), std::nullopt);
  EXPECT_EQ(CheckHttpUrl("https://127.0.0.1:8080/a/b.html?x=1#y"), std::nullopt);
  EXPECT_EQ(CheckHttpUrl("HTTPS://www.nxgy.gov.cn/"), std::nullopt);
  EXPECT_EQ(CheckHttpUrl("www.nxgy.gov.cn"), "must be an absolute http or https URL");
  EXPECT_EQ(CheckHttpUrl("ftp://www.nxgy.gov.cn/"),
            "must be an absolute http or https URL, not ftp");
  EXPECT_EQ(CheckHttpUrl("http:///path"), "must be an absolute http or https URL with a host");
  EXPECT_EQ(CheckHttpUrl("http://www.nxgy.gov.cn/要闻/"),
            "must be an absolute http or https URL; percent-encode non-ASCII characters");
}

TEST(ParseListenAddress, AcceptsIpLiteralsAndLocalhostAndTellsLoopback) {
  struct Case {
    std::string_view text;
    std::string_view host;
    std::uint16_t port;
    bool loopback;
  };
  constexpr Case kCases[] = {
      {"127.0.0.1:9816", "127.0.0.1", 9816, true},
      {"127.255.0.1:1", "127.255.0.1", 1, true},
      {"localhost:0", "localhost", 0, true},
      {"[::1]:65535", "::1", 65535, true},
      {"[::ffff:127.0.0.1]:80", "::ffff:127.0.0.1", 80, true},
      {"0.0.0.0:9816", "0.0.0.0", 9816, false},
      {"10.1.2.3:9816", "10.1.2.3", 9816, false},
      {"[::]:9816", "::", 9816, false},
      {"[2001:db8::1]:443", "2001:db8::1", 443, false},
      {"[::ffff:10.0.0.1]:80", "::ffff:10.0.0.1", 80, false},
  };
  for (const Case& c : kCases) {
    const auto r = ParseListenAddress(c.text);
    ASSERT_TRUE(r.ok()) << c.text << ": " << r.error().message;
    EXPECT_EQ(r->host, c.host) << c.text;
    EXPECT_EQ(r->port, c.port) << c.text;
    EXPECT_EQ(r->loopback, c.loopback) << c.text;
  }
}

TEST(ParseListenAddress, RejectsWithTheReason) {
  const std::map<std::string_view, std::string_view> kCases = {
      {"9816", "expected HOST:PORT or [IPv6]:PORT, e.g. 127.0.0.1:9816"},
      {"[::1", "expected HOST:PORT or [IPv6]:PORT, e.g. 127.0.0.1:9816"},
      {"[::1]9816", "expected HOST:PORT or [IPv6]:PORT, e.g. 127.0.0.1:9816"},
      {"::1:9816", "IPv6 addresses go in brackets, e.g. [::1]:9816"},
      {"127.0.0.1:65536", "port must be a number from 0 to 65535, got '65536'"},
      {"127.0.0.1:", "port must be a number from 0 to 65535, got ''"},
      {"127.0.0.1:+80", "port must be a number from 0 to 65535, got '+80'"},
      {"127.0.0.1:99999999999", "port must be a number from 0 to 65535, got '99999999999'"},
      {":9816", "missing host (use 0.0.0.0 or [::] to listen on every address)"},
      {"[]:9816", "missing host (use 0.0.0.0 or [::] to listen on every address)"},
      {"[127.0.0.1]:80", "'127.0.0.1' in brackets is not an IPv6 address"},
      {"127.1:80", "host must be an IP address or localhost, got '127.1'"},
      {"example.gov.cn:80", "host must be an IP address or localhost, got 'example.gov.cn'"},
      {"LOCALHOST:80", "host must be an IP address or localhost, got 'LOCALHOST'"},
  };
  for (const auto& [text, reason] : kCases) {
    const auto r = ParseListenAddress(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().message, reason) << text;
  }
}

TEST(ParseByteSize, AcceptsBinaryAndDecimalUnits) {
  EXPECT_EQ(*ParseByteSize("1024"), 1024u);
  EXPECT_EQ(*ParseByteSize("1500B"), 1500u);
  EXPECT_EQ(*ParseByteSize("512KiB"), 512u * 1024);
  EXPECT_EQ(*ParseByteSize("10MiB"), 10u * 1024 * 1024);
  EXPECT_EQ(*ParseByteSize("1GiB"), 1024u * 1024 * 1024);
  EXPECT_EQ(*ParseByteSize("10MB"), 10'000'000u);
  EXPECT_EQ(*ParseByteSize("10 MiB"), 10u * 1024 * 1024);
  EXPECT_FALSE(ParseByteSize("").ok());
  EXPECT_FALSE(ParseByteSize("MiB").ok());
  EXPECT_FALSE(ParseByteSize("-1").ok());
  EXPECT_FALSE(ParseByteSize("10XB").ok());
  EXPECT_FALSE(ParseByteSize("99999999999999999GiB").ok());
  EXPECT_EQ(ParseByteSize("ten").error().message,
            "invalid size 'ten' (expected bytes or e.g. 512KiB, 10MiB, 1GiB, 10MB)");
}

TEST(ClosestMatch, SuggestsOnlyLikelyTypos) {
  constexpr std::array<std::string_view, 4> kKeys = {"id", "name", "url", "columns"};
  EXPECT_EQ(EditDistance("colums", "columns"), 1u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("nmae", "name"), 1u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(ClosestMatch("colums", kKeys), "columns");
  EXPECT_EQ(ClosestMatch("nmae", kKeys), "name");
  EXPECT_EQ(ClosestMatch("ur", kKeys), "url");
  EXPECT_EQ(ClosestMatch("homepage", kKeys), std::nullopt);
}

TEST(ExpandEnv, SubstitutesAndReportsOffsets) {
  const std::map<std::string, std::string> vars = {{"A", "1"}, {"EMPTY", ""}};
  auto env = [&](const std::string& n) -> std::optional<std::string> {
    const auto it = vars.find(n);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  EXPECT_EQ(ExpandEnv("x${A}y", env).value, "x1y");
  EXPECT_EQ(ExpandEnv("${B:-d}", env).value, "d");
  EXPECT_EQ(ExpandEnv("${EMPTY:-d}", env).value, "d");
  EXPECT_EQ(ExpandEnv("${EMPTY}", env).value, "");
  EXPECT_EQ(ExpandEnv("$${A} $A 5$", env).value, "${A} $A 5$");
  const auto unset = ExpandEnv("ab${B}", env);
  ASSERT_TRUE(unset.error.has_value());
  EXPECT_EQ(unset.error_offset, 2u);
  EXPECT_EQ(*unset.error, "environment variable 'B' is not set (use ${B:-default} to give a default)");
  EXPECT_EQ(*ExpandEnv("${1X}", env).error, "invalid environment variable name '1X' in '${1X}'");
  EXPECT_EQ(*ExpandEnv("${A", env).error, "unterminated '${' (write '$${' for a literal '${')");
}

TEST(XPathChecker, CompilesOnceAndReportsLibxml2Reason) {
  XPathChecker checker;
  EXPECT_EQ(checker.Check("//ul[@class='list']/li"), std::nullopt);
  EXPECT_EQ(checker.Check("./span[contains(@class, 'date')]"), std::nullopt);
  EXPECT_EQ(checker.Check("//ul["), "Invalid expression");
  // Cached: the same answer again.
  EXPECT_EQ(checker.Check("//ul["), "Invalid expression");
}

}  // namespace
}  // namespace govwatch::config
