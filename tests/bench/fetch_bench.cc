// fetch_bench: FetchAll over N fixture list pages, printing pages/s — the client half of
// tests/bench/fetch_vs_wrk.sh (the other half is wrk against the same server).
//
//   fetch_bench --base http://127.0.0.1:PORT --pages 2000 --connections 32 [--rounds 3]
//
// Fetches BASE/list/{1..pages}.html `rounds` times (one FetchAll, so keep-alive connections are
// reused as a long-running daemon would) with max_connections = per-host limit = connections and
// no per-host delay. Exit status 1 when any fetch fails.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "fetch/http_client.h"

int main(int argc, char** argv) {
  std::string base;
  int pages = 2000;
  int connections = 32;
  int rounds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--base") base = value;
    else if (flag == "--pages") pages = std::stoi(value);
    else if (flag == "--connections") connections = std::stoi(value);
    else if (flag == "--rounds") rounds = std::stoi(value);
    else {
      std::cerr << "fetch_bench: unknown argument " << flag << "\n";
      return 2;
    }
  }
  if (base.empty()) {
    std::cerr << "usage: fetch_bench --base URL [--pages N] [--connections N] [--rounds N]\n";
    return 2;
  }
  govwatch::config::HttpSettings settings;
  settings.max_connections = connections;
  settings.max_connections_per_host = connections;
  settings.per_host_delay = std::chrono::milliseconds(0);
  settings.retries = 0;

  std::vector<govwatch::fetch::Request> requests;
  for (int r = 0; r < rounds; ++r) {
    for (int i = 1; i <= pages; ++i) {
      govwatch::fetch::Request request;
      request.url = base + "/list/" + std::to_string(i) + ".html";
      requests.push_back(std::move(request));
    }
  }
  const auto start = std::chrono::steady_clock::now();
  const auto responses = govwatch::fetch::FetchAll(settings, std::move(requests));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  size_t failed = 0;
  std::uint64_t bytes = 0;
  for (const auto& r : responses) {
    if (!r.ok()) {
      if (failed++ == 0) std::cerr << "first failure: " << r.final_url << ": " << r.detail << "\n";
    }
    bytes += r.body.size();
  }
  std::printf("fetch_bench: %zu pages in %.2f s = %.0f pages/s (%zu failed, %.1f MB decoded)\n",
              responses.size(), seconds, static_cast<double>(responses.size()) / seconds, failed,
              static_cast<double>(bytes) / 1e6);
  return failed == 0 ? 0 : 1;
}
