// govwatch notify-test end to end: the real binary sends its Chinese test message to a real SMTP
// sink (aiosmtpd) and to a DingTalk-style robot on the FixtureServer, and reports per channel.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>

#include "fixture_server.h"
#include "process.h"

namespace govwatch::e2e {
namespace {


TEST(NotifyCliTest, SendsATestMessageThroughEachChannelAndReportsFailures) {
  TempDir dir;
  const std::string sink_script = Source("tests/support/smtp_sink.py");
  const int smtp_port = FreePort();
  BackgroundProcess sink({"/usr/bin/python3", sink_script, "serve", "--port",
                          std::to_string(smtp_port), "--dir", dir.path() + "/mail"},
                         {});
  ASSERT_TRUE(WaitFor([&] { return sink.Stdout().find("ready") != std::string::npos; },
                      std::chrono::seconds{15}))
      << sink.Stderr();
  testing::FixtureServer robot;
  robot.Route("/robot/send", [](const testing::FixtureRequest&) {
    testing::Reply r;
    r.body = R"({"errcode":0,"errmsg":"ok"})";
    return r;
  });
  robot.Route("/broken", [](const testing::FixtureRequest&) {
    testing::Reply r;
    r.body = R"({"errcode":93000,"errmsg":"invalid webhook url"})";
    return r;
  });
  const std::string config = dir.path() + "/govwatch.yaml";
  std::ofstream(config) << "units:\n"
                           "  - id: office\n"
                           "    name: 固原市政务公开办\n"
                           "    region: 市本级\n"
                           "channels:\n"
                           "  - name: mail\n"
                           "    type: email\n"
                           "    smtp_url: smtp://127.0.0.1:" << smtp_port << "\n"
                           "    from: govwatch@guyuan.gov.cn\n"
                           "    to: [office@guyuan.gov.cn]\n"
                           "  - name: ding\n"
                           "    type: dingtalk\n"
                           "    url: " << robot.Url("/robot/send?access_token=t") << "\n"
                           "    secret: SECabc\n"
                           "  - name: broken\n"
                           "    type: wecom\n"
                           "    url: " << robot.Url("/broken") << "\n";

  const CommandResult all = RunCommand({Binary("daemon/govwatch"), "notify-test", "-c", config});
  EXPECT_EQ(all.exit_code, 1) << all.out << all.err;
  EXPECT_NE(all.out.find("mail (email): ok (smtp: 250"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("ding (dingtalk): ok"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("broken (wecom): failed (webhook: http 200: robot errcode 93000 "
                         "(invalid webhook url))"),
            std::string::npos)
      << all.out;
  EXPECT_EQ(robot.Count("/robot/send"), 1);

  const CommandResult one =
      RunCommand({Binary("daemon/govwatch"), "notify-test", "-c", config, "--channel", "mail"});
  EXPECT_EQ(one.exit_code, 0) << one.out << one.err;
  EXPECT_EQ(one.out.find("ding"), std::string::npos);

  sink.Signal(SIGTERM);
  sink.Wait(std::chrono::seconds{10});
  const CommandResult decoded =
      RunCommand({"/usr/bin/python3", sink_script, "decode", dir.path() + "/mail"});
  ASSERT_EQ(decoded.exit_code, 0) << decoded.err;
  // Two test mails (all channels, then --channel mail), subjects decoded by Python.
  const std::string subject = "\"subject\": \"【govwatch 测试】告警通道“mail”测试消息\"";
  const size_t first = decoded.out.find(subject);
  ASSERT_NE(first, std::string::npos) << decoded.out;
  EXPECT_NE(decoded.out.find(subject, first + 1), std::string::npos) << decoded.out;

  const CommandResult unknown =
      RunCommand({Binary("daemon/govwatch"), "notify-test", "-c", config, "--channel", "nope"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no channel named 'nope'"), std::string::npos) << unknown.err;
  EXPECT_EQ(RunCommand({Binary("daemon/govwatch"), "notify-test"}).exit_code, 2);
}

}  // namespace
}  // namespace govwatch::e2e
