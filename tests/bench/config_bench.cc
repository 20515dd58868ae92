// Benchmark (DESIGN.md §7, issue 2): a province config — 2,000 sites × 50 columns and 20,000
// accounts — must load and validate in under 2 s on one core. The config is generated into a
// temporary directory with the XPaths, URLs and Chinese names a real one has, then loaded once
// untimed (page cache, time zone files) and three times timed; the best run is reported.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "config/loader.h"

namespace govwatch::config {
namespace {

constexpr int kUnits = 300;
constexpr int kSites = 2000;
constexpr int kColumnsPerSite = 50;
constexpr int kAccounts = 20000;

constexpr const char* kKinds[] = {"news", "notice", "policy", "interpretation", "personnel",
                                  "planning", "disclosure", "interaction", "service", "other"};
constexpr const char* kItemXPaths[] = {"//ul[@class='list']/li", "//div[@class='news_list']//li",
                                       "//table[@class='tab']//tr[td/a]", "//dl/dd"};
constexpr const char* kPlatforms[] = {"wechat", "weibo", "douyin", "toutiao"};

std::string GenerateProvinceConfig() {
  std::string y;
  y.reserve(32 << 20);
  y += "default_profile: province\nprofiles:\n  province:\n    account_stale_days: 7\n";
  y += "storage:\n  path: /var/lib/govwatch/govwatch.db\nhttp:\n  max_connections: 128\n";
  y += "units:\n";
  for (int u = 0; u < kUnits; ++u) {
    const std::string id = std::to_string(u);
    y += "  - id: unit-" + id + "\n    name: 示例单位" + id + "\n    region: 市本级\n";
    y += "    contacts:\n      - name: 联系人" + id + "\n        email: office" + id +
         "@example.gov.cn\n        phone: 0954-1234567\n";
  }
  y += "sites:\n";
  for (int s = 0; s < kSites; ++s) {
    const std::string id = std::to_string(s);
    const std::string host = "https://www" + id + ".example.gov.cn";
    y += "  - id: site-" + id + "\n    name: 示例网站" + id + "\n    unit: unit-" +
         std::to_string(s % kUnits) + "\n    homepage: " + host + "/\n";
    if (s % 10 == 0) y += "    verify_tls: false\n";
    y += "    columns:\n";
    for (int c = 0; c < kColumnsPerSite; ++c) {
      const std::string cid = std::to_string(c);
      y += "      - id: col-" + cid + "\n        name: 栏目" + cid + "\n        url: " + host +
           "/col/col" + cid + "/index.html\n        kind: " + kKinds[c % 10] + "\n";
      if (c % 2 == 0) {
        y += std::string("        item_xpath: \"") + kItemXPaths[(s + c) % 4] +
             "\"\n        date_xpath: ./span[@class='date']\n";
      }
    }
  }
  y += "accounts:\n";
  for (int a = 0; a < kAccounts; ++a) {
    const std::string id = std::to_string(a);
    const char* platform = kPlatforms[a % 4];
    y += "  - id: acct-" + id + "\n    name: 示例发布" + id + "\n    platform: " + platform +
         "\n    unit: unit-" + std::to_string(a % kUnits) +
         "\n    source:\n      type: feed\n      url: http://rsshub.example.gov.cn/" + platform +
         "/user/" + id + "\n";
  }
  return y;
}

TEST(ConfigBench, ProvinceConfigValidatesUnderTwoSeconds) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("govwatch-config-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "province.yaml").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << GenerateProvinceConfig();
  }
  const auto bytes = std::filesystem::file_size(path);

  LoadResult warm = LoadConfigFile(path);
  ASSERT_TRUE(warm.diagnostics.empty()) << warm.diagnostics.front().ToString();
  ASSERT_TRUE(warm.config.has_value());
  EXPECT_EQ(warm.config->sites.size(), static_cast<size_t>(kSites));
  EXPECT_EQ(warm.config->ColumnCount(), static_cast<size_t>(kSites) * kColumnsPerSite);
  EXPECT_EQ(warm.config->accounts.size(), static_cast<size_t>(kAccounts));

  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const LoadResult r = LoadConfigFile(path);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(r.config.has_value());
    best = std::min(best, seconds);
  }
  std::printf("config_bench: %d sites x %d columns + %d accounts, %.1f MB: best of 3 = %.3f s\n",
              kSites, kColumnsPerSite, kAccounts, static_cast<double>(bytes) / 1e6, best);
  RecordProperty("load_seconds", std::to_string(best));
  std::filesystem::remove_all(dir);
  EXPECT_LT(best, 2.0);
}

}  // namespace
}  // namespace govwatch::config
