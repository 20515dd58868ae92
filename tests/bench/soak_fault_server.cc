// soak-fault-server: four loopback "hosts" (one FixtureServer each, so four host:port keys for the
// client's per-host limiter) that misbehave in the ways real 政府网站 do, for tests/bench/soak.sh.
//
//   soak-fault-server PORT_FILE
//
// Any path is served (fallback handler), so the soak config can name as many columns as it likes:
//   good   list pages (15 items dated 0-40 days ago), RSS feeds for paths ending ".xml";
//   slow   the same pages after a 1-9 s delay (some beyond the soak config's 6 s total timeout),
//          or dripped slowly;
//   flaky  rotates per path: ok, 503, reset after 300 body bytes, 500, ok with Connection: close;
//   loop   a redirect loop: P → P_r → P → … (and a 302 to itself for paths ending "/self").
// Writes "NAME PORT" lines to PORT_FILE once all listen; stops on SIGTERM or SIGINT, exit 0.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "core/time.h"
#include "date_template.h"
#include "fixture_server.h"

namespace {

using govwatch::testing::FixtureRequest;
using govwatch::testing::FixtureServer;
using govwatch::testing::Reply;

std::size_t Hash(const std::string& s) { return std::hash<std::string>{}(s); }

std::string ListPage(const std::string& path, std::uint16_t port) {
  const std::size_t seed = Hash(path);
  std::string items;
  for (int i = 0; i < 15; ++i) {
    items += "<li><a href=\"/art/" + std::to_string(seed % 100000) + "_" + std::to_string(i) +
             ".html\">关于做好第" + std::to_string(i) + "项政务公开工作的通知</a><span>{{date:-" +
             std::to_string(static_cast<int>(seed % 10) + 3 * i) + "d}}</span></li>";
  }
  const std::string page =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + path +
      "</title></head><body><div class=\"list\"><ul>" + items +
      "</ul></div><div class=\"footer\">主办：某市人民政府办公室</div></body></html>";
  return govwatch::testing::ExpandTemplates(
      page, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()), port);
}

std::string Feed(const std::string& path, std::uint16_t port) {
  std::string items;
  for (int i = 0; i < 5; ++i) {
    items += "<item><title>第" + std::to_string(i) + "条</title><link>https://mp.example.cn" +
             path + "/" + std::to_string(i) + "</link><pubDate>{{rfc822:-" +
             std::to_string(static_cast<int>(Hash(path) % 4) + 2 * i) + "d}}</pubDate></item>";
  }
  const std::string feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\">"
                           "<channel><title>" + path + "</title><link>https://mp.example.cn</link>" +
                           items + "</channel></rss>";
  return govwatch::testing::ExpandTemplates(
      feed, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()), port);
}

Reply Good(const FixtureRequest& r, std::uint16_t port) {
  if (r.path.size() > 4 && r.path.ends_with(".xml")) {
    return govwatch::testing::Html(Feed(r.path, port), "application/rss+xml; charset=utf-8");
  }
  return govwatch::testing::Html(ListPage(r.path, port));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: soak-fault-server PORT_FILE\n";
    return 2;
  }
  // Block the stop signals before the server threads start, so only sigwait sees them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  FixtureServer::Options options;
  options.threads = 2;
  FixtureServer good(options), slow(options), flaky(options), loop(options);
  const std::uint16_t good_port = good.port(), slow_port = slow.port(),
                      flaky_port = flaky.port();
  good.SetFallback([good_port](const FixtureRequest& r) { return Good(r, good_port); });
  slow.SetFallback([slow_port](const FixtureRequest& r) {
    Reply reply = Good(r, slow_port);
    const std::size_t h = Hash(r.path);
    if (h % 3 == 0) {  // drip: the body over ~2 s
      reply.drip_bytes = 256;
      reply.drip_interval = std::chrono::milliseconds{2000 * 256 / (reply.body.size() + 1)};
    } else {
      reply.delay = std::chrono::milliseconds{1000 + static_cast<int>(h % 8000)};
    }
    return reply;
  });
  flaky.SetFallback([flaky_port](const FixtureRequest& r) {
    Reply reply = Good(r, flaky_port);
    switch ((r.count + static_cast<int>(Hash(r.path) % 5)) % 5) {
      case 0: return reply;
      case 1: reply.status = 503; reply.body = "<html>503 Service Unavailable</html>"; return reply;
      case 2: reply.reset_after = 300; return reply;
      case 3: reply.status = 500; reply.body = "<html>500 Internal Server Error</html>"; return reply;
      default: reply.close = true; return reply;
    }
  });
  loop.SetFallback([](const FixtureRequest& r) {
    if (r.path.ends_with("/self")) return govwatch::testing::Redirect(r.path);
    return govwatch::testing::Redirect(r.path.ends_with("_r") ? r.path.substr(0, r.path.size() - 2)
                                                              : r.path + "_r");
  });
  {
    std::ofstream out(argv[1]);
    out << "good " << good.port() << "\nslow " << slow.port() << "\nflaky " << flaky.port()
        << "\nloop " << loop.port() << "\n";
  }
  int signal = 0;
  sigwait(&stop, &signal);
  std::fprintf(stderr, "soak-fault-server: %d requests served (good %d, slow %d, flaky %d, loop %d)\n",
               good.TotalRequests() + slow.TotalRequests() + flaky.TotalRequests() +
                   loop.TotalRequests(),
               good.TotalRequests(), slow.TotalRequests(), flaky.TotalRequests(),
               loop.TotalRequests());
  return 0;
}
