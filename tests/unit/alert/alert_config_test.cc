// The alerts:, channels: and outbox: sections of the configuration: good values land in the
// structs, bad ones are reported with FILE:LINE:COL and the exact text.
#include <gtest/gtest.h>

#include "config/loader.h"

namespace govwatch::config {
namespace {

using namespace std::chrono_literals;

constexpr char kBase[] = R"(units:
  - {id: gy-rs, name: 固原市人力资源和社会保障局, region: 市本级}
accounts:
  - {id: gyrs-wechat, name: 固原人社, platform: wechat, unit: gy-rs, source: {url: "http://127.0.0.1:1/f.xml"}}
)";

LoadResult Load(const std::string& tail,
                std::map<std::string, std::string> env = {{"SMTP_PASSWORD", "s3cret"}}) {
  return LoadConfigString(std::string(kBase) + tail, "t.yaml",
                          [env](const std::string& name) -> std::optional<std::string> {
                            auto it = env.find(name);
                            if (it == env.end()) return std::nullopt;
                            return it->second;
                          });
}

std::vector<std::string> Errors(const LoadResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.ToString());
  return out;
}

TEST(AlertConfig, FullSectionsDecode) {
  const LoadResult r = Load(R"(channels:
  - name: office
    type: email
    smtp_url: smtp://127.0.0.1:2525
    password: ${SMTP_PASSWORD}
    from: govwatch@example.gov.cn
    to: [gongkai@example.gov.cn]
  - name: robot
    type: dingtalk
    url: https://oapi.dingtalk.com/robot/send?access_token=abc
    secret: SEC123
alerts:
  for_observations: 2
  for_duration: 1h
  reminder_initial: 12h
  reminder_max: 3d
  send_resolved: false
  digest_time: "08:30"
  time_zone: UTC
  status_url: http://127.0.0.1:9816/
  routes:
    - {channels: [office]}
    - {regions: [市本级], min_severity: veto, channels: [office, robot], unit_contacts: true}
  silences:
    - {targets: [gyrs-wechat], weekly_days: [sat, 7], start: "22:00", end: "02:00", comment: 维护}
    - {checks: [availability], from: "2021-07-01T00:00:00", until: "2021-07-02T00:00:00+08:00"}
outbox: {max_attempts: 3, initial_backoff: 10s, max_backoff: 5m, send_timeout: 20s}
)");
  ASSERT_TRUE(r.config) << ::testing::PrintToString(Errors(r));
  const Config& c = *r.config;
  ASSERT_EQ(c.channels.size(), 2u);
  EXPECT_EQ(c.channels[0].password, "s3cret");
  EXPECT_EQ(c.channels[1].type, Channel::Type::kDingTalk);
  EXPECT_EQ(c.alerts.for_observations, 2);
  EXPECT_EQ(c.alerts.for_duration, 1h);
  EXPECT_EQ(c.alerts.reminder_initial, 12h);
  EXPECT_EQ(c.alerts.reminder_max, 72h);
  EXPECT_FALSE(c.alerts.send_resolved);
  EXPECT_EQ(c.alerts.digest_time, std::chrono::minutes{8 * 60 + 30});
  EXPECT_EQ(c.alerts.time_zone.name(), "UTC");
  ASSERT_EQ(c.alerts.routes.size(), 2u);
  EXPECT_EQ(c.alerts.routes[1].min_severity, core::Severity::kVeto);
  EXPECT_TRUE(c.alerts.routes[1].unit_contacts);
  ASSERT_EQ(c.alerts.silences.size(), 2u);
  EXPECT_EQ(c.alerts.silences[0].weekly_days, (std::vector<int>{6, 7}));
  EXPECT_EQ(c.alerts.silences[0].start, std::chrono::minutes{22 * 60});
  EXPECT_EQ(c.alerts.silences[1].from, *core::ParseIso8601("2021-07-01T00:00:00+08:00"));
  EXPECT_EQ(c.outbox.max_attempts, 3);
  EXPECT_EQ(c.outbox.max_backoff, 5min);
}

struct BadCase {
  const char* name;
  const char* yaml;
  std::vector<std::string> errors;
};

