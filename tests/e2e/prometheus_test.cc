// A real Prometheus (Debian `prometheus`) scrapes the real daemon on loopback, and the test reads
// govwatch_last_update_timestamp_seconds back through the Prometheus HTTP API.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>
#include <regex>

#include "process.h"

namespace govwatch::e2e {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

TEST(Prometheus, ScrapesTheDaemonAndAnswersQueries) {
  ASSERT_EQ(access("/usr/bin/prometheus", X_OK), 0) << "Debian package prometheus is required";
  FixtureServerProcess fixture(Source("tests/data/demo-region"));
  TempDir dir;
  const std::string base = "http://127.0.0.1:" + std::to_string(fixture.port());
  std::ofstream(dir.path() + "/govwatch.yaml")
      << "profiles:\n  national: {column_interval: {news: 10s}, homepage_interval: 10s}\n"
      << "storage: {path: " << dir.path() << "/govwatch.db}\n"
      << "web: {listen: '127.0.0.1:0'}\n"
      << "units: [{id: gy, name: 固原市人民政府办公室, region: 市本级}]\n"
      << "sites:\n  - id: guyuan\n    name: 固原市人民政府\n    unit: gy\n"
      << "    homepage: " << base << "/gy/index.html\n"
      << "    columns: [{id: zwyw, name: 政务要闻, kind: news, url: '" << base
      << "/gy/zwyw/index.html'}]\n";
  BackgroundProcess daemon({Binary("daemon/govwatch"), "run", "-c", dir.path() + "/govwatch.yaml"},
                           {});
  const int port = ListenPort(daemon);
  ASSERT_NE(port, 0) << daemon.Stderr();

  const int prom_port = FreePort();
  std::ofstream(dir.path() + "/prometheus.yml")
      << "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
      << "scrape_configs:\n  - job_name: govwatch\n    static_configs:\n"
      << "      - targets: ['127.0.0.1:" << port << "']\n";
  BackgroundProcess prometheus(
      {"/usr/bin/prometheus", "--config.file=" + dir.path() + "/prometheus.yml",
       "--storage.tsdb.path=" + dir.path() + "/tsdb",
       "--web.listen-address=127.0.0.1:" + std::to_string(prom_port)},
      {});

  // The per-target series carries only `target`; kind and unit come from the info series through
  // the join documented in docs/operations.md.
  const std::string query = "/api/v1/query?query=" +
      UrlEncode("govwatch_last_update_timestamp_seconds{target=\"guyuan/zwyw\"} * on(target) "
                "group_left(kind, unit) govwatch_target_info");
  json::value answer;
  ASSERT_TRUE(WaitFor(
      [&] {
        const HttpResult r = Http(prom_port, "GET", query);
        if (r.status != 200) return false;
        boost::system::error_code ec;
        answer = json::parse(r.body, ec);
        if (ec) return false;
        const auto* result = answer.find_pointer("/data/result/0/metric/kind", ec);
        return result != nullptr;
      },
      45s))
      << "prometheus: " << prometheus.Stderr().substr(0, 2000) << "\ndaemon: " << daemon.Stderr();
  SCOPED_TRACE(json::serialize(answer));
  const auto& sample = answer.at("data").at("result").as_array().at(0).as_object();
  ASSERT_TRUE(sample.at("metric").as_object().contains("job"));
  ASSERT_TRUE(sample.at("metric").as_object().contains("unit"));
  EXPECT_EQ(sample.at("metric").at("job").as_string(), "govwatch");
  EXPECT_EQ(sample.at("metric").at("kind").as_string(), "news");
  // The value Prometheus stored is the daemon's: the newest 政务要闻 item, yesterday 00:00 +08:00.
  const double value = std::stod(std::string(sample.at("value").as_array().at(1).as_string()));
  const std::string own = Http(port, "GET", "/metrics").body;
  EXPECT_EQ(sample.at("metric").at("unit").as_string(), "gy");
  EXPECT_NE(own.find("govwatch_last_update_timestamp_seconds{target=\"guyuan/zwyw\"} " +
                     std::to_string(static_cast<long long>(value))),
            std::string::npos)
      << value << "\n" << own;
  const double age_days = (static_cast<double>(std::time(nullptr)) - value) / 86400;
  EXPECT_GT(age_days, 0.0);
  EXPECT_LT(age_days, 2.0);

  // Prometheus sees the target as up.
  const HttpResult up = Http(prom_port, "GET", "/api/v1/query?query=" + UrlEncode("up{job=\"govwatch\"}"));
  EXPECT_NE(up.body.find("\"1\""), std::string::npos) << up.body;
}

}  // namespace
}  // namespace govwatch::e2e
