// FixtureServer: a scriptable HTTP/1.1 (and HTTPS) server on 127.0.0.1 for tests and benchmarks.
//
// A test routes paths to canned Replies or handlers, then points the code under test at Url().
// Replies can misbehave on purpose: delay before headers, drip the body slowly, reset the
// connection mid-body, claim a Content-Length they do not send, etc. The server records how
// often each path was requested, when, and the largest number of requests in flight at once, so
// tests can assert politeness limits from the outside.
//
// Lifetime: the constructor binds (port 0 = ephemeral) and starts its worker threads; the
// destructor stops them (RAII). Thread-safety: every public method may be called from any thread
// while the server runs. Handlers run on server threads, possibly concurrently when threads > 1.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace govwatch::testing {

struct FixtureRequest {
  std::string method;
  std::string target;  // as sent: origin-form "/a?b" or absolute-form through a proxy
  std::string path;    // target without the query
  std::map<std::string, std::string> headers;  // names lower case
  std::string body;                            // the request body (up to 1 MiB)
  int count = 0;  // 1 for the first request of this path, 2 for the second, …

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct Reply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // Content-Length is added
  std::string body;
  std::chrono::milliseconds delay{0};  // before the status line
  // Slow drip: after the headers, send the body `drip_bytes` at a time every `drip_interval`.
  std::size_t drip_bytes = 0;
  std::chrono::milliseconds drip_interval{0};
  // Send this many body bytes, then reset the connection (RST).
  std::optional<std::size_t> reset_after;
  // Content-Length to announce instead of body.size() (e.g. a huge one with a short body).
  std::optional<std::uint64_t> content_length;
  bool close = false;  // "Connection: close" and close after this response

  Reply& Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

using Handler = std::function<Reply(const FixtureRequest&)>;

// A redirect to `location` (absolute or relative, sent as given).
Reply Redirect(std::string location, int status = 302);
// An HTML page with the given Content-Type header value.
Reply Html(std::string body, std::string content_type = "text/html; charset=utf-8");

// gzip (RFC 1952) and zlib-wrapped deflate (RFC 1950) encodings of `data`.
std::string Gzip(std::string_view data);
std::string Deflate(std::string_view data);
// A gzip stream that inflates to `decompressed_bytes` zero bytes; built in chunks, so making a
// 1 GiB bomb allocates only its (≈1 MiB) compressed form.
std::string GzipBomb(std::uint64_t decompressed_bytes);
// UTF-8 → GBK (GB18030 where GBK has no code) via iconv; aborts on input that is not UTF-8.
std::string Utf8ToGbk(std::string_view utf8);

class FixtureServer {
 public:
  struct Options {
    bool tls = false;      // HTTPS with a self-signed certificate for 127.0.0.1 made at start
    int threads = 1;       // worker threads
    std::uint16_t port = 0;  // 0 = ephemeral
  };

  FixtureServer();
  explicit FixtureServer(Options options);
  ~FixtureServer();
  FixtureServer(const FixtureServer&) = delete;
  FixtureServer& operator=(const FixtureServer&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:PORT" + path (https:// in TLS mode).
  std::string Url(std::string_view path) const;

  // Exact match on the path (without query); an absolute-form target (proxy request) is looked
  // up as given first. Later routes for the same path replace earlier ones.
  void Route(std::string path, Handler handler);
  void Route(std::string path, Reply reply);
  // For paths without a route; the default answers 404.
  void SetFallback(Handler handler);

  int Count(std::string_view path) const;  // requests received for `path` (or absolute target)
  int TotalRequests() const;
  int MaxConcurrent() const;       // most requests in flight at once (read → response sent)
  int ConnectionsAccepted() const;
  // Arrival times of the requests for `path`, in order.
  std::vector<std::chrono::steady_clock::time_point> Arrivals(std::string_view path) const;
  void ResetStats();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace govwatch::testing
