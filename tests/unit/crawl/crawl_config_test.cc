// The crawl: section and per-site crawl overrides (config/loader.cc), and the options they give.
#include <gtest/gtest.h>

#include <fstream>

#include "checks/destination_class.h"

#include "config/loader.h"
#include "crawl/options.h"

namespace govwatch::crawl {
namespace {

constexpr const char* kBase = R"(units:
  - id: u
    name: 单位
sites:
  - id: s
    name: 站点
    unit: u
    homepage: http://www.example.gov.cn/
)";

config::LoadResult Load(const std::string& extra_site, const std::string& top) {
  return config::LoadConfigString(std::string(kBase) + extra_site + top, "t.yaml");
}

std::string Errors(const config::LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += d.ToString() + "\n";
  return out;
}

TEST(CrawlConfigTest, DefaultsWhenAbsent) {
  const auto r = Load("", "");
  ASSERT_TRUE(r.config) << Errors(r);
  EXPECT_FALSE(r.config->crawl.enabled);
  EXPECT_EQ(r.config->crawl.max_depth, 5);
  EXPECT_EQ(r.config->crawl.interval, std::chrono::hours{24});
  EXPECT_FALSE(CrawlEnabled(*r.config, r.config->sites[0]));
}

TEST(CrawlConfigTest, SectionAndSiteOverrides) {
  const auto r = Load(R"(    crawl:
      enabled: false
      max_depth: 2
      max_pages_per_day: 50
      alias_hosts: [Example.gov.cn]
)",
                      R"(crawl:
  enabled: true
  max_depth: 4
  max_pages_per_site_per_day: 300
  interval: 12h
  external_check_ttl: 3d
  respect_robots_txt: false
  spider_user_agent: Googlebot/2.1
  cloaking_sample_pages: 2
  concurrency: 8
)");
  ASSERT_TRUE(r.config) << Errors(r);
  const auto& c = r.config->crawl;
  EXPECT_TRUE(c.enabled);
  EXPECT_EQ(c.max_pages_per_site_per_day, 300);
  EXPECT_EQ(c.interval, std::chrono::hours{12});
  EXPECT_EQ(c.external_check_ttl, std::chrono::hours{72});
  EXPECT_FALSE(c.respect_robots_txt);
  EXPECT_EQ(c.spider_user_agent, "Googlebot/2.1");
  const auto& site = r.config->sites[0];
  EXPECT_FALSE(CrawlEnabled(*r.config, site));
  const CrawlOptions o = OptionsFor(*r.config, site, core::Timestamp{}, 20);
  EXPECT_EQ(o.max_depth, 2);
  EXPECT_EQ(o.max_requests, 30);
  EXPECT_EQ(o.alias_hosts, std::vector<std::string>{"example.gov.cn"});
  EXPECT_EQ(o.concurrency, 8);
  EXPECT_EQ(OptionsFor(*r.config, site, core::Timestamp{}, 80).max_requests, 0);
}

TEST(CrawlConfigTest, BadValuesAreReportedWithPositions) {
  const auto r = Load(R"(    crawl:
      alias_hosts: ["http://x/"]
      depth: 3
)",
                      R"(crawl:
  interval: 10m
  max_depth: -1
)");
  ASSERT_FALSE(r.config);
  const std::string errors = Errors(r);
  EXPECT_NE(errors.find("t.yaml:10:21: 'alias_hosts': expected a host name such as "
                        "www.example.gov.cn"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("unknown key 'depth'"), std::string::npos) << errors;
  EXPECT_NE(errors.find("t.yaml:13:13: 'interval': a crawl interval must be at least 1h, got "
                        "'10m'"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("'max_depth'"), std::string::npos) << errors;
}

TEST(CrawlConfigTest, IllegalDomainsFromTheListAndTheFile) {
  const std::string file = ::testing::TempDir() + "/illegal_domains.txt";
  {
    std::ofstream out(file);
    out << "# gambling\nBet-Placeholder.com\n\n  *.porn-placeholder.net  # wildcard\n";
  }
  const auto r = Load("", "crawl:\n  illegal_domains: [A.com, .b.example.]\n"
                          "  illegal_domains_file: " + file + "\n");
  ASSERT_TRUE(r.config) << Errors(r);
  EXPECT_EQ(r.config->crawl.illegal_domains, (std::vector<std::string>{"a.com", "b.example"}));
  const auto now = core::Timestamp(std::chrono::seconds(1'700'000'000));
  // The pure options carry the inline list; the file is read by IllegalDomains.
  EXPECT_EQ(OptionsFor(*r.config, r.config->sites[0], now, 0).illegal_domains,
            (std::set<std::string>{"a.com", "b.example"}));
  const auto all = IllegalDomains(r.config->crawl);
  ASSERT_TRUE(all.ok()) << all.error().message;
  EXPECT_EQ(*all, (std::set<std::string>{"a.com", "b.example", "bet-placeholder.com",
                                         "porn-placeholder.net"}));
  // Suffix by label, not substring.
  EXPECT_TRUE(checks::OnIllegalDomain("www.a.com", *all));
  EXPECT_TRUE(checks::OnIllegalDomain("a.com", *all));
  EXPECT_FALSE(checks::OnIllegalDomain("china.com", *all));
  EXPECT_FALSE(checks::OnIllegalDomain("a.com.cn", *all));
}

TEST(CrawlConfigTest, BadIllegalDomainsAreErrors) {
  const auto r = Load("", "crawl:\n  illegal_domains: [ok.example, 'http://x.example/']\n"
                          "  illegal_domains_file: relative.txt\n");
  EXPECT_FALSE(r.config);
  EXPECT_EQ(Errors(r),
            "t.yaml:10:33: 'illegal_domains': expected a domain such as bad.example, got "
            "'http://x.example/'\n"
            "t.yaml:11:25: 'illegal_domains_file': must be an absolute path, got "
            "'relative.txt'\n");
  config::CrawlSettings missing;
  missing.illegal_domains_file = "/nonexistent/illegal.txt";
  EXPECT_EQ(IllegalDomains(missing).error().message,
            "crawl.illegal_domains_file: cannot read /nonexistent/illegal.txt: No such file or "
            "directory");
  EXPECT_EQ(ParseIllegalDomains("ok.example\nbad domain\n", "f.txt").error().message,
            "f.txt:2: expected a domain such as bad.example, got 'bad domain'");
}

TEST(CrawlConfigTest, BudgetDayIsTheUtcDay) {
  const auto t = core::ParseIso8601("2024-03-01T23:30:00Z", std::chrono::hours{0});
  ASSERT_TRUE(t.ok());
  const auto [from, to] = BudgetDay(*t);
  EXPECT_EQ(core::FormatIso8601(from, std::chrono::seconds{0}, true), "2024-03-01T00:00:00Z");
  EXPECT_EQ(to - from, std::chrono::hours{24});
}

}  // namespace
}  // namespace govwatch::crawl
