// A delivery process for the crash test: delivers the outbox at DB to one webhook channel named
// "hook" at URL, pass after pass, until killed. Usage: notify_deliver DB URL
#include <chrono>
#include <cstdio>
#include <thread>

#include "notify/deliverer.h"

int main(int argc, char** argv) {
  using namespace govwatch;
  if (argc != 3) {
    std::fputs("usage: notify_deliver DB URL\n", stderr);
    return 2;
  }
  auto outbox = notify::Outbox::Open(argv[1]);
  if (!outbox) {
    std::fprintf(stderr, "%s\n", outbox.error().message.c_str());
    return 1;
  }
  config::Channel hook;
  hook.name = "hook";
  hook.type = config::Channel::Type::kWebhook;
  hook.url = argv[2];
  config::OutboxSettings settings;
  settings.send_timeout = std::chrono::seconds{5};
  notify::Deliverer deliverer(**outbox, {hook}, settings, nullptr);
  for (;;) {
    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(
        std::chrono::system_clock::now());
    if (auto sent = deliverer.DeliverDue(now); !sent) {
      std::fprintf(stderr, "%s\n", sent.error().message.c_str());
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
}
