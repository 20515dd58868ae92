// Tests of the configuration loader: the bad-config table (testdata/invalid-*.yaml, each paired
// with its exact messages in invalid-*.expected), a good config's defaults and overrides, env
// substitution, profile inheritance, YAML anchors and merge keys, and every config/*.yaml of
// the repository.
#include "config/loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace govwatch::config {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

const fs::path kTestData = fs::path(GOVWATCH_SOURCE_DIR) / "tests/unit/config/testdata";

// An environment holding exactly `vars`: tests never depend on the real one.
EnvLookup FakeEnv(std::map<std::string, std::string> vars = {}) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Lines(const LoadResult& r) {
  std::vector<std::string> out;
  for (const Diagnostic& d : r.diagnostics) out.push_back(d.ToString());
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// Loads YAML text named "test.yaml" with an empty environment.
LoadResult Load(std::string_view yaml, std::map<std::string, std::string> env = {}) {
  return LoadConfigString(yaml, "test.yaml", FakeEnv(std::move(env)));
}

// A minimal valid config for tests to extend.
constexpr std::string_view kMinimal = R"(
units:
  - {id: gy, name: 固原市人民政府办公室, region: 市本级}
sites:
  - id: portal
    name: 固原市人民政府
    unit: gy
    homepage: http://www.guyuan.example.gov.cn/
    columns:
      - {id: news, name: 固原要闻, kind: news, url: "http://www.guyuan.example.gov.cn/news/"}
accounts:
  - id: fabu
    name: 固原发布
    platform: weibo
    unit: gy
    source: {url: "http://rsshub.example.gov.cn/weibo/user/123"}
)";

// ---- the bad-config table ---------------------------------------------------------------

