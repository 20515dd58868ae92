// Alerts end to end: the real daemon on the demo region (config/demo.yaml plus a channel and a
// route) with a real SMTP server on loopback (Debian's python3-aiosmtpd). The silent account's
// veto lands in the outbox and arrives by e-mail with its Chinese subject; after a restart no
// message is repeated; `govwatch alerts` lists it.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "process.h"

namespace govwatch::e2e {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr char kPython[] = "/usr/bin/python3";



// Rows of one query, columns joined by '|'.
std::vector<std::string> Query(const std::string& db, const std::string& sql) {
  std::vector<std::string> rows;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(h);
    return rows;
  }
  sqlite3_busy_timeout(h, 2000);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const auto* text = sqlite3_column_text(stmt, i);
        row += (i ? "|" : "") + std::string(text ? reinterpret_cast<const char*>(text) : "");
      }
      rows.push_back(row);
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(h);
  return rows;
}

// Decoded subjects of the messages in a maildir, one per line (Python's email package decodes
// RFC 2047 independently of the C++ encoder).
std::vector<std::string> MailSubjects(const std::string& maildir) {
  const auto r = RunCommand(
      {kPython, "-c",
       "import mailbox,sys\n"
       "for m in mailbox.Maildir(sys.argv[1], create=False):\n"
       "    import email.header\n"
       "    print(str(email.header.make_header(email.header.decode_header(m['Subject']))))\n",
       maildir});
  std::vector<std::string> out;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

class Alerts : public ::testing::Test {
 protected:
  void SetUp() override {
    // A missing SMTP server fails the test rather than skipping it: scripts/install-deps
    // installs it, and a skipped delivery test would hide exactly what it exists to show.
    ASSERT_TRUE(std::filesystem::exists(kPython) &&
                RunCommand({kPython, "-c", "import aiosmtpd"}).exit_code == 0)
        << "python3-aiosmtpd is not installed (scripts/install-deps)";
    smtp_port_ = FreePort();
    maildir_ = dir_.path() + "/mail";  // created by the Mailbox handler itself
    smtp_ = std::make_unique<BackgroundProcess>(
        std::vector<std::string>{kPython, "-m", "aiosmtpd", "-n", "-l",
                                 "127.0.0.1:" + std::to_string(smtp_port_), "-c",
                                 "aiosmtpd.handlers.Mailbox", maildir_},
        std::vector<std::string>{});
    config_ = dir_.path() + "/govwatch.yaml";
    db_ = dir_.path() + "/state/govwatch.db";
    // The demo region as shipped, plus where its alerts go.
    std::ofstream(config_)
        << ReadFile(Source("config/demo.yaml"))
        << "\nchannels:\n"
           "  - {name: office, type: email, smtp_url: \"smtp://127.0.0.1:"
        << smtp_port_
        << "\", from: govwatch@guyuan.example.gov.cn, to: [inspect@guyuan.example.gov.cn]}\n"
           "alerts:\n"
           "  routes:\n"
           "    - {channels: [office], unit_contacts: true}\n"
           "outbox: {initial_backoff: 1s, max_backoff: 2s}\n";
  }

  std::vector<std::string> Env() const {
    return {"GOVWATCH_DEMO_PORT=" + std::to_string(fixture_.port()), "GOVWATCH_DEMO_DB=" + db_,
            "GOVWATCH_DEMO_LISTEN=127.0.0.1:0",
            // The copied demo.yaml's relative lexicon_dir would point into the temp dir.
            "GOVWATCH_DEMO_LEXICON=" + Source("config/lexicon")};
  }
  std::unique_ptr<BackgroundProcess> StartDaemon() {
    return std::make_unique<BackgroundProcess>(
        std::vector<std::string>{Binary("daemon/govwatch"), "run", "-c", config_}, Env());
  }

  FixtureServerProcess fixture_{Source("tests/data/demo-region")};
  TempDir dir_;
  int smtp_port_ = 0;
  std::string maildir_, config_, db_;
  std::unique_ptr<BackgroundProcess> smtp_;
};

constexpr char kSilentSubject[] =
    "【govwatch 单项否决】固原市人力资源和社会保障局：微信公众号「固原人社」已 9 天未更新";

TEST_F(Alerts, SilentAccountReachesOutboxAndMailboxOnceAcrossARestart) {
  auto daemon = StartDaemon();
  // Accounts run every minute in the demo profile; the first run falls within that minute.
  const std::string outbox_sql =
      "SELECT subject, state, recipients FROM outbox WHERE dedup_key LIKE "
      "'firing:gyrs|account_freshness|@%'";
  ASSERT_TRUE(WaitFor([&] { return !Query(db_, outbox_sql).empty(); }, 90s))
      << daemon->Stderr();
  auto row = Query(db_, outbox_sql);
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row[0].substr(0, row[0].find('|')), kSilentSubject);
  // The unit has no contacts: the channel's own recipient only.
  EXPECT_NE(row[0].find("inspect@guyuan.example.gov.cn"), std::string::npos);

  auto delivered = [&] {
    for (const auto& s : MailSubjects(maildir_)) {
      if (s == kSilentSubject) return true;
    }
    return false;
  };
  ASSERT_TRUE(WaitFor(delivered, 30s))
      << ::testing::PrintToString(MailSubjects(maildir_)) << "\n"
      << ::testing::PrintToString(Query(db_, "SELECT dedup_key, state, last_error FROM outbox"));
  EXPECT_EQ(Query(db_, outbox_sql)[0].find("|sent|") != std::string::npos, true);

  // Restart: the alert is still firing, nothing is sent again.
  daemon->Signal(SIGTERM);
  ASSERT_EQ(daemon->Wait(15s), 0) << daemon->Stderr();
  // Other targets of the demo may raise their own alerts meanwhile (their first run can fall
  // after the restart); only the silent account's messages must not repeat.
  auto silent_mails = [&] {
    const auto subjects = MailSubjects(maildir_);
    return std::count(subjects.begin(), subjects.end(), std::string(kSilentSubject));
  };
  const char* silent_outbox = "SELECT count(*) FROM outbox WHERE dedup_key LIKE '%gyrs|%'";
  const auto mails_before = silent_mails();
  const auto outbox_before = Query(db_, silent_outbox);
  EXPECT_EQ(mails_before, 1);
  daemon = StartDaemon();
  // Long enough for every target to run again (accounts: 1 minute) and a delivery pass.
  ASSERT_TRUE(WaitFor(
      [&] {
        return !Query(db_, "SELECT 1 FROM alerts WHERE target_id = 'gyrs' AND last_seen_at > "
                           "(SELECT max(created_at) FROM outbox WHERE dedup_key LIKE "
                           "'firing:gyrs|%') + 5")
                    .empty();
      },
      90s))
      << daemon->Stderr();
  std::this_thread::sleep_for(3s);
  EXPECT_EQ(silent_mails(), mails_before);
  EXPECT_EQ(Query(db_, silent_outbox), outbox_before);
  EXPECT_EQ(Query(db_, "SELECT count(*) FROM alerts WHERE target_id = 'gyrs'"),
            std::vector<std::string>{"1"});

  // govwatch alerts lists it (JSON), and filters by unit.
  const auto listed = RunCommand({Binary("daemon/govwatch"), "alerts", "-c", config_, "--state",
                                  "firing", "--unit", "gy-rs", "--format", "json"},
                                 Env());
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto alerts = json::parse(listed.out).as_array();
  ASSERT_EQ(alerts.size(), 1u) << listed.out;
  EXPECT_EQ(alerts[0].at("target").as_string(), "gyrs");
  EXPECT_EQ(alerts[0].at("severity").as_string(), "veto");
  EXPECT_TRUE(alerts[0].at("notified").as_bool());
  const auto table = RunCommand({Binary("daemon/govwatch"), "alerts", "-c", config_}, Env());
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("微信公众号「固原人社」已 9 天未更新"), std::string::npos) << table.out;
  daemon->Signal(SIGTERM);
  EXPECT_EQ(daemon->Wait(15s), 0);
}

TEST(AlertsCommand, RejectsBadArguments) {
  EXPECT_EQ(RunCommand({Binary("daemon/govwatch"), "alerts"}).exit_code, 2);
  EXPECT_EQ(RunCommand({Binary("daemon/govwatch"), "alerts", "-c", "x.yaml", "--state", "open"})
                .exit_code,
            2);
  const auto missing =
      RunCommand({Binary("daemon/govwatch"), "alerts", "-c", Source("config/demo.yaml")},
                 {"GOVWATCH_DEMO_DB=/nonexistent/govwatch.db"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no database at /nonexistent/govwatch.db"), std::string::npos)
      << missing.err;
}

}  // namespace
}  // namespace govwatch::e2e
