// The shipped Prometheus rules and Alertmanager example, end to end with real parts on loopback:
// the daemon monitors the demo's silent account, Prometheus (Debian `prometheus`) scrapes it and
// evaluates config/prometheus/govwatch-rules.yml, Alertmanager (`prometheus-alertmanager`) routes
// the alert with the Chinese template of config/alertmanager/, and a real SMTP server
// (`python3-aiosmtpd`) receives the e-mail, whose subject must decode to the right Chinese text.
//
// Only the timing is changed for the test: `for:` becomes 0s and Alertmanager's group_wait 1s.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "process.h"

namespace govwatch::e2e {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;


// The shipped rules with every `for:` set to 0s, so that the test does not wait 10 minutes.
std::string FastRules() {
  return std::regex_replace(ReadFile(Source("config/prometheus/govwatch-rules.yml")),
                            std::regex(R"(for: \d+[smh])"), "for: 0s");
}

// The shipped Alertmanager example pointed at the sink, with the test's template path and
// short waits. Everything else — routes, receivers, templates — is the shipped file.
std::string TestAlertmanagerConfig(int smtp_port) {
  std::string yaml = ReadFile(Source("config/alertmanager/alertmanager.yml"));
  yaml = std::regex_replace(yaml, std::regex(R"(smtp_smarthost: "[^"]*")"),
                            "smtp_smarthost: \"127.0.0.1:" + std::to_string(smtp_port) + "\"");
  yaml = std::regex_replace(yaml, std::regex("smtp_require_tls: true"), "smtp_require_tls: false");
  yaml = std::regex_replace(yaml, std::regex("/etc/govwatch/alertmanager/govwatch.tmpl"),
                            Source("config/alertmanager/govwatch.tmpl"));
  yaml = std::regex_replace(yaml, std::regex(R"(group_wait: \d+[sm])"), "group_wait: 1s");
  return yaml;
}

// Subject and text/plain body of an RFC 5322 message, decoded by Python's email package (the
// same decoding a mail client does: RFC 2047 words, transfer encodings, charsets).
CommandResult DecodeMail(const std::string& path) {
  return RunCommand({"/usr/bin/python3", "-c",
                     "import email, email.policy, sys\n"
                     "m = email.message_from_binary_file(open(sys.argv[1], 'rb'),"
                     " policy=email.policy.default)\n"
                     "print(m['Subject'])\n"
                     "print(m['To'])\n"
                     "print(m.get_body(preferencelist=('plain',)).get_content())\n",
                     path});
}

TEST(Alertmanager, SilentAccountReachesTheInspectionOfficeByEmail) {
  ASSERT_EQ(access("/usr/bin/prometheus", X_OK), 0) << "Debian package prometheus is required";
  ASSERT_EQ(access("/usr/bin/prometheus-alertmanager", X_OK), 0)
      << "Debian package prometheus-alertmanager is required";
  FixtureServerProcess fixture(Source("tests/data/demo-region"));
  TempDir dir;
  const std::string base = "http://127.0.0.1:" + std::to_string(fixture.port());

  // 固原人社 last posted 9 days ago; 固原's profile allows 7.
  std::ofstream(dir.path() + "/govwatch.yaml")
      << "profiles:\n  guyuan: {account_stale_days: 7, account_interval: 10s}\n"
      << "default_profile: guyuan\n"
      << "storage: {path: " << dir.path() << "/govwatch.db}\n"
      << "web: {listen: '127.0.0.1:0'}\n"
      << "units: [{id: gy-rs, name: 固原市人力资源和社会保障局, region: 市本级}]\n"
      << "accounts:\n  - {id: gyrs, name: 固原人社, platform: wechat, unit: gy-rs,\n"
      << "     source: {type: feed, url: '" << base << "/feeds/wechat-gyrs.xml'}}\n";
  BackgroundProcess daemon({Binary("daemon/govwatch"), "run", "-c", dir.path() + "/govwatch.yaml"},
                           {});
  const int port = ListenPort(daemon);
  ASSERT_NE(port, 0) << daemon.Stderr();

  const int smtp_port = FreePort();
  const std::string maildir = dir.path() + "/maildir";
  BackgroundProcess smtp({"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l",
                          "127.0.0.1:" + std::to_string(smtp_port), "-c",
                          "aiosmtpd.handlers.Mailbox", maildir},
                         {});

  const int am_port = FreePort();
  std::ofstream(dir.path() + "/alertmanager.yml") << TestAlertmanagerConfig(smtp_port);
  BackgroundProcess alertmanager(
      {"/usr/bin/prometheus-alertmanager", "--config.file=" + dir.path() + "/alertmanager.yml",
       "--storage.path=" + dir.path() + "/am", "--cluster.listen-address=",
       "--web.listen-address=127.0.0.1:" + std::to_string(am_port)},
      {});

  std::ofstream(dir.path() + "/rules.yml") << FastRules();
  const int prom_port = FreePort();
  std::ofstream(dir.path() + "/prometheus.yml")
      << "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
      << "rule_files: ['" << dir.path() << "/rules.yml']\n"
      << "alerting:\n  alertmanagers:\n    - static_configs:\n"
      << "        - targets: ['127.0.0.1:" << am_port << "']\n"
      << "scrape_configs:\n  - job_name: govwatch\n    static_configs:\n"
      << "      - targets: ['127.0.0.1:" << port << "']\n";
  BackgroundProcess prometheus(
      {"/usr/bin/prometheus", "--config.file=" + dir.path() + "/prometheus.yml",
       "--storage.tsdb.path=" + dir.path() + "/tsdb",
       "--web.listen-address=127.0.0.1:" + std::to_string(prom_port)},
      {});

  // Wait for the e-mail about the silent account (other rules, e.g. a stale home page, have no
  // series in this config and must not mail anything).
  std::string mail;
  ASSERT_TRUE(WaitFor(
      [&] {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(maildir + "/new", ec)) {
          mail = e.path();
          return true;
        }
        return false;
      },
      90s))
      << "no e-mail arrived\nprometheus alerts: "
      << Http(prom_port, "GET", "/api/v1/alerts").body
      << "\nalertmanager: " << alertmanager.Stderr().substr(0, 3000)
      << "\nsmtp: " << smtp.Stderr().substr(0, 2000) << "\ndaemon metrics:\n"
      << Http(port, "GET", "/metrics").body.substr(0, 3000);

  // One problem, one e-mail: the generic open-veto rule leaves account freshness to its own rule.
  std::this_thread::sleep_for(4s);
  EXPECT_EQ(std::distance(fs::directory_iterator(maildir + "/new"), fs::directory_iterator()), 1);

  const CommandResult decoded = DecodeMail(mail);
  ASSERT_EQ(decoded.exit_code, 0) << decoded.err;
  std::istringstream lines(decoded.out);
  std::string subject, to;
  std::getline(lines, subject);
  std::getline(lines, to);
  EXPECT_EQ(subject, "【govwatch 单项否决】政务新媒体 gyrs（wechat）超过规定天数未更新");
  EXPECT_EQ(to, "zwgk@example.gov.cn");
  EXPECT_NE(decoded.out.find("账号 gyrs（责任单位 gy-rs）最近一次发布距今已超过检查指标规定的天数"),
            std::string::npos)
      << decoded.out;
}

}  // namespace
}  // namespace govwatch::e2e
