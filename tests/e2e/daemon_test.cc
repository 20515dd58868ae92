// govwatch run, end to end: the real daemon with a temp directory and config against the real
// fixture server; health, metrics, API, reload (bad and good), SIGTERM, and what it left in the
// database.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstring>
#include <fstream>
#include <regex>

#include "process.h"

namespace govwatch::e2e {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// A config over the demo region with the shortest intervals allowed (10 s).
std::string Config(int fixture_port, const std::string& db, bool with_longde) {
  const std::string base = "http://127.0.0.1:" + std::to_string(fixture_port);
  std::string c =
      "default_profile: fast\n"
      "profiles:\n"
      "  fast: {account_stale_days: 7, homepage_interval: 10s, column_default_interval: 10s,\n"
      "         account_interval: 10s, column_interval: {news: 10s}}\n"
      "storage: {path: " + db + "}\n"
      "web: {listen: '127.0.0.1:0', token: e2e-secret}\n"
      "http: {per_host_delay: 0s, max_connections_per_host: 8}\n"
      "units:\n"
      "  - {id: gy, name: 固原市人民政府办公室, region: 市本级}\n"
      "  - {id: rs, name: 固原市人力资源和社会保障局, region: 市本级}\n"
      "sites:\n"
      "  - id: guyuan\n    name: 固原市人民政府\n    unit: gy\n    homepage: " + base + "/gy/index.html\n"
      "    columns:\n"
      "      - {id: zwyw, name: 政务要闻, kind: news, url: '" + base + "/gy/zwyw/index.html'}\n"
      "      - {id: tzgg, name: 通知公告, kind: notice, url: '" + base + "/gy/tzgg/index.html'}\n";
  if (with_longde) {
    c += "  - id: longde\n    name: 隆德县人民政府\n    unit: gy\n    homepage: " + base +
         "/ld/index.html\n    columns: []\n";
  }
  c += "accounts:\n"
       "  - {id: gyrs, name: 固原人社, platform: wechat, unit: rs, source: {type: feed, url: '" +
       base + "/feeds/wechat-gyrs.xml'}}\n";
  return c;
}

// Receives sd_notify datagrams as systemd would.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& path) : path_(path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    timeval tv{0, 100000};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~NotifySocket() { close(fd_); }
  // Everything received so far, messages joined by '|'.
  const std::string& Drain() {
    char buf[4096];
    ssize_t n;
    while ((n = recv(fd_, buf, sizeof buf, 0)) > 0) received_ += std::string(buf, n) + "|";
    return received_;
  }

 private:
  std::string path_;
  std::string received_;
  int fd_ = -1;
};

class Daemon : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = dir_.path() + "/govwatch.yaml";
    db_ = dir_.path() + "/state/govwatch.db";
    std::ofstream(config_) << Config(fixture_.port(), db_, true);
    notify_ = std::make_unique<NotifySocket>(dir_.path() + "/notify");
    daemon_ = std::make_unique<BackgroundProcess>(
        std::vector<std::string>{Binary("daemon/govwatch"), "run", "-c", config_},
        std::vector<std::string>{"NOTIFY_SOCKET=" + dir_.path() + "/notify"});
    port_ = ListenPort(*daemon_);
    ASSERT_NE(port_, 0) << daemon_->Stderr();
  }

  std::string Metrics() { return Http(port_, "GET", "/metrics").body; }
  bool MetricsHave(const std::string& line) { return Metrics().find(line) != std::string::npos; }

  FixtureServerProcess fixture_{Source("tests/data/demo-region")};
  TempDir dir_;
  std::string config_, db_;
  std::unique_ptr<NotifySocket> notify_;
  std::unique_ptr<BackgroundProcess> daemon_;
  int port_ = 0;
};

