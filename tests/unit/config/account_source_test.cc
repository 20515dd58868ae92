// Account sources and new_media settings in the configuration (issue 7).
#include <gtest/gtest.h>

#include "config/loader.h"

namespace govwatch::config {
namespace {

LoadResult Load(const std::string& accounts, const std::string& extra = "") {
  const std::string yaml = "units:\n  - {id: gy, name: 固原市人民政府办公室}\naccounts:\n" + accounts + extra;
  return LoadConfigString(yaml, "test.yaml", [](const std::string& name) -> std::optional<std::string> {
    if (name == "WECHAT_SECRET") return std::string("from-env");
    return std::nullopt;
  });
}

TEST(AccountSources, ApiTypesGetDefaultsAndADerivedUrl) {
  const LoadResult r = Load(R"(  - {id: w, name: 固原发布, platform: weibo, unit: gy, source: {type: weibo_api, uid: "2656274875"}}
  - {id: c, name: 固原发布, platform: wechat, unit: gy,
     source: {type: wechat_api, appid: wx1, secret: "${WECHAT_SECRET}", base_url: "http://127.0.0.1:8080/wx/"}}
  - {id: f, name: 固原发布, platform: douyin, unit: gy, source: {url: "http://rsshub.example.gov.cn/douyin/user/1"}}
)");
  ASSERT_TRUE(r.config.has_value()) << r.diagnostics.at(0).ToString();
  const Config& c = *r.config;
  EXPECT_EQ(c.accounts[0].source.base_url, "https://m.weibo.cn");
  EXPECT_EQ(c.accounts[0].source.url, "https://m.weibo.cn/u/2656274875");
  EXPECT_EQ(c.accounts[1].source.base_url, "http://127.0.0.1:8080/wx");  // trailing '/' dropped
  EXPECT_EQ(c.accounts[1].source.url, "http://127.0.0.1:8080/wx/cgi-bin/freepublish/batchget");
  EXPECT_EQ(c.accounts[1].source.secret, "from-env");
  EXPECT_EQ(c.accounts[2].source.type, "feed");
  EXPECT_EQ(c.new_media.source_error_after, 3);
  EXPECT_EQ(c.new_media.government_domains, std::vector<std::string>{".gov.cn"});
}

TEST(AccountSources, NewMediaListsReplaceTheDefaults) {
  const LoadResult r = Load("  []\n", R"(new_media:
  source_error_after: 5
  interaction_menu_synonyms: [民意直通车]
  check_links: false
)");
  ASSERT_TRUE(r.config.has_value()) << r.diagnostics.at(0).ToString();
  EXPECT_EQ(r.config->new_media.source_error_after, 5);
  EXPECT_EQ(r.config->new_media.interaction_menu_synonyms, std::vector<std::string>{"民意直通车"});
  EXPECT_FALSE(r.config->new_media.check_links);
  EXPECT_EQ(r.config->new_media.service_menu_synonyms.front(), "网上办事");
}

}  // namespace
}  // namespace govwatch::config
