// AlertService on a real SQLite file: restarts, digests, upstream grouping. The sink records
// every Enqueue call (no dedup of its own), so a repeat would show.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "alert/service.h"
#include "store/sqlite_store.h"

namespace govwatch::alert {
namespace {

using namespace std::chrono_literals;

class RecordingSink : public core::NotificationSink {
 public:
  core::Status Enqueue(const core::Notification& n) override {
    sent.push_back(n);
    return {};
  }
  std::vector<core::Notification> sent;
};

// 2021-07-01 08:00 in Shanghai.
const core::Timestamp kT0 = *core::ParseIso8601("2021-07-01T08:00:00+08:00");

std::shared_ptr<const config::Config> TestConfig(int upstream_min = 3) {
  auto c = std::make_shared<config::Config>();
  c->units = {{"gy-rs", "固原市人力资源和社会保障局", "市本级", {}, {{"办公室", "rs@example.gov.cn", ""}}}};
  for (int i = 0; i < 4; ++i) {
    config::Account a;
    a.id = "acct" + std::to_string(i);
    a.name = "账号" + std::to_string(i);
    a.unit = "gy-rs";
    a.platform = core::Platform::kWeibo;
    a.source.url = "http://rsshub.local:1200/weibo/user/" + std::to_string(i);
    c->accounts.push_back(a);
  }
  config::Channel mail;
  mail.name = "office";
  mail.to = {"office@example.gov.cn"};
  c->channels = {mail};
  config::Route all;
  all.channels = {"office"};
  all.unit_contacts = true;
  c->alerts.routes = {all};
  c->alerts.upstream_min_targets = upstream_min;
  return c;
}

class AlertServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("alert-service-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "govwatch.db").string();
    Open();
    for (int i = 0; i < 4; ++i) {
      store::TargetRecord t;
      t.id = "acct" + std::to_string(i);
      t.kind = store::TargetKind::kAccount;
      t.unit = "gy-rs";
      ASSERT_TRUE(store_->UpsertTarget(t).ok());
    }
  }
  void TearDown() override {
    Close();
    std::filesystem::remove_all(dir_);
  }
  // A restart: every connection closes, new ones open on the same file.
  void Open() {
    auto opened = store::SqliteStore::Open(path_);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(opened).value();
    auto alerts = AlertStore::Open(path_);
    ASSERT_TRUE(alerts.ok()) << alerts.error().message;
    alerts_ = std::move(alerts).value();
    service_ = std::make_unique<AlertService>(*alerts_, *store_, sink_, config_);
  }
  void Close() {
    service_.reset();
    alerts_.reset();
    store_.reset();
  }
  core::Finding Finding(const std::string& target, core::Severity severity) {
    core::Finding f;
    f.target_id = target;
    f.unit_id = "gy-rs";
    f.check = "account_freshness";
    f.severity = severity;
    f.message = "新浪微博「" + target + "」已 9 天未更新";
    return f;
  }
  // The scheduler's store step and then the alert step, as the daemon runs them.
  void Observe(const std::string& target, std::optional<core::Severity> finding,
               core::Timestamp now) {
    std::vector<core::Finding> findings;
    if (finding) findings.push_back(Finding(target, *finding));
    ASSERT_TRUE(store_->ReplaceOpenFindings(target, {"account_freshness"}, findings, now).ok());
    auto s = service_->OnObservation(target, {"account_freshness"}, true, now);
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
  std::vector<std::string> Keys() const {
    std::vector<std::string> out;
    for (const auto& n : sink_.sent) out.push_back(n.dedup_key);
    return out;
  }

  std::filesystem::path dir_;
  std::string path_;
  std::shared_ptr<const config::Config> config_ = TestConfig();
  RecordingSink sink_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<AlertStore> alerts_;
  std::unique_ptr<AlertService> service_;
};

TEST_F(AlertServiceTest, VetoGoesOutAtOnceToRoutedRecipients) {
  Observe("acct0", core::Severity::kVeto, kT0);
  ASSERT_EQ(sink_.sent.size(), 1u);
  const core::Notification& n = sink_.sent[0];
  EXPECT_EQ(n.channel, "office");
  EXPECT_EQ(n.to, (std::vector<std::string>{"office@example.gov.cn", "rs@example.gov.cn"}));
  EXPECT_EQ(n.subject, "【govwatch 单项否决】固原市人力资源和社会保障局：新浪微博「acct0」已 9 天未更新");
  EXPECT_EQ(n.dedup_key, "firing:acct0|account_freshness|@" +
                             std::to_string(kT0.time_since_epoch().count()));
  auto firing = alerts_->List({AlertState::kFiring});
  ASSERT_TRUE(firing.ok());
  EXPECT_EQ(firing->size(), 1u);
}

TEST_F(AlertServiceTest, RestartRepeatsNothingAndKeepsReminderSchedule) {
  Observe("acct0", core::Severity::kVeto, kT0);
  Close();
  Open();
  Observe("acct0", core::Severity::kVeto, kT0 + 1h);
  ASSERT_TRUE(service_->Tick(kT0 + 2h).ok());
  EXPECT_EQ(sink_.sent.size(), 1u) << "no repeat after the restart";
  // The reminder (24h by default) comes once, also across another restart.
  Close();
  Open();
  ASSERT_TRUE(service_->Tick(kT0 + 24h).ok());
  ASSERT_TRUE(service_->Tick(kT0 + 25h).ok());
  EXPECT_EQ(Keys().size(), 2u);
  EXPECT_TRUE(Keys()[1].starts_with("reminder:acct0|account_freshness|@")) << Keys()[1];
}

TEST_F(AlertServiceTest, CrashBeforeSavingStateRepeatsTheSameDedupKey) {
  Observe("acct0", core::Severity::kVeto, kT0);
  // The process died after the outbox took the message but before the alert state was saved.
  Close();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DELETE FROM alerts", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  Open();
  Observe("acct0", core::Severity::kVeto, kT0 + 1h);
  ASSERT_EQ(sink_.sent.size(), 2u);
  EXPECT_EQ(sink_.sent[0].dedup_key, sink_.sent[1].dedup_key)
      << "the outbox stores one message for both";
}

TEST_F(AlertServiceTest, ResolutionWhileDownIsNotLost) {
  Observe("acct0", core::Severity::kVeto, kT0);
  // The scheduler stored a clean observation, then the daemon stopped before the alert step.
  ASSERT_TRUE(store_->ReplaceOpenFindings("acct0", {"account_freshness"}, {}, kT0 + 1h).ok());
  Close();
  Open();
  ASSERT_TRUE(service_->Reconcile(kT0 + 5h).ok());
  ASSERT_EQ(sink_.sent.size(), 2u);
  EXPECT_TRUE(sink_.sent[1].dedup_key.starts_with("resolved:acct0|"));
  EXPECT_NE(sink_.sent[1].text.find("持续时间：1 小时"), std::string::npos) << sink_.sent[1].text;
  auto resolved = alerts_->List({AlertState::kResolved});
  ASSERT_TRUE(resolved.ok());
  ASSERT_EQ(resolved->size(), 1u);
  EXPECT_EQ((*resolved)[0].resolved_at, kT0 + 1h);
}

TEST_F(AlertServiceTest, UnknownObservationLeavesTheAlertFiring) {
  Observe("acct0", core::Severity::kVeto, kT0);
  ASSERT_TRUE(service_->OnObservation("acct0", {"account_freshness"}, false, kT0 + 1h).ok());
  EXPECT_EQ(alerts_->List({AlertState::kFiring})->size(), 1u);
  EXPECT_EQ(sink_.sent.size(), 1u);
}

TEST_F(AlertServiceTest, NonVetoesGoIntoOneDailyDigestPerUnit) {
  Observe("acct0", core::Severity::kWarning, kT0 - 2h);
  Observe("acct1", core::Severity::kWarning, kT0 - 1h);
  Observe("acct2", core::Severity::kDeduction, kT0 - 1h);
  ASSERT_TRUE(service_->Tick(kT0 - 1h).ok());
  // acct2's problem is fixed before the digest.
  Observe("acct2", std::nullopt, kT0 + 30min);
  EXPECT_TRUE(sink_.sent.empty()) << "nothing immediate for non-vetoes";
  ASSERT_TRUE(service_->Tick(kT0 + 59min).ok());
  EXPECT_TRUE(sink_.sent.empty()) << "digest_time is 09:00 local";
  ASSERT_TRUE(service_->Tick(kT0 + 1h).ok());
  ASSERT_EQ(sink_.sent.size(), 1u);
  const core::Notification& d = sink_.sent[0];
  EXPECT_EQ(d.dedup_key, "digest:gy-rs:2021-07-01");
  EXPECT_EQ(d.subject, "【govwatch 每日汇总】固原市人力资源和社会保障局 2021-07-01：未解决问题 2 个，已恢复 1 个");
  // Once a day, also across a restart.
  ASSERT_TRUE(service_->Tick(kT0 + 2h).ok());
  Close();
  Open();
  ASSERT_TRUE(service_->Tick(kT0 + 3h).ok());
  EXPECT_EQ(sink_.sent.size(), 1u);
  ASSERT_TRUE(service_->Tick(kT0 + 25h).ok());
  ASSERT_EQ(sink_.sent.size(), 2u);
  EXPECT_EQ(sink_.sent[1].dedup_key, "digest:gy-rs:2021-07-02");
}

TEST_F(AlertServiceTest, ManyTargetsFailingAtOnceMakeOneUpstreamMessage) {
  // Every account is firing a veto; then the monitoring host loses its network.
  for (int i = 0; i < 4; ++i) Observe("acct" + std::to_string(i), core::Severity::kVeto, kT0);
  sink_.sent.clear();
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(service_->OnFetch("acct" + std::to_string(i), true, true, kT0 + 1h).ok());
  }
  ASSERT_EQ(sink_.sent.size(), 1u);
  EXPECT_EQ(sink_.sent[0].dedup_key.substr(0, 24), "firing:@network|upstream");
  EXPECT_NE(sink_.sent[0].subject.find("监测主机网络异常：3 个监测对象同时读取失败"),
            std::string::npos)
      << sink_.sent[0].subject;
  // The members' reminders (due at +24h) are held while the upstream alert fires (its own
  // reminder would come at +25h).
  ASSERT_TRUE(service_->Tick(kT0 + 24h).ok());
  EXPECT_EQ(sink_.sent.size(), 1u);
  // The network returns: the upstream alert resolves (one message), member reminders resume.
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(service_->OnFetch("acct" + std::to_string(i), false, false, kT0 + 24h + 30min).ok());
  }
  ASSERT_EQ(sink_.sent.size(), 2u) << ::testing::PrintToString(Keys());
  EXPECT_TRUE(sink_.sent[1].dedup_key.starts_with("resolved:@network|upstream"));
  ASSERT_TRUE(service_->Tick(kT0 + 24h + 30min).ok());
  EXPECT_EQ(sink_.sent.size(), 6u) << "four reminders after the outage";
}