TEST_F(Daemon, MonitorsReloadsAndStopsCleanly) {
  // Ready only once config, database and listener are up; health from the first moment.
  EXPECT_TRUE(WaitFor([&] { return notify_->Drain().find("READY=1") != std::string::npos; }, 5s));
  EXPECT_EQ(Http(port_, "GET", "/-/healthy").status, 200);
  EXPECT_EQ(Http(port_, "GET", "/-/ready").status, 200);

  // Every target gets its first run within one interval (10 s here); then the stale notice
  // column and the silent account show up in /metrics.
  auto all_probed = [&] {
    const auto body = json::parse(Http(port_, "GET", "/api/v1/targets").body);
    for (const auto& t : body.at("targets").as_array()) {
      if (t.at("last_probe").is_null()) return false;
    }
    return true;
  };
  ASSERT_TRUE(WaitFor(all_probed, 30s)) << daemon_->Stderr();
  ASSERT_TRUE(WaitFor(
      [&] {
        return MetricsHave("govwatch_stale{target=\"guyuan/tzgg\"} 1") &&
               MetricsHave("govwatch_stale{target=\"gyrs\"} 1");
      },
      10s))
      << Metrics() << daemon_->Stderr();
  const std::string metrics = Metrics();
  EXPECT_NE(metrics.find("govwatch_last_update_timestamp_seconds{target=\"guyuan/zwyw\"}"),
            std::string::npos);
  // Site, unit, kind and platform are on the one info series per target.
  EXPECT_NE(metrics.find("govwatch_target_info{kind=\"notice\",site=\"guyuan\",target=\"guyuan/tzgg\",unit=\"gy\"} 1"),
            std::string::npos);
  EXPECT_NE(metrics.find("govwatch_target_info{kind=\"account\",platform=\"wechat\",target=\"gyrs\",unit=\"rs\"} 1"),
            std::string::npos);
  EXPECT_NE(metrics.find("govwatch_open_findings{check=\"account_freshness\",severity=\"veto\",site=\"gyrs\"} 1"),
            std::string::npos);
  EXPECT_NE(metrics.find("govwatch_build_info{version="), std::string::npos);

  // The JSON API shows the same.
  const auto targets = json::parse(Http(port_, "GET", "/api/v1/targets").body).as_object();
  EXPECT_EQ(targets.at("targets").as_array().size(), 5u);
  const auto gyrs = json::parse(Http(port_, "GET", "/api/v1/targets/gyrs").body).as_object();
  EXPECT_EQ(gyrs.at("status").as_string(), "problem");
  const auto open = json::parse(Http(port_, "GET", "/api/v1/findings?state=open").body).as_object();
  EXPECT_GE(open.at("findings").as_array().size(), 2u);

  // A broken config on SIGHUP: the daemon keeps running the old one and says so.
  std::ofstream(config_) << "sites: [\n";
  daemon_->Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] { return MetricsHave("govwatch_config_last_reload_successful 0"); }, 5s));
  EXPECT_EQ(daemon_->Wait(0ms), -1) << "the daemon died on a bad reload";
  EXPECT_NE(daemon_->Stderr().find("reload: " + config_ + ":"), std::string::npos);
  EXPECT_EQ(json::parse(Http(port_, "GET", "/api/v1/targets").body).at("targets").as_array().size(), 5u);

  // A good config on SIGHUP: 隆德 leaves, targets change.
  std::ofstream(config_) << Config(fixture_.port(), db_, false);
  daemon_->Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] { return MetricsHave("govwatch_config_last_reload_successful 1"); }, 5s));
  EXPECT_EQ(json::parse(Http(port_, "GET", "/api/v1/targets").body).at("targets").as_array().size(), 4u);
  EXPECT_EQ(Metrics().find("target=\"longde\""), std::string::npos);
  EXPECT_NE(notify_->Drain().find("RELOADING=1"), std::string::npos);

  // And back through POST /-/reload, which needs the token.
  std::ofstream(config_) << Config(fixture_.port(), db_, true);
  EXPECT_EQ(Http(port_, "POST", "/-/reload").status, 401);
  const HttpResult reload = Http(port_, "POST", "/-/reload", "Bearer e2e-secret");
  EXPECT_EQ(reload.status, 200) << reload.body;
  EXPECT_EQ(json::parse(Http(port_, "GET", "/api/v1/targets").body).at("targets").as_array().size(), 5u);

  // SIGTERM: exit 0 well within 10 s.
  const auto t0 = std::chrono::steady_clock::now();
  daemon_->Signal(SIGTERM);
  EXPECT_EQ(daemon_->Wait(10s), 0) << daemon_->Stderr();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 10s);
  EXPECT_NE(notify_->Drain().find("STOPPING=1"), std::string::npos);

  // Nothing lost: the database is intact and holds the observations and findings.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  auto scalar = [&](const char* sql) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    std::string out = sqlite3_step(st) == SQLITE_ROW
                          ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0))
                          : "";
    sqlite3_finalize(st);
    return out;
  };
  EXPECT_EQ(scalar("PRAGMA integrity_check"), "ok");
  EXPECT_GE(std::stoi(scalar("SELECT count(*) FROM observations")), 5);
  EXPECT_EQ(scalar("SELECT count(*) FROM findings WHERE target_id = 'gyrs' AND resolved_at IS NULL"), "1");
  sqlite3_close(db);
}

TEST(DaemonStart, RefusesABadConfigAndAnOccupiedPort) {
  TempDir dir;
  const std::string config = dir.path() + "/bad.yaml";
  std::ofstream(config) << "units: 3\n";
  CommandResult r = RunCommand({Binary("daemon/govwatch"), "run", "-c", config});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(config + ":1:8: "), std::string::npos) << r.err;

  // The web port is taken: a clear error and exit 1, not a daemon without endpoints.
  FixtureServerProcess squatter(Source("tests/data/demo-region"));
  std::ofstream(config) << "storage: {path: " << dir.path() << "/db.sqlite}\n"
                        << "web: {listen: '127.0.0.1:" << squatter.port() << "'}\n";
  r = RunCommand({Binary("daemon/govwatch"), "run", "-c", config});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot listen on 127.0.0.1:" + std::to_string(squatter.port())),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace govwatch::e2e