std::vector<std::string> InvalidCases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kTestData)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("invalid-") && entry.path().extension() == ".yaml") {
      names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

class InvalidConfigTest : public testing::TestWithParam<std::string> {};

TEST_P(InvalidConfigTest, ReportsExactlyTheExpectedMessages) {
  const std::string stem = GetParam();
  const fs::path yaml = kTestData / (stem + ".yaml");
  const fs::path expected = kTestData / (stem + ".expected");
  ASSERT_TRUE(fs::exists(expected)) << "missing " << expected;
  const LoadResult r = LoadConfigString(ReadFile(yaml), stem + ".yaml", FakeEnv());
  EXPECT_FALSE(r.config.has_value());
  EXPECT_EQ(Lines(r), SplitLines(ReadFile(expected)));
}

INSTANTIATE_TEST_SUITE_P(Testdata, InvalidConfigTest, testing::ValuesIn(InvalidCases()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(std::string("invalid-").size());
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(InvalidConfigTable, IsNotEmpty) { EXPECT_GE(InvalidCases().size(), 10u); }

// ---- every shipped config ---------------------------------------------------------------

TEST(ShippedConfigs, EveryYamlFileInConfigDirLoadsWithoutDiagnostics) {
  // govwatch configurations live at the top of config/; subdirectories hold other tools'
  // files (Prometheus rules, Alertmanager, lexicons).
  const fs::path dir = fs::path(GOVWATCH_SOURCE_DIR) / "config";
  int loaded = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    const LoadResult r = LoadConfigFile(entry.path().string(), FakeEnv());
    EXPECT_TRUE(r.diagnostics.empty())
        << entry.path() << ":\n"
        << testing::PrintToString(Lines(r));
    EXPECT_TRUE(r.config.has_value()) << entry.path();
    ++loaded;
  }
  EXPECT_GE(loaded, 1) << "config/example.yaml is missing";
}

TEST(ShippedConfigs, ExampleHasTheDocumentedShape) {
  const LoadResult r =
      LoadConfigFile((fs::path(GOVWATCH_SOURCE_DIR) / "config/example.yaml").string(), FakeEnv());
  ASSERT_TRUE(r.config.has_value());
  const Config& c = *r.config;
  EXPECT_EQ(c.units.size(), 4u);
  EXPECT_EQ(c.sites.size(), 3u);
  EXPECT_EQ(c.ColumnCount(), 14u);
  EXPECT_EQ(c.accounts.size(), 7u);
  EXPECT_EQ(c.default_profile, "guyuan");
  EXPECT_EQ(c.ProfileFor("guyuan").account_stale_days, 7);
  // guyuan-portal inherits guyuan's account rule and tightens news.
  const Profile& portal = c.ProfileFor("guyuan-portal");
  EXPECT_EQ(portal.account_stale_days, 7);
  EXPECT_EQ(portal.homepage_stale_days, 7);
  EXPECT_EQ(portal.column_stale_days.at(core::ColumnKind::kNews), 7);
  EXPECT_EQ(c.storage.path, "/var/lib/govwatch/govwatch.db");
  EXPECT_FALSE(c.http.proxy.has_value());
  ASSERT_NE(c.FindUnit("yuanzhou-gov"), nullptr);
  ASSERT_EQ(c.FindUnit("yuanzhou-gov")->contacts.size(), 1u);
  EXPECT_EQ(c.FindUnit("yuanzhou-gov")->contacts[0].email, "yzqzfb@yuanzhou.example.gov.cn");
  // Daemon settings, with GOVWATCH_WEB_TOKEN and GOVWATCH_CANARY_URL unset.
  EXPECT_EQ(portal.column_interval.at(core::ColumnKind::kNotice), std::chrono::hours{12});
  EXPECT_EQ(c.FindSite("guyuan-portal")->homepage_interval, std::chrono::minutes{30});
  EXPECT_EQ(c.FindSite("guyuan-portal")->columns.at(0).interval, std::chrono::hours{2});
  EXPECT_EQ(c.FindAccount("guyuan-fabu-wechat")->interval, std::chrono::hours{3});
  EXPECT_EQ(c.storage.observation_retention, std::chrono::days{90});
  EXPECT_EQ(c.web.listen, "127.0.0.1:9816");
  EXPECT_FALSE(c.web.token.has_value());
  EXPECT_FALSE(c.schedule.canary_url.has_value());
}

TEST(ShippedConfigs, CompleteExamplesInTheReferenceLoad) {
  // docs/configuration.md: every ```yaml block that starts with a top-level key is a whole file.
  const std::string doc = ReadFile(fs::path(GOVWATCH_SOURCE_DIR) / "docs/configuration.md");
  int checked = 0;
  for (size_t at = doc.find("```yaml\n"); at != std::string::npos;
       at = doc.find("```yaml\n", at + 1)) {
    const size_t start = at + 8;
    const std::string block = doc.substr(start, doc.find("```", start) - start);
    const bool whole_file = block.starts_with("units:") || block.starts_with("default_profile:");
    if (!whole_file) continue;
    const LoadResult r = Load(block);
    EXPECT_TRUE(r.diagnostics.empty()) << block << testing::PrintToString(Lines(r));
    ++checked;
  }
  EXPECT_GE(checked, 2);
}

// ---- a good config: defaults and overrides ----------------------------------------------

TEST(GoodConfig, MinimalConfigGetsTheDocumentedDefaults) {
  const LoadResult r = Load(kMinimal);
  ASSERT_TRUE(r.diagnostics.empty()) << testing::PrintToString(Lines(r));
  ASSERT_TRUE(r.config.has_value());
  const Config& c = *r.config;
  EXPECT_EQ(c.source_file, "test.yaml");
  EXPECT_EQ(c.default_profile, "national");
  ASSERT_EQ(c.profiles.size(), 1u);
  EXPECT_EQ(c.profiles.at("national").account_stale_days, 14);
  EXPECT_EQ(c.storage.path, "/var/lib/govwatch/govwatch.db");
  EXPECT_EQ(c.http.connect_timeout, milliseconds{10'000});
  EXPECT_EQ(c.http.max_body_bytes, 10u * 1024 * 1024);
  EXPECT_EQ(c.http.max_redirects, 10);
  EXPECT_EQ(c.storage.observation_retention, seconds{90 * 86400});
  EXPECT_EQ(c.web.listen, "127.0.0.1:9816");
  EXPECT_FALSE(c.web.token.has_value());
  EXPECT_FALSE(c.web.token_file.has_value());
  EXPECT_FALSE(c.schedule.canary_url.has_value());
  EXPECT_DOUBLE_EQ(c.schedule.jitter, 1.0);
  const Profile& national = c.profiles.at("national");
  EXPECT_EQ(national.homepage_interval, seconds{3600});
  EXPECT_EQ(national.account_interval, seconds{6 * 3600});
  EXPECT_EQ(national.column_interval,
            (std::map<core::ColumnKind, seconds>{{core::ColumnKind::kNews, seconds{4 * 3600}}}));
  EXPECT_EQ(national.column_default_interval, seconds{86400});

  const Site* site = c.FindSite("portal");
  ASSERT_NE(site, nullptr);
  EXPECT_EQ(site->unit, "gy");
  EXPECT_EQ(site->profile, "national");  // filled from default_profile
  EXPECT_EQ(site->time_zone.name(), core::TimeZone().name());
  EXPECT_TRUE(site->verify_tls);
  EXPECT_FALSE(site->homepage_stale_days.has_value());
  EXPECT_FALSE(site->homepage_interval.has_value());
  ASSERT_EQ(site->columns.size(), 1u);
  const Column& col = site->columns[0];
  EXPECT_EQ(col.kind, core::ColumnKind::kNews);
  EXPECT_FALSE(col.item_xpath.has_value());
  EXPECT_FALSE(col.stale_days.has_value());
  EXPECT_FALSE(col.interval.has_value());

  const Account* account = c.FindAccount("fabu");
  ASSERT_NE(account, nullptr);
  EXPECT_EQ(account->platform, core::Platform::kWeibo);
  EXPECT_EQ(account->source.type, "feed");
  EXPECT_EQ(account->source.url, "http://rsshub.example.gov.cn/weibo/user/123");
  EXPECT_EQ(account->profile, "national");
  EXPECT_FALSE(account->interval.has_value());
  EXPECT_EQ(c.FindAccount("nope"), nullptr);
  EXPECT_EQ(c.FindUnit("gy")->region, "市本级");
}

TEST(GoodConfig, EveryKeyOverridesItsDefault) {
  const LoadResult r = Load(R"(
default_profile: gy
profiles:
  gy:
    homepage_stale_days: 7
    homepage_warn_days: 5
    column_stale_days: {news: 10, planning: 0, service: 30}
    stale_key_columns_veto: 3
    stale_columns_veto: 8
    blank_columns_veto: 4
    account_stale_days: 7
    account_warn_days: 0
    interaction_unanswered_days: 60
    interaction_window_days: 180
    availability_probes_per_day: 48
    availability_timeout: 20s
    availability_veto_ratio: 0.1
    availability_warn_ratio: 0.05
    availability_window_days: 14
    interpretation_working_days: 5
    homepage_interval: 30m
    account_interval: 2h
    column_interval: {news: 1h, notice: 12h}
    column_default_interval: 2d
units:
  - id: gy
    name: 固原市人民政府办公室
    aliases: [市政府办]
    contacts:
      - {name: 张三, email: zhang.san@guyuan.example.gov.cn, phone: "+86 (954) 203-1234"}
sites:
  - id: portal
    name: 固原市人民政府
    unit: gy
    homepage: https://www.guyuan.example.gov.cn/
    time_zone: UTC
    profile: national
    verify_tls: false
    homepage_stale_days: 3
    homepage_interval: 20m
    columns:
      - id: notice
        name: 通知公告
        url: https://www.guyuan.example.gov.cn/tzgg/
        kind: notice
        item_xpath: //ul[@class='list']/li
        title_xpath: ./a
        date_xpath: ./span
        stale_days: 30
        interval: 6h
accounts:
  - id: fabu
    name: 固原发布
    platform: douyin
    unit: gy
    source: {type: feed, url: "https://rsshub.example.gov.cn/douyin/user/1"}
    stale_days: 3
    verify_tls: false
    interval: 90m
storage: {path: ./gw.db, observation_retention: 30d}
http:
  user_agent: test-agent
  connect_timeout: 2s
  total_timeout: 1m
  max_connections: 8
  max_connections_per_host: 1
  per_host_delay: 0s
  max_body_bytes: 512KiB
  max_redirects: 0
  retries: 0
  proxy: http://proxy.example.gov.cn:3128
web:
  listen: "[::1]:0"
  token: s3cret-token
schedule:
  canary_url: https://www.gov.cn/
  jitter: 0.25
)");
  ASSERT_TRUE(r.config.has_value()) << testing::PrintToString(Lines(r));
  const Config& c = *r.config;
  const Profile& p = c.ProfileFor("");
  EXPECT_EQ(p.id, "gy");
  EXPECT_EQ(p.homepage_stale_days, 7);
  EXPECT_EQ(p.homepage_warn_days, 5);
  EXPECT_EQ(p.column_stale_days.at(core::ColumnKind::kNews), 10);
  EXPECT_EQ(p.column_stale_days.count(core::ColumnKind::kPlanning), 0u);  // 0 removes the rule
  EXPECT_EQ(p.column_stale_days.at(core::ColumnKind::kService), 30);
  EXPECT_EQ(p.column_stale_days.at(core::ColumnKind::kNotice), 180);  // inherited
  EXPECT_EQ(p.stale_key_columns_veto, 3);
  EXPECT_EQ(p.stale_columns_veto, 8);
  EXPECT_EQ(p.blank_columns_veto, 4);
  EXPECT_EQ(p.account_stale_days, 7);
  EXPECT_EQ(p.account_warn_days, 0);
  EXPECT_EQ(p.interaction_unanswered_days, 60);
  EXPECT_EQ(p.interaction_window_days, 180);
  EXPECT_EQ(p.availability_probes_per_day, 48);
  EXPECT_EQ(p.availability_timeout, seconds{20});
  EXPECT_DOUBLE_EQ(p.availability_veto_ratio, 0.1);
  EXPECT_DOUBLE_EQ(p.availability_warn_ratio, 0.05);
  EXPECT_EQ(p.availability_window_days, 14);
  EXPECT_EQ(p.interpretation_working_days, 5);
  EXPECT_EQ(p.homepage_interval, seconds{30 * 60});
  EXPECT_EQ(p.account_interval, seconds{2 * 3600});
  EXPECT_EQ(p.column_interval,
            (std::map<core::ColumnKind, seconds>{{core::ColumnKind::kNews, seconds{3600}},
                                                 {core::ColumnKind::kNotice, seconds{12 * 3600}}}));
  EXPECT_EQ(p.column_default_interval, seconds{2 * 86400});

  const Unit& u = c.units.at(0);
  EXPECT_EQ(u.aliases, std::vector<std::string>{"市政府办"});
  EXPECT_EQ(u.contacts.at(0).phone, "+86 (954) 203-1234");

  const Site& s = c.sites.at(0);
  EXPECT_EQ(s.time_zone.name(), "UTC");
  EXPECT_EQ(s.profile, "national");
  EXPECT_FALSE(s.verify_tls);
  EXPECT_EQ(s.homepage_stale_days, 3);
  EXPECT_EQ(s.homepage_interval, seconds{20 * 60});
  const Column& col = s.columns.at(0);
  EXPECT_EQ(col.item_xpath, "//ul[@class='list']/li");
  EXPECT_EQ(col.title_xpath, "./a");
  EXPECT_EQ(col.date_xpath, "./span");
  EXPECT_EQ(col.stale_days, 30);
  EXPECT_EQ(col.interval, seconds{6 * 3600});

  const Account& a = c.accounts.at(0);
  EXPECT_EQ(a.platform, core::Platform::kDouyin);
  EXPECT_EQ(a.profile, "gy");
  EXPECT_EQ(a.stale_days, 3);
  EXPECT_FALSE(a.verify_tls);
  EXPECT_EQ(a.interval, seconds{90 * 60});

  EXPECT_EQ(c.storage.path, "./gw.db");
  EXPECT_EQ(c.http.user_agent, "test-agent");
  EXPECT_EQ(c.http.connect_timeout, seconds{2});
  EXPECT_EQ(c.http.total_timeout, seconds{60});
  EXPECT_EQ(c.http.max_connections, 8);
  EXPECT_EQ(c.http.max_connections_per_host, 1);
  EXPECT_EQ(c.http.per_host_delay, milliseconds{0});
  EXPECT_EQ(c.http.max_body_bytes, 512u * 1024);
  EXPECT_EQ(c.http.max_redirects, 0);
  EXPECT_EQ(c.http.retries, 0);
  EXPECT_EQ(c.http.proxy, "http://proxy.example.gov.cn:3128");
  EXPECT_EQ(c.storage.observation_retention, seconds{30 * 86400});
  EXPECT_EQ(c.web.listen, "[::1]:0");
  EXPECT_EQ(c.web.token, "s3cret-token");
  EXPECT_FALSE(c.web.token_file.has_value());
  EXPECT_EQ(c.schedule.canary_url, "https://www.gov.cn/");
  EXPECT_DOUBLE_EQ(c.schedule.jitter, 0.25);
}

TEST(GoodConfig, IntervalAndRetentionBoundsAreInclusive) {
  const LoadResult r = Load(R"(
profiles:
  edge:
    homepage_interval: 24h
    account_interval: 10s
    column_interval: {other: 10s}
    column_default_interval: 10s
storage: {observation_retention: 8d}
schedule: {jitter: 0}
)");
  ASSERT_TRUE(r.config.has_value()) << testing::PrintToString(Lines(r));
  const Profile& p = r.config->ProfileFor("edge");
  EXPECT_EQ(p.homepage_interval, seconds{86400});
  EXPECT_EQ(p.account_interval, seconds{10});
  EXPECT_EQ(p.column_interval.at(core::ColumnKind::kOther), seconds{10});
  EXPECT_EQ(p.column_default_interval, seconds{10});
  EXPECT_EQ(r.config->storage.observation_retention, seconds{8 * 86400});
  EXPECT_DOUBLE_EQ(r.config->schedule.jitter, 0.0);
}

TEST(GoodConfig, ColumnIntervalsMergeWithTheInheritedProfile) {
  const LoadResult r = Load(R"(
profiles:
  city: {column_interval: {notice: 12h}, homepage_interval: 72m}
  county: {inherits: city, column_interval: {news: 2h}}
)");
  ASSERT_TRUE(r.config.has_value()) << testing::PrintToString(Lines(r));
  const Profile& county = r.config->ProfileFor("county");
  EXPECT_EQ(county.column_interval,
            (std::map<core::ColumnKind, seconds>{{core::ColumnKind::kNews, seconds{2 * 3600}},
                                                 {core::ColumnKind::kNotice, seconds{12 * 3600}}}));
  EXPECT_EQ(county.homepage_interval, seconds{72 * 60});
  EXPECT_EQ(county.column_default_interval, seconds{86400});
}

// ---- web listener and token -------------------------------------------------------------

TEST(WebSettings, NonLoopbackListenerIsAcceptedWithATokenOrATokenFile) {
  const auto with_token = Load("web: {listen: 0.0.0.0:9816, token: '${GW_TOKEN}'}\n",
                               {{"GW_TOKEN", "abc.DEF-123_~+/="}});
  ASSERT_TRUE(with_token.config.has_value()) << testing::PrintToString(Lines(with_token));
  EXPECT_EQ(with_token.config->web.token, "abc.DEF-123_~+/=");

  const auto with_file = Load("web: {listen: '[::]:9816', token_file: /etc/govwatch/token}\n");
  ASSERT_TRUE(with_file.config.has_value()) << testing::PrintToString(Lines(with_file));
  EXPECT_EQ(with_file.config->web.token_file, "/etc/govwatch/token");
  EXPECT_FALSE(with_file.config->web.token.has_value());
}

TEST(WebSettings, LoopbackNeedsNoTokenAndAnEmptyTokenIsUnset) {
  for (const char* listen : {"127.0.0.1:9816", "127.8.9.10:1", "localhost:65535", "'[::1]:0'",
                             "'[::ffff:127.0.0.1]:9816'"}) {
    const auto r = Load(std::string("web: {listen: ") + listen + ", token: '${GW_TOKEN:-}'}\n");
    ASSERT_TRUE(r.config.has_value()) << listen << testing::PrintToString(Lines(r));
    EXPECT_FALSE(r.config->web.token.has_value()) << listen;
  }
}

TEST(WebSettings, AnEmptyTokenDoesNotSatisfyTheNonLoopbackRule) {
  const auto r = Load("web: {listen: 192.0.2.1:80, token: '${GW_TOKEN:-}'}\n");
  EXPECT_EQ(Lines(r), std::vector<std::string>{
                          "test.yaml:1:15: 'listen': a token is required when listening on a "
                          "non-loopback address (set 'token' or 'token_file')"});
}

TEST(WebSettings, TokenErrorsNeverEchoTheSecret) {
  const auto r = Load("web: {token: 'hunter2 with spaces'}\n");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].message.find("hunter2"), std::string::npos);
}

TEST(WebSettings, AnUnsetTokenVariableIsReportedOnceNotAsAMissingToken) {
  const auto r = Load("web: {listen: 0.0.0.0:9816, token: '${GW_TOKEN}'}\n");
  ASSERT_EQ(r.diagnostics.size(), 1u) << testing::PrintToString(Lines(r));
  EXPECT_NE(r.diagnostics[0].message.find("'GW_TOKEN' is not set"), std::string::npos)
      << r.diagnostics[0].message;
}

TEST(GoodConfig, TopLevelKeysMayComeInAnyOrder) {
  // Sites refer to units and profiles defined further down.
  const LoadResult r = Load(R"(
sites:
  - {id: portal, name: 网站, unit: gy, profile: gy, homepage: "http://a.example.gov.cn/"}
profiles:
  gy: {account_stale_days: 7}
units:
  - {id: gy, name: 单位}
)");
  EXPECT_TRUE(r.config.has_value()) << testing::PrintToString(Lines(r));
}

// ---- env substitution -------------------------------------------------------------------

TEST(EnvSubstitution, ReplacesVariablesAndDefaultsInAnyScalar) {
  const LoadResult r = Load(R"(
storage: {path: "${STATE_DIR}/govwatch.db"}
http:
  proxy: ${PROXY:-}
  user_agent: govwatch (${CONTACT:-gongkai@example.gov.cn}) $$HOME
  retries: ${RETRIES}
)",
                            {{"STATE_DIR", "/srv/gw"}, {"RETRIES", "5"}});
  ASSERT_TRUE(r.config.has_value()) << testing::PrintToString(Lines(r));
  EXPECT_EQ(r.config->storage.path, "/srv/gw/govwatch.db");
  EXPECT_FALSE(r.config->http.proxy.has_value());
  EXPECT_EQ(r.config->http.user_agent, "govwatch (gongkai@example.gov.cn) $HOME");
  EXPECT_EQ(r.config->http.retries, 5);
}

TEST(EnvSubstitution, SetVariableWinsOverDefaultAndEmptyTakesDefault) {
  const auto with = Load("http: {proxy: '${PROXY:-http://fallback.example.gov.cn:8080}'}\n",
                         {{"PROXY", "http://proxy.example.gov.cn:3128"}});
  ASSERT_TRUE(with.config.has_value());
  EXPECT_EQ(with.config->http.proxy, "http://proxy.example.gov.cn:3128");
  const auto empty = Load("http: {proxy: '${PROXY:-http://fallback.example.gov.cn:8080}'}\n",
                          {{"PROXY", ""}});
  ASSERT_TRUE(empty.config.has_value());
  EXPECT_EQ(empty.config->http.proxy, "http://fallback.example.gov.cn:8080");
}

TEST(EnvSubstitution, SubstitutedValuesAreValidatedLikeLiterals) {
  const auto r = Load("http: {max_connections: '${N}'}\n", {{"N", "zero"}});
  EXPECT_EQ(Lines(r), std::vector<std::string>{
                          "test.yaml:1:25: 'max_connections': expected an integer, got 'zero'"});
}

// ---- profiles ---------------------------------------------------------------------------

TEST(Profiles, InheritanceChainsResolveInAnyOrder) {
  const LoadResult r = Load(R"(
profiles:
  county:
    inherits: city
    homepage_stale_days: 10
  city:
    inherits: national
    account_stale_days: 7
    column_stale_days: {news: 10}
)");
  ASSERT_TRUE(r.config.has_value()) << testing::PrintToString(Lines(r));
  const Profile& county = r.config->ProfileFor("county");
  EXPECT_EQ(county.id, "county");
  EXPECT_EQ(county.homepage_stale_days, 10);
  EXPECT_EQ(county.account_stale_days, 7);
  EXPECT_EQ(county.column_stale_days.at(core::ColumnKind::kNews), 10);
  const Profile& city = r.config->ProfileFor("city");
  EXPECT_EQ(city.homepage_stale_days, 14);
  EXPECT_EQ(r.config->ProfileFor("national").account_stale_days, 14);
}

TEST(Profiles, NationalCanBeRedefinedAndUnknownIdsFallBackToDefault) {
  const LoadResult r = Load("profiles: {national: {account_stale_days: 10}}\n");
  ASSERT_TRUE(r.config.has_value());
  EXPECT_EQ(r.config->ProfileFor("national").account_stale_days, 10);
  EXPECT_EQ(r.config->ProfileFor("no-such").account_stale_days, 10);
}

// ---- YAML features ----------------------------------------------------------------------

TEST(YamlFeatures, AnchorsAndMergeKeysShareColumnSettings) {
  const LoadResult r = Load(R"(
units: [{id: gy, name: 单位}]
sites:
  - id: portal
    name: 网站
    unit: gy
    homepage: http://a.example.gov.cn/
    columns:
      - &trs {id: news, name: 要闻, kind: news, url: "http://a.example.gov.cn/n/", item_xpath: "//ul/li"}
      - <<: *trs
        id: notice
        name: 通知公告
        kind: notice
)");
  ASSERT_TRUE(r.config.has_value()) << testing::PrintToString(Lines(r));
  const Column& notice = r.config->sites[0].columns[1];
  EXPECT_EQ(notice.id, "notice");
  EXPECT_EQ(notice.kind, core::ColumnKind::kNotice);
  EXPECT_EQ(notice.url, "http://a.example.gov.cn/n/");
  EXPECT_EQ(notice.item_xpath, "//ul/li");
}

TEST(YamlFeatures, AliasToUndefinedAnchorAndSecondDocumentAreErrors) {
  EXPECT_EQ(Lines(Load("units: *nowhere\n")),
            std::vector<std::string>{
                "test.yaml:1:8: alias '*nowhere' refers to no anchor defined before it"});
  EXPECT_EQ(Lines(Load("units: []\n---\nsites: []\n")),
            std::vector<std::string>{
                "test.yaml:2:1: more than one YAML document in the file; expected exactly one"});
}

TEST(YamlFeatures, QuotedNullIsAStringButPlainNullIsMissing) {
  const auto r = Load("units: [{id: gy, name: 'null'}, {id: xj, name: ~}]\n");
  EXPECT_EQ(Lines(r), std::vector<std::string>{"test.yaml:1:48: 'name': missing value"});
}

TEST(YamlFeatures, ColumnsCountCharactersNotBytes) {
  // "固原市" is 9 bytes but 3 characters; editors count characters.
  const auto r = Load("units: [{name: 固原市, id: BAD}]\n");
  EXPECT_EQ(Lines(r), std::vector<std::string>{
                          "test.yaml:1:25: 'id': invalid id 'BAD' (ids use a-z, 0-9, '_' and '-', "
                          "and start with a letter or digit)"});
}

// ---- files ------------------------------------------------------------------------------

TEST(Files, MissingFileIsOneClearLine) {
  const LoadResult r = LoadConfigFile("/nonexistent/govwatch.yaml", FakeEnv());
  EXPECT_FALSE(r.config.has_value());
  EXPECT_EQ(Lines(r), std::vector<std::string>{"/nonexistent/govwatch.yaml: cannot read "
                                               "configuration file: No such file or directory"});
}

TEST(Files, ManyErrorsAreAllReportedSortedByPosition) {
  std::string yaml = "units:\n";
  for (int i = 0; i < 50; ++i) yaml += "  - {id: U" + std::to_string(i) + ", name: x}\n";
  const LoadResult r = Load(yaml);
  ASSERT_EQ(r.diagnostics.size(), 50u);
  for (size_t i = 1; i < r.diagnostics.size(); ++i) {
    EXPECT_LT(r.diagnostics[i - 1].line, r.diagnostics[i].line);
  }
}

TEST(Files, EveryPrefixOfTheExampleLoadsOrReportsPositionedErrors) {
  // A cheap stand-in for fuzzing: truncated files exercise every half-open construct.
  const std::string text = ReadFile(fs::path(GOVWATCH_SOURCE_DIR) / "config/example.yaml");
  for (size_t n = 0; n <= text.size(); n += 13) {
    const LoadResult r = Load(std::string_view(text).substr(0, n));
    ASSERT_NE(r.config.has_value(), !r.diagnostics.empty()) << "prefix " << n;
    for (const Diagnostic& d : r.diagnostics) {
      EXPECT_GE(d.line, 1) << d.ToString();
      EXPECT_GE(d.column, 1) << d.ToString();
    }
  }
}

// ---- Config methods ---------------------------------------------------------------------

TEST(ConfigMethods, HandBuiltConfigFallsBackToNationalDefaults) {
  Config c;
  EXPECT_EQ(c.ProfileFor("anything").account_stale_days, 14);
  EXPECT_EQ(c.ColumnCount(), 0u);
  EXPECT_EQ(c.FindSite("x"), nullptr);
}

}  // namespace
}  // namespace govwatch::config
