// config/grafana/govwatch-dashboard.json asks only for metrics the daemon really exports: every
// govwatch_* name in its queries must appear as a `# TYPE` family on /metrics of the real daemon
// monitoring the demo region (where every family has series: sites, columns, accounts, findings).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstring>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "process.h"

namespace govwatch::e2e {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// Every "expr" and templating "query" string anywhere in the dashboard.
void CollectQueries(const json::value& v, std::vector<std::string>& out) {
  if (const auto* o = v.if_object()) {
    for (const auto& [key, value] : *o) {
      if ((key == "expr" || key == "query" || key == "definition") && value.is_string()) {
        out.emplace_back(value.as_string());
      }
      CollectQueries(value, out);
    }
  } else if (const auto* a = v.if_array()) {
    for (const auto& e : *a) CollectQueries(e, out);
  }
}

// family name → type, from the exposition's "# TYPE name type" lines.
std::map<std::string, std::string> ExportedFamilies(const std::string& exposition) {
  std::map<std::string, std::string> out;
  static const std::regex type_line(R"(^# TYPE (\S+) (\S+)$)", std::regex::multiline);
  for (std::sregex_iterator it(exposition.begin(), exposition.end(), type_line), end; it != end;
       ++it) {
    out[(*it)[1]] = (*it)[2];
  }
  return out;
}

TEST(GrafanaDashboard, QueriesNameOnlyExportedMetrics) {
  std::ifstream in(Source("config/grafana/govwatch-dashboard.json"));
  std::stringstream text;
  text << in.rdbuf();
  const json::value dashboard = json::parse(text.str());
  std::vector<std::string> queries;
  CollectQueries(dashboard, queries);
  ASSERT_GE(queries.size(), 10u);

  FixtureServerProcess fixture(Source("tests/data/demo-region"));
  TempDir dir;
  BackgroundProcess daemon(
      {Binary("daemon/govwatch"), "run", "-c", Source("config/demo.yaml")},
      {"GOVWATCH_DEMO_PORT=" + std::to_string(fixture.port()),
       "GOVWATCH_DEMO_DB=" + dir.path() + "/govwatch.db", "GOVWATCH_DEMO_LISTEN=127.0.0.1:0"});
  const int port = ListenPort(daemon);
  ASSERT_NE(port, 0) << daemon.Stderr();
  // Wait until the first pass has produced the per-target and per-site families.
  std::string exposition;
  ASSERT_TRUE(WaitFor(
      [&] {
        exposition = Http(port, "GET", "/metrics").body;
        return exposition.find("govwatch_availability_ratio{") != std::string::npos &&
               exposition.find("govwatch_open_findings{") != std::string::npos;
      },
      30s))
      << exposition.substr(0, 2000);
  const auto families = ExportedFamilies(exposition);

  static const std::regex metric_name(R"(govwatch_[a-z_]+)");
  std::set<std::string> named;
  for (const auto& q : queries) {
    for (std::sregex_iterator it(q.begin(), q.end(), metric_name), end; it != end; ++it) {
      named.insert(it->str());
    }
  }
  ASSERT_GE(named.size(), 8u);
  for (std::string name : named) {
    // A histogram's series are name_bucket, name_sum and name_count.
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      const std::string base = name.substr(0, name.size() - std::min(name.size(), std::strlen(suffix)));
      if (name.ends_with(suffix) && families.contains(base) && families.at(base) == "histogram") {
        name = base;
      }
    }
    EXPECT_TRUE(families.contains(name)) << "the dashboard queries " << name
                                         << ", which the daemon does not export";
  }
}

}  // namespace
}  // namespace govwatch::e2e