TEST_F(AlertServiceTest, OneSourceHostDownIsOneMessage) {
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(service_->OnFetch("acct" + std::to_string(i), true, false, kT0).ok());
  }
  ASSERT_EQ(sink_.sent.size(), 1u);
  EXPECT_NE(sink_.sent[0].subject.find("数据源 rsshub.local:1200 无法读取"), std::string::npos)
      << sink_.sent[0].subject;
}

TEST_F(AlertServiceTest, SilencedAlertSendsNothingUntilTheSilenceEnds) {
  auto c = std::make_shared<config::Config>(*config_);
  config::Silence s;
  s.targets = {"acct0"};
  s.until = kT0 + 2h;
  c->alerts.silences = {s};
  ASSERT_TRUE(service_->SetConfig(c).ok());
  Observe("acct0", core::Severity::kVeto, kT0);
  EXPECT_TRUE(sink_.sent.empty());
  ASSERT_TRUE(service_->Tick(kT0 + 1h).ok());
  EXPECT_TRUE(sink_.sent.empty());
  ASSERT_TRUE(service_->Tick(kT0 + 2h).ok());
  ASSERT_EQ(sink_.sent.size(), 1u);
  EXPECT_TRUE(sink_.sent[0].dedup_key.starts_with("firing:acct0|"));
}

TEST_F(AlertServiceTest, FiringBySeverityCountsFiringAlerts) {
  Observe("acct0", core::Severity::kVeto, kT0);
  Observe("acct1", core::Severity::kWarning, kT0);
  auto counts = service_->FiringBySeverity();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ((*counts)["veto"], 1);
  EXPECT_EQ((*counts)["warning"], 1);
  EXPECT_EQ((*counts)["deduction"], 0);
}

}  // namespace
}  // namespace govwatch::alert
