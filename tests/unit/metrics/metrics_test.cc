// Metrics: exact exposition text for a small scenario (golden file), series removal on reload
// and on resolved findings, and `promtool check metrics` over the output.
#include "metrics/metrics.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/wait.h>

namespace govwatch::metrics {
namespace {

const TargetLabels kNews{"gy/news", "gy", "gy-gov", "news", ""};
const TargetLabels kHome{"gy", "gy", "gy-gov", "homepage", ""};
const TargetLabels kWechat{"gy-wx", "", "gy-gov", "account", "wechat"};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool HasLine(const std::string& text, const std::string& line) {
  for (const auto& l : Lines(text)) {
    if (l == line) return true;
  }
  return false;
}

// Lines of `text` that start with `prefix` (samples of one metric name).
std::vector<std::string> Samples(const std::string& text, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& l : Lines(text)) {
    if (l.rfind(name + "{", 0) == 0 || l.rfind(name + " ", 0) == 0) out.push_back(l);
  }
  return out;
}

// The per-target series handles a caller (the daemon's LiveState) holds, one per target.
struct Series {
  Metrics::TargetSeries news, home, wechat;
};

// Fills a Metrics the way the daemon does after one cycle over a column, a home page and an
// account, two fetch outcomes, open findings, and a good config load.
void FillScenario(Metrics& m, Series& s) {
  m.RecordProbe(s.news, kNews, true, 0.25, 1625018400.0, false);
  m.RecordProbe(s.home, kHome, false, 10.0, std::nullopt, false);
  m.RecordProbe(s.wechat, kWechat, true, 1.5, 1622534400.0, true);
  m.SetOpenFindings({{{"gy", "homepage_freshness", "warning"}, 1},
                     {{"gy-wx", "account_freshness", "veto"}, 2}});
  m.SetAvailability("gy", 0.75);
  m.CountFetch("ok");
  m.CountFetch("ok");
  m.CountFetch("timeout");
  m.SetSchedulerLag(0.5);
  m.RecordReload(true, 1700000000.0);
  m.SetTargetCounts({{"account", 1}, {"homepage", 1}, {"news", 1}});
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(MetricsTest, ScenarioMatchesGoldenExposition) {
  Metrics m("0.1.0");
  Series s;
  FillScenario(m, s);
  const std::string text = m.Serialize();
  const std::filesystem::path golden =
      std::filesystem::path(GOVWATCH_SOURCE_DIR) / "tests/unit/metrics/testdata/scenario.prom";
  if (std::getenv("GOVWATCH_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden, std::ios::binary) << text;
  }
  EXPECT_EQ(text, ReadFile(golden)) << "regenerate with GOVWATCH_UPDATE_GOLDEN=1 and review";
}

TEST(MetricsTest, ScenarioKeyLines) {
  Metrics m("0.1.0");
  Series s;
  FillScenario(m, s);
  const std::string text = m.Serialize();
  // Per-target series carry the target id only; the info series carries the rest.
  EXPECT_TRUE(HasLine(text, "govwatch_last_update_timestamp_seconds{target=\"gy/news\"} 1625018400"));
  EXPECT_TRUE(HasLine(text, "govwatch_target_info{kind=\"news\",site=\"gy\",target=\"gy/news\","
                            "unit=\"gy-gov\"} 1"));
  // The account: no site label, a platform label.
  EXPECT_TRUE(HasLine(text, "govwatch_target_info{kind=\"account\",platform=\"wechat\","
                            "target=\"gy-wx\",unit=\"gy-gov\"} 1"));
  EXPECT_TRUE(HasLine(text, "govwatch_stale{target=\"gy-wx\"} 1"));
  // No date known for the home page: no last-update series for it, but a failed probe.
  EXPECT_EQ(Samples(text, "govwatch_last_update_timestamp_seconds").size(), 2u);
  EXPECT_TRUE(HasLine(text, "govwatch_probe_success{target=\"gy\"} 0"));
  // Durations by kind: the home page's 10 s probe is above the 5 s bucket, within 10 s.
  EXPECT_TRUE(HasLine(text, "govwatch_probe_duration_seconds_bucket{kind=\"homepage\",le=\"5\"} 0"));
  EXPECT_TRUE(HasLine(text, "govwatch_probe_duration_seconds_bucket{kind=\"homepage\",le=\"10\"} 1"));
  EXPECT_TRUE(HasLine(text, "govwatch_probe_duration_seconds_sum{kind=\"account\"} 1.5"));
  EXPECT_TRUE(HasLine(text, "govwatch_open_findings{check=\"account_freshness\","
                            "severity=\"veto\",site=\"gy-wx\"} 2"));
  EXPECT_TRUE(HasLine(text, "govwatch_fetches_total{outcome=\"ok\"} 2"));
  EXPECT_TRUE(HasLine(text, "govwatch_fetches_total{outcome=\"timeout\"} 1"));
  EXPECT_TRUE(HasLine(text, "govwatch_availability_ratio{site=\"gy\"} 0.75"));
  EXPECT_TRUE(HasLine(text, "govwatch_scheduler_lag_seconds 0.5"));
  EXPECT_TRUE(HasLine(text, "govwatch_config_last_reload_successful 1"));
  EXPECT_TRUE(HasLine(text, "govwatch_config_last_reload_success_timestamp_seconds 1700000000"));
  EXPECT_TRUE(HasLine(text, "govwatch_build_info{version=\"0.1.0\"} 1"));
  EXPECT_TRUE(HasLine(text, "govwatch_targets{kind=\"account\"} 1"));
  EXPECT_EQ(text.find("://"), std::string::npos) << "no URL may appear in a label";
}

TEST(MetricsTest, RemoveTargetDropsAllItsSeries) {
  Metrics m("0.1.0");
  Series s;
  FillScenario(m, s);
  m.RemoveTarget(s.news);
  EXPECT_TRUE(s.news.empty());
  const std::string text = m.Serialize();
  EXPECT_EQ(text.find("target=\"gy/news\""), std::string::npos) << text;
  EXPECT_EQ(Samples(text, "govwatch_stale").size(), 2u);
  EXPECT_EQ(Samples(text, "govwatch_target_info").size(), 2u);
  EXPECT_EQ(Samples(text, "govwatch_last_update_timestamp_seconds").size(), 1u);
  // The histogram is by kind, not by target: the news probe already observed stays counted.
  EXPECT_TRUE(HasLine(text, "govwatch_probe_duration_seconds_count{kind=\"news\"} 1"));
  m.RemoveTarget(s.news);  // already removed: no-op
  Metrics::TargetSeries never_probed;
  m.RemoveTarget(never_probed);  // no-op
  EXPECT_EQ(m.Serialize(), text);
}

TEST(MetricsTest, ResolvedFindingsDisappear) {
  Metrics m("0.1.0");
  Series s;
  FillScenario(m, s);
  m.SetOpenFindings({{{"gy", "homepage_freshness", "warning"}, 3}});
  const std::string text = m.Serialize();
  EXPECT_EQ(Samples(text, "govwatch_open_findings"),
            std::vector<std::string>{"govwatch_open_findings{check=\"homepage_freshness\","
                                     "severity=\"warning\",site=\"gy\"} 3"});
  m.SetOpenFindings({});
  EXPECT_TRUE(Samples(m.Serialize(), "govwatch_open_findings").empty());
}

TEST(MetricsTest, ChangedLabelsReplaceOldSeries) {
  Metrics m("0.1.0");
  Metrics::TargetSeries series;
  m.RecordProbe(series, kNews, true, 0.25, 1625018400.0, false);
  TargetLabels moved = kNews;
  moved.kind = "notice";
  m.RecordProbe(series, moved, true, 0.5, 1625018500.0, false);
  const std::string text = m.Serialize();
  EXPECT_EQ(Samples(text, "govwatch_target_info"),
            std::vector<std::string>{"govwatch_target_info{kind=\"notice\",site=\"gy\","
                                     "target=\"gy/news\",unit=\"gy-gov\"} 1"});
  EXPECT_EQ(Samples(text, "govwatch_stale"),
            std::vector<std::string>{"govwatch_stale{target=\"gy/news\"} 0"});
  EXPECT_TRUE(HasLine(text, "govwatch_probe_duration_seconds_count{kind=\"news\"} 1"));
  EXPECT_TRUE(HasLine(text, "govwatch_probe_duration_seconds_count{kind=\"notice\"} 1"));
  // The same labels again keep the one info series.
  m.RecordProbe(series, moved, true, 0.5, 1625018500.0, false);
  EXPECT_EQ(Samples(m.Serialize(), "govwatch_target_info").size(), 1u);
}

TEST(MetricsTest, UnknownLastUpdateRemovesTheSeries) {
  Metrics m("0.1.0");
  Metrics::TargetSeries series;
  m.RecordProbe(series, kNews, true, 0.25, 1625018400.0, false);
  m.RecordProbe(series, kNews, true, 0.25, std::nullopt, true);
  const std::string text = m.Serialize();
  EXPECT_TRUE(Samples(text, "govwatch_last_update_timestamp_seconds").empty()) << text;
  EXPECT_EQ(Samples(text, "govwatch_stale").size(), 1u);
}

TEST(MetricsTest, FailedReloadKeepsLastSuccessTime) {
  Metrics m("0.1.0");
  m.RecordReload(true, 1700000000.0);
  m.RecordReload(false, 1700000100.0);
  const std::string text = m.Serialize();
  EXPECT_TRUE(HasLine(text, "govwatch_config_last_reload_successful 0"));
  EXPECT_TRUE(HasLine(text, "govwatch_config_last_reload_success_timestamp_seconds 1700000000"));
}

TEST(MetricsTest, RemovedSiteAndKindDisappear) {
  Metrics m("0.1.0");
  Series s;
  FillScenario(m, s);
  m.RemoveSite("gy");
  m.SetTargetCounts({{"news", 4}});
  const std::string text = m.Serialize();
  EXPECT_TRUE(Samples(text, "govwatch_availability_ratio").empty());
  EXPECT_EQ(Samples(text, "govwatch_targets"),
            std::vector<std::string>{"govwatch_targets{kind=\"news\"} 4"});
}

// promtool is a hard requirement of the test suite (Debian `prometheus`, scripts/install-deps).
TEST(MetricsTest, PromtoolAcceptsTheExposition) {
  const char* promtool = "/usr/bin/promtool";
  ASSERT_TRUE(std::filesystem::exists(promtool))
      << "promtool not found at /usr/bin/promtool: install Debian package `prometheus` "
         "(scripts/install-deps)";
  Metrics m("0.1.0");
  Series s;
  FillScenario(m, s);
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("govwatch_metrics_" + std::to_string(::getpid()) + ".prom");
  std::ofstream(file, std::ios::binary) << m.Serialize();
  const std::string command =
      std::string(promtool) + " check metrics < '" + file.string() + "' 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = ::pclose(pipe);
  std::filesystem::remove(file);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << output;
  EXPECT_EQ(output, "") << "promtool reported problems";
}

}  // namespace
}  // namespace govwatch::metrics