TEST(AlertConfig, ErrorsWithPositions) {
  const BadCase cases[] = {
      {"route names a missing channel",
       "channels:\n  - {name: office, type: email, smtp_url: \"smtp://h\", from: a@b.cn}\n"
       "alerts:\n  routes:\n    - {channels: [ofice]}\n",
       {"t.yaml:9:19: 'channels': unknown channel 'ofice' (did you mean 'office'?)"}},
      {"unknown key in alerts",
       "alerts:\n  reminder: 1h\n",
       {"t.yaml:6:3: unknown key 'reminder' in alerts (allowed: for_observations, for_duration, "
        "reminder_initial, reminder_max, send_resolved, digest_time, time_zone, status_url, "
        "upstream_min_targets, routes, silences)"}},
      {"bad channel type and smtp url",
       "channels:\n  - {name: x, type: sms}\n  - {name: y, type: email, smtp_url: \"http://h\", "
       "from: nobody}\n",
       {"t.yaml:6:21: 'type': unknown channel type 'sms' (allowed: email, webhook, dingtalk, "
        "wecom)",
        "t.yaml:7:38: 'smtp_url': expected smtp://HOST[:PORT] or smtps://HOST[:PORT], got "
        "'http://h'",
        "t.yaml:7:56: 'from': invalid e-mail address 'nobody'"}},
      {"secret is never echoed",
       "channels:\n  - {name: x, type: email, smtp_url: \"smtp://h\", from: a@b.cn, password: "
       "pw, password_file: /etc/pw}\n  - {name: y, type: email, smtp_url: \"smtp://h\", from: "
       "a@b.cn, password_file: etc/pw}\n",
       {"t.yaml:6:93: 'password_file': give either 'password' or 'password_file', not both",
        "t.yaml:7:79: 'password_file': must be an absolute path, got 'etc/pw'"}},
      {"unset environment variable",
       "channels:\n  - {name: x, type: email, smtp_url: \"smtp://h\", from: a@b.cn, password: "
       "\"${NOPE}\"}\n",
       {"t.yaml:6:74: 'password': environment variable 'NOPE' is not set (use ${NOPE:-default} "
        "to give a default)"}},
      {"email key on a webhook",
       "channels:\n  - {name: x, type: webhook, url: \"http://h/\", to: [a@b.cn]}\n",
       {"t.yaml:6:48: 'to': not used by a webhook channel"}},
      {"bad digest time, severity, unknown unit",
       "alerts:\n  digest_time: \"9am\"\n  routes:\n    - {units: [nobody], min_severity: high, "
       "channels: []}\n",
       {"t.yaml:6:16: 'digest_time': expected a local time HH:MM (00:00 to 24:00), got '9am'",
        "t.yaml:8:16: 'units': unknown unit 'nobody'",
        "t.yaml:8:39: 'min_severity': unknown severity 'high' (allowed: veto, deduction, "
        "warning, info)"}},
      {"silence without matchers and a window without times",
       "alerts:\n  silences:\n    - {weekly_days: [funday, 1]}\n",
       {"t.yaml:7:7: silence: give at least one of 'targets', 'units' or 'checks' (a silence of "
        "everything would hide every alert)",
        "t.yaml:7:21: 'weekly_days': a maintenance window needs 'start' and 'end'",
        "t.yaml:7:22: 'weekly_days': expected 1-7 or mon … sun, got 'funday'"}},
      {"silence target unknown, until before from",
       "alerts:\n  silences:\n    - {targets: [nosite/col], from: \"2021-07-02\", until: "
       "\"2021-07-01\"}\n",
       {"t.yaml:7:18: 'targets': unknown site or account 'nosite/col'",
        "t.yaml:7:58: 'until': must be after 'from'"}},
      {"reminder_max shorter than initial, outbox bounds",
       "alerts:\n  reminder_initial: 2d\n  reminder_max: 1d\noutbox:\n  max_attempts: 0\n  "
       "send_timeout: 0s\n",
       {"t.yaml:7:17: 'reminder_max': must not be shorter than reminder_initial, got '1d'",
        "t.yaml:9:17: 'max_attempts': must be at least 1, got 0",
        "t.yaml:10:17: 'send_timeout': must be at least 1s, got '0s'"}},
  };
  for (const BadCase& c : cases) {
    const LoadResult r = Load(c.yaml);
    EXPECT_FALSE(r.config) << c.name;
    EXPECT_EQ(Errors(r), c.errors) << c.name;
  }
}

}  // namespace
}  // namespace govwatch::config
