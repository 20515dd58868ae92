// E-mail against a real SMTP server on loopback (aiosmtpd, tests/support/smtp_sink.py): an outage
// with a pile of queued messages, then every message arrives exactly once and Python's email
// package decodes the Chinese subjects and the multipart bodies; STARTTLS + AUTH; refusals.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <set>

#include "metrics/metrics.h"
#include "notify/deliverer.h"
#include "notify/smtp_sender.h"
#include "notify_test_util.h"

namespace govwatch::notify {
namespace {

namespace json = boost::json;
using std::chrono::seconds;
using testing::At;
using testing::Note;
using testing::OutboxFixture;

const std::string kSink = e2e::Source("tests/support/smtp_sink.py");

int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// The sink as a background process; ready when it printed "ready".
class Sink {
 public:
  Sink(int port, const std::string& dir, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{"/usr/bin/python3", kSink, "serve", "--port",
                                  std::to_string(port), "--dir", dir};
    argv.insert(argv.end(), extra.begin(), extra.end());
    process_ = std::make_unique<e2e::BackgroundProcess>(argv, std::vector<std::string>{});
    ready_ = e2e::WaitFor([this] { return process_->Stdout().find("ready") != std::string::npos; },
                          std::chrono::seconds{15});
  }
  ~Sink() { Stop(); }
  bool ready() const { return ready_; }
  std::string Stderr() const { return process_->Stderr(); }
  void Stop() {
    if (!process_) return;
    process_->Signal(SIGTERM);
    process_->Wait(std::chrono::seconds{10});
    process_.reset();
  }

