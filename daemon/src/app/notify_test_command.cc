// govwatch notify-test -c FILE [--channel NAME]: sends a Chinese test message through every
// configured channel (or the named one) right away, bypassing the outbox, and prints one line per
// channel (commands.h). Exit 0 when all were accepted, 1 when any failed or the configuration is
// invalid, 2 on a usage error.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "app/commands.h"
#include "config/loader.h"
#include "notify/transport.h"

namespace govwatch::app {
namespace {

constexpr const char* kNotifyTestUsage =
    "usage: govwatch notify-test -c FILE [--channel NAME]\n"
    "\n"
    "Sends a test message (in Chinese) through each configured channel, or only NAME, at once —\n"
    "not through the outbox — and prints per channel\n"
    "  NAME: ok (DETAIL)   or   NAME: failed (DETAIL)\n"
    "Exits 0 when every channel accepted the message, 1 otherwise.\n"
    "\n"
    "  -c, --config FILE   configuration file\n"
    "  --channel NAME      only this channel\n";

const char* TypeName(config::Channel::Type type) {
  switch (type) {
    case config::Channel::Type::kEmail:
      return "email";
    case config::Channel::Type::kWebhook:
      return "webhook";
    case config::Channel::Type::kDingTalk:
      return "dingtalk";
    case config::Channel::Type::kWeCom:
      return "wecom";
  }
  return "?";
}

core::Notification TestMessage(const config::Channel& channel, core::Timestamp now) {
  core::Notification n;
  n.channel = channel.name;
  n.subject = "【govwatch 测试】告警通道“" + channel.name + "”测试消息";
  n.text =
      "这是一条来自 govwatch 政府网站与政务新媒体监测服务的测试消息。\n"
      "收到本消息说明告警通道“" + channel.name + "”配置正确，无需回复。\n"
      "发送时间：" + core::FormatIso8601(now, std::chrono::hours{8}) + "（北京时间）";
  n.html = "<p>这是一条来自 <b>govwatch</b> 政府网站与政务新媒体监测服务的测试消息。</p>"
           "<p>收到本消息说明告警通道“" + channel.name + "”配置正确，无需回复。</p>"
           "<p>发送时间：" + core::FormatIso8601(now, std::chrono::hours{8}) + "（北京时间）</p>";
  n.dedup_key = "notify-test:" + channel.name + ":" + std::to_string(now.time_since_epoch().count());
  n.created_at = now;
  return n;
}

}  // namespace

int RunNotifyTest(const Args& args) {
  std::string file;
  std::string only;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kNotifyTestUsage, stdout);
      return 0;
    }
    const bool takes_value = a == "-c" || a == "--config" || a == "--channel";
    if (takes_value && i + 1 >= args.size()) {
      std::fprintf(stderr, "govwatch notify-test: %s needs a value\n\n%s", a.c_str(),
                   kNotifyTestUsage);
      return 2;
    }
    if (a == "-c" || a == "--config") {
      file = args[++i];
    } else if (a == "--channel") {
      only = args[++i];
    } else {
      std::fprintf(stderr, "govwatch notify-test: unexpected argument '%s'\n\n%s", a.c_str(),
                   kNotifyTestUsage);
      return 2;
    }
  }
  if (file.empty()) {
    std::fprintf(stderr, "govwatch notify-test: missing -c FILE\n\n%s", kNotifyTestUsage);
    return 2;
  }
  const config::LoadResult loaded = config::LoadConfigFile(file);
  if (!loaded.config) {
    for (const config::Diagnostic& d : loaded.diagnostics) {
      std::fprintf(stderr, "%s\n", d.ToString().c_str());
    }
    return 1;
  }
  const config::Config& config = *loaded.config;
  std::vector<const config::Channel*> channels;
  for (const config::Channel& c : config.channels) {
    if (only.empty() || c.name == only) channels.push_back(&c);
  }
  if (channels.empty()) {
    if (only.empty()) {
      std::fprintf(stderr, "govwatch notify-test: %s configures no channels\n", file.c_str());
    } else {
      std::fprintf(stderr, "govwatch notify-test: no channel named '%s' in %s\n", only.c_str(),
                   file.c_str());
    }
    return 1;
  }
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::system_clock::now());
  auto transport = notify::MakeCurlTransport();
  bool all_ok = true;
  for (const config::Channel* channel : channels) {
    const notify::Envelope envelope{0, now, config.outbox.send_timeout};
    const notify::SendOutcome outcome =
        transport->Send(*channel, TestMessage(*channel, now), envelope);
    const bool ok = outcome.kind == notify::SendOutcome::Kind::kSent;
    all_ok = all_ok && ok;
    std::printf("%s (%s): %s (%s)\n", channel->name.c_str(), TypeName(channel->type),
                ok ? "ok" : "failed", outcome.detail.c_str());
    std::fflush(stdout);
  }
  return all_ok ? 0 : 1;
}

}  // namespace govwatch::app
