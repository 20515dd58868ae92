// The daemon's link-check crawl and interaction column end to end (issue 6): the real govwatch
// run with crawl enabled against the real fixture server serving tests/data/crawl-site. The
// crawl stores broken_link, hidden_link and fake_link findings and exports the site's link
// availability; the scheduler's column run stores the interaction column's 互动回应差.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "process.h"

namespace govwatch::e2e {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

std::string Config(int fixture_port, const std::string& db) {
  const std::string base = "http://127.0.0.1:" + std::to_string(fixture_port);
  return "default_profile: fast\n"
         "profiles:\n"
         "  fast: {homepage_interval: 10s, column_default_interval: 10s}\n"
         "storage: {path: " + db + "}\n"
         "web: {listen: '127.0.0.1:0', token: e2e-secret}\n"
         "http: {per_host_delay: 0s, max_connections_per_host: 8, retries: 0}\n"
         "crawl: {enabled: true, start_spread: 0s, illegal_domains: [bad-placeholder.org]}\n"
         "units:\n"
         "  - {id: tx, name: 测试县人民政府办公室, region: 测试县}\n"
         "sites:\n"
         "  - id: testxian\n    name: 测试县人民政府\n    unit: tx\n"
         "    homepage: " + base + "/site/index.html\n"
         "    columns:\n"
         "      - {id: hdjl, name: 市长信箱, kind: interaction, url: '" + base +
         "/site/hdjl.html'}\n";
}

class Crawl : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string config = dir_.path() + "/govwatch.yaml";
    std::ofstream(config) << Config(fixture_.port(), dir_.path() + "/govwatch.db");
    daemon_ = std::make_unique<BackgroundProcess>(
        std::vector<std::string>{Binary("daemon/govwatch"), "run", "-c", config},
        std::vector<std::string>{});
    const std::regex listening(R"(http://127\.0\.0\.1:(\d+)/metrics)");
    ASSERT_TRUE(WaitFor(
        [&] {
          std::smatch m;
          const std::string err = daemon_->Stderr();
          if (!std::regex_search(err, m, listening)) return false;
          port_ = std::stoi(m[1]);
          return true;
        },
        10s))
        << daemon_->Stderr();
  }

  // Open findings by "check subject-suffix" (the subject's path, so ports do not matter).
  std::map<std::string, json::object> OpenFindings() {
    std::map<std::string, json::object> out;
    const HttpResult r = Http(port_, "GET", "/api/v1/findings?state=open");
    if (r.status != 200) return out;
    const json::value body = json::parse(r.body);  // outlives the loop (C++20 range-for)
    for (const auto& v : body.at("findings").as_array()) {
      const auto& o = v.as_object();
      std::string subject(o.at("subject").is_string() ? o.at("subject").as_string() : "");
      if (const auto scheme = subject.find("://"); scheme != std::string::npos) {
        subject = subject.substr(subject.find('/', scheme + 3));
      }
      out[std::string(o.at("check").as_string()) + " " + subject] = o;
    }
    return out;
  }

  std::string Metrics() { return Http(port_, "GET", "/metrics").body; }

  FixtureServerProcess fixture_{Source("tests/data/crawl-site")};
  TempDir dir_;
  std::unique_ptr<BackgroundProcess> daemon_;
  int port_ = 0;
};

TEST_F(Crawl, StoresLinkFindingsExportsAvailabilityAndJudgesTheInteractionColumn) {
  // The crawl starts at once (start_spread 0s) and takes well under a second on loopback.
  ASSERT_TRUE(WaitFor([&] { return OpenFindings().contains("hidden_link /ext/casino.html"); },
                      20s))
      << daemon_->Stderr();
  const auto findings = OpenFindings();

  // 错链: the 404 and the soft-404 page, each with the page it was found on and its anchor.
  ASSERT_TRUE(findings.contains("broken_link /site/missing.html"));
  const auto& missing = findings.at("broken_link /site/missing.html");
  EXPECT_EQ(missing.at("target").as_string(), "testxian");
  EXPECT_EQ(missing.at("severity").as_string(), "deduction");
  EXPECT_NE(std::string(missing.at("message").as_string()).find("“关于印发年度工作要点的通知”"),
            std::string::npos);
  EXPECT_NE(std::string(missing.at("message").as_string()).find("HTTP 404"), std::string::npos);
  ASSERT_TRUE(findings.contains("broken_link /site/gone.html"));
  EXPECT_NE(std::string(findings.at("broken_link /site/gone.html").at("message").as_string())
                .find("软404"),
            std::string::npos);
  // Working pages are not broken, whatever their text says.
  for (const char* ok : {"/site/a.html", "/site/hdjl.html", "/site/m/1.html", "/site/index.html"}) {
    EXPECT_FALSE(findings.contains(std::string("broken_link ") + ok)) << ok;
  }

  // 暗链: display:none, to a gambling page outside .gov.cn → veto.
  const auto& hidden = findings.at("hidden_link /ext/casino.html");
  EXPECT_EQ(hidden.at("severity").as_string(), "veto");
  EXPECT_NE(std::string(hidden.at("message").as_string()).find("体育投注"), std::string::npos);
  // 伪链: the empty link.
  bool fake = false;
  for (const auto& [key, f] : findings) fake = fake || key.starts_with("fake_link ");
  EXPECT_TRUE(fake);

  // The site's link availability: 2 broken of the links checked.
  ASSERT_TRUE(WaitFor(
      [&] {
        return Metrics().find("govwatch_link_availability_ratio{site=\"testxian\"}") !=
               std::string::npos;
      },
      5s));
  const std::string metrics = Metrics();
  const std::regex ratio(R"(govwatch_link_availability_ratio\{site="testxian"\} ([0-9.e+-]+))");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(metrics, m, ratio)) << metrics;
  const double availability = std::stod(m[1]);
  EXPECT_GT(availability, 0.5);
  EXPECT_LT(availability, 1.0);

  // 互动回应差 from the scheduler's run of the interaction column: the message unanswered for
  // 100 days, not the one replied in two days.
  ASSERT_TRUE(WaitFor(
      [&] { return OpenFindings().contains("interaction_response /site/m/1.html"); }, 20s))
      << daemon_->Stderr();
  const auto late = OpenFindings().at("interaction_response /site/m/1.html");
  EXPECT_EQ(late.at("target").as_string(), "testxian/hdjl");
  EXPECT_EQ(late.at("severity").as_string(), "veto");
  EXPECT_NE(std::string(late.at("message").as_string()).find("至今已 100 天未回复"),
            std::string::npos);
  EXPECT_FALSE(OpenFindings().contains("interaction_response /site/m/2.html"));
  EXPECT_NE(Metrics().find("govwatch_open_findings{check=\"interaction_response\",severity=\"veto\""),
            std::string::npos);

  daemon_->Signal(SIGTERM);
  EXPECT_EQ(daemon_->Wait(10s), 0) << daemon_->Stderr();
}

}  // namespace
}  // namespace govwatch::e2e