 private:
  std::unique_ptr<e2e::BackgroundProcess> process_;
  bool ready_ = false;
};

std::vector<json::object> Decode(const std::string& dir) {
  auto result = e2e::RunCommand({"/usr/bin/python3", kSink, "decode", dir});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<json::object> messages;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    messages.push_back(json::parse(line).as_object());
  }
  return messages;
}

std::string Str(const json::value& v) { return std::string(v.as_string()); }

config::Channel Mail(int port) {
  config::Channel c;
  c.name = "mail";
  c.type = config::Channel::Type::kEmail;
  c.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
  c.from = "govwatch@guyuan.gov.cn";
  c.to = {"office@guyuan.gov.cn"};
  return c;
}

TEST(SmtpChannelTest, OutageThenRecoveryDeliversEveryMessageExactlyOnce) {
  OutboxFixture f;
  e2e::TempDir mail_dir;
  const int port = FreePort();
  Sink first(port, mail_dir.path());
  ASSERT_TRUE(first.ready()) << first.Stderr();
  first.Stop();  // the outage

  // A pile of distinct Chinese subjects, one long enough to need several encoded words.
  std::map<std::string, std::string> subject_by_key;
  for (int i = 0; i < 30; ++i) {
    std::string subject = "【单项否决】原州区人民政府网站首页两周未更新（第" + std::to_string(i) + "号）";
    if (i == 7) subject += "——关于固原市政府网站与政务新媒体检查情况的通报，请及时整改并反馈";
    subject_by_key["fire:" + std::to_string(i)] = subject;
    core::Notification n = Note("mail", "fire:" + std::to_string(i), 1000, subject);
    if (i % 3 == 0) n.to = {"unit" + std::to_string(i) + "@guyuan.gov.cn"};
    ASSERT_TRUE(f.outbox->Enqueue(n).ok());
  }
  config::OutboxSettings settings;
  settings.initial_backoff = seconds{30};
  settings.send_timeout = seconds{10};
  metrics::Metrics metrics("test");
  Deliverer deliverer(*f.outbox, {Mail(port)}, settings, &metrics);
  EXPECT_EQ(deliverer.DeliverDue(At(1000)).value(), 0);
  EXPECT_EQ(f.outbox->Stats(At(1000))->pending, 30);
  EXPECT_NE(metrics.Serialize().find("govwatch_outbox_pending 30"), std::string::npos);
  EXPECT_NE(metrics.Serialize().find(
                "govwatch_notifications_total{channel=\"mail\",result=\"failed\"} 1"),
            std::string::npos)
      << "a down server costs one attempt per pass, not one per message";

  Sink second(port, mail_dir.path());
  ASSERT_TRUE(second.ready()) << second.Stderr();
  EXPECT_EQ(deliverer.DeliverDue(At(1031)).value(), 30);
  EXPECT_EQ(deliverer.DeliverDue(At(5000)).value(), 0);
  second.Stop();

  const std::vector<json::object> received = Decode(mail_dir.path());
  ASSERT_EQ(received.size(), 30u);
  std::multiset<std::string> subjects;
  std::set<std::string> message_ids;
  for (const json::object& m : received) {
    subjects.insert(Str(m.at("subject")));
    message_ids.insert(Str(m.at("message_id")));
    EXPECT_EQ(Str(m.at("from_name")), "govwatch 监测");
    EXPECT_EQ(Str(m.at("from_addr")), "govwatch@guyuan.gov.cn");
    EXPECT_EQ(Str(m.at("content_type")), "multipart/alternative");
    const json::array& parts = m.at("parts").as_array();
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(Str(parts[0].at("type")), "text/plain");
    EXPECT_EQ(Str(parts[0].at("text")), "原州区人民政府网站首页已 15 天未更新。");
    EXPECT_EQ(Str(parts[1].at("type")), "text/html");
    EXPECT_EQ(Str(parts[1].at("text")), "<p>原州区人民政府网站首页已 15 天未更新。</p>");
    EXPECT_TRUE(m.at("defects").as_array().empty()) << json::serialize(m);
  }
  std::multiset<std::string> expected;
  for (const auto& [key, subject] : subject_by_key) expected.insert(subject);
  EXPECT_EQ(subjects, expected);
  EXPECT_EQ(message_ids.size(), 30u);
  // Recipients: the channel's own plus the notification's.
  bool saw_unit = false;
  for (const json::object& m : received) {
    const json::array& to = m.at("to").as_array();
    EXPECT_EQ(Str(to[0]), "office@guyuan.gov.cn");
    if (to.size() == 2) saw_unit = Str(to[1]).starts_with("unit");
  }
  EXPECT_TRUE(saw_unit);
}

// A self-signed certificate for 127.0.0.1 made with the openssl CLI.
void MakeCertificate(const std::string& dir) {
  auto made = e2e::RunCommand({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                               "-subj", "/CN=127.0.0.1", "-days", "1", "-keyout", dir + "/key.pem",
                               "-out", dir + "/cert.pem"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
}

SendOutcome SendNow(const config::Channel& channel) {
  core::Notification n = Note("mail", "test:1", 1000, "测试邮件");
  return MakeCurlTransport()->Send(channel, n, Envelope{1, At(1000), seconds{10}});
}

TEST(SmtpChannelTest, StartTlsAndAuthWithAPasswordFile) {
  e2e::TempDir dir;
  MakeCertificate(dir.path());
  const int port = FreePort();
  Sink sink(port, dir.path() + "/mail",
            {"--auth", "gw:s3cret", "--tls-cert", dir.path() + "/cert.pem", "--tls-key",
             dir.path() + "/key.pem"});
  ASSERT_TRUE(sink.ready()) << sink.Stderr();
  config::Channel channel = Mail(port);
  channel.smtp_require_tls = true;
  channel.verify_tls = false;  // self-signed
  channel.username = "gw";
  channel.password_file = dir.path() + "/password";
  std::ofstream(dir.path() + "/password") << "s3cret\n";
  const SendOutcome ok = SendNow(channel);
  EXPECT_EQ(ok.kind, SendOutcome::Kind::kSent) << ok.detail;
  std::ifstream envelope(dir.path() + "/mail/000001.eml.envelope");
  std::stringstream text;
  text << envelope.rdbuf();
  const json::object e = json::parse(text.str()).as_object();
  EXPECT_TRUE(e.at("tls").as_bool());
  EXPECT_TRUE(e.at("auth").as_bool());

  channel.password = "wrong";
  const SendOutcome denied = SendNow(channel);
  EXPECT_EQ(denied.kind, SendOutcome::Kind::kPermanent) << denied.detail;
}

TEST(SmtpChannelTest, RequiredTlsWithoutStartTlsIsPermanent) {
  e2e::TempDir dir;
  const int port = FreePort();
  Sink sink(port, dir.path());
  ASSERT_TRUE(sink.ready()) << sink.Stderr();
  config::Channel channel = Mail(port);
  channel.smtp_require_tls = true;
  const SendOutcome refused = SendNow(channel);
  EXPECT_EQ(refused.kind, SendOutcome::Kind::kPermanent) << refused.detail;
  // Without the requirement the same server takes it in plain text.
  channel.smtp_require_tls = false;
  EXPECT_EQ(SendNow(channel).kind, SendOutcome::Kind::kSent);
}

TEST(SmtpChannelTest, RejectedRecipientIsPermanentAndNoServerIsTransient) {
  e2e::TempDir dir;
  const int port = FreePort();
  {
    Sink sink(port, dir.path(), {"--reject", "office@guyuan.gov.cn"});
    ASSERT_TRUE(sink.ready()) << sink.Stderr();
    const SendOutcome rejected = SendNow(Mail(port));
    EXPECT_EQ(rejected.kind, SendOutcome::Kind::kPermanent) << rejected.detail;
    EXPECT_NE(rejected.detail.find("550"), std::string::npos) << rejected.detail;
  }
  const SendOutcome down = SendNow(Mail(port));
  EXPECT_EQ(down.kind, SendOutcome::Kind::kRetry) << down.detail;
  EXPECT_TRUE(down.unreachable);
}

}  // namespace
}  // namespace govwatch::notify
