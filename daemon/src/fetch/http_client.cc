// The Beast + OpenSSL HttpClient. This is the only translation unit of the module that includes
// Beast's HTTP and SSL templates (they are expensive to compile).
//
// One Fetch = attempts (retries on transient failures) × hops (redirects). Each hop takes a
// HostLimiter permit, takes a pooled keep-alive connection or opens a new one (resolve, connect,
// proxy CONNECT, TLS handshake), writes the request and reads the response with a body cap. Every
// step has its own timeout, bounded by the overall deadline of the fetch.
#include "fetch/http_client.h"

#include <algorithm>
#include <ctime>
#include <set>
#include <unordered_map>
#include <variant>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url.hpp>

#include "fetch/blocked.h"
#include "fetch/charset.h"
#include "fetch/decompress.h"
#include "fetch/host_limiter.h"

namespace govwatch::fetch {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
namespace urls = boost::urls;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::milliseconds;
using namespace asio::experimental::awaitable_operators;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr milliseconds kMaxRetryAfter{60'000};
constexpr milliseconds kFirstBackoff{250};
constexpr size_t kHeaderLimit = 64 * 1024;  // government CMSs send large cookies

struct Outcome {
  FailureReason reason = FailureReason::kNone;
  std::string detail;
  bool ok() const { return reason == FailureReason::kNone; }
};

Outcome Fail(FailureReason reason, std::string detail) { return {reason, std::move(detail)}; }

// Bytes a URL may not carry raw (non-ASCII, spaces) appear in the wild, notably in Location
// headers of Chinese sites; browsers percent-encode them, and so do we.
std::string EncodeUnsafe(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || c <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
        c == '`' || c == '{' || c == '|' || c == '}') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += ch;
    }
  }
  return out;
}

struct Target {
  std::string url;  // normalised, without fragment
  bool https = false;
  std::string host;  // for DNS, SNI and certificate checks (IPv6 without brackets)
  std::string port;
  std::string host_header;
  std::string path;  // origin-form request target
};

std::optional<Target> ParseTarget(std::string_view text, std::string& error) {
  const std::string encoded = EncodeUnsafe(text);  // the parsed view points into it
  auto parsed = urls::parse_uri(encoded);
  if (!parsed) {
    error = "cannot parse URL '" + std::string(text) + "': " + parsed.error().message();
    return std::nullopt;
  }
  urls::url u = *parsed;
  u.remove_fragment();
  u.normalize_scheme();
  u.normalize_authority();
  Target t;
  if (u.scheme() == "https") {
    t.https = true;
  } else if (u.scheme() != "http") {
    error = "unsupported URL scheme '" + std::string(u.scheme()) + "'";
    return std::nullopt;
  }
  std::string host(u.encoded_host());
  if (host.empty()) {
    error = "URL has no host: '" + std::string(text) + "'";
    return std::nullopt;
  }
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  t.host = host;
  const std::string default_port = t.https ? "443" : "80";
  t.port = u.has_port() && !u.port().empty() ? std::string(u.port()) : default_port;
  t.host_header = std::string(u.encoded_host());
  if (t.port != default_port) t.host_header += ":" + t.port;
  t.path = std::string(u.encoded_target());
  if (t.path.empty()) t.path = "/";
  if (t.path.front() != '/') t.path.insert(0, "/");
  if (u.encoded_path().empty()) u.set_encoded_path("/");
  t.url = std::string(u.buffer());
  return t;
}

// Location relative to the URL that answered.
std::optional<std::string> ResolveLocation(const std::string& base, std::string_view location) {
  auto base_view = urls::parse_uri(base);
  const std::string encoded = EncodeUnsafe(location);  // the parsed view points into it
  auto ref = urls::parse_uri_reference(encoded);
  if (!base_view || !ref) return std::nullopt;
  urls::url out;
  if (!urls::resolve(*base_view, *ref, out)) return std::nullopt;
  return std::string(out.buffer());
}

bool IsIpLiteral(const std::string& host) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

// Retry-After: delta-seconds or an HTTP-date (IMF-fixdate). nullopt when unparseable.
std::optional<milliseconds> ParseRetryAfter(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return kMaxRetryAfter;
    return milliseconds(std::stol(std::string(value)) * 1000);
  }
  std::tm tm{};
  const std::string text(value);
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  const std::time_t when = timegm(&tm);
  const std::time_t now = std::time(nullptr);
  return milliseconds(std::max<std::int64_t>(0, (when - now)) * 1000);
}

bool IsTransient(const Response& r) {
  switch (r.failure) {
    case FailureReason::kConnect:
    case FailureReason::kTimeout:
      return true;
    case FailureReason::kHttpStatus:
      return r.status == 429 || r.status >= 500;
    default:
      return false;
  }
}

bool IsRedirect(unsigned status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

struct Connection {
  Connection(asio::any_io_executor ex) : stream(std::in_place_index<0>, std::move(ex)) {}
  Connection(asio::any_io_executor ex, ssl::context& ctx)
      : stream(std::in_place_index<1>, std::move(ex), ctx) {}
  std::variant<PlainStream, TlsStream> stream;
  beast::flat_buffer buffer;
  bool reused = false;

  beast::tcp_stream& Tcp() {
    if (auto* plain = std::get_if<0>(&stream)) return *plain;
    return beast::get_lowest_layer(std::get<1>(stream));
  }
};

class BeastHttpClient;

struct HopResult {
  Outcome outcome;
  http::response<http::string_body> message;
};

// The state of one Fetch shared by its attempts and hops.
struct FetchState {
  std::optional<Clock::time_point> deadline;  // set when the first hop gets its permit
  std::optional<milliseconds> retry_after;    // of the last 429/503 of the current attempt
  Clock::duration Remaining() const {
    return std::max(Clock::duration::zero(), *deadline - Clock::now());
  }
};

class BeastHttpClient final : public HttpClient {
 public:
  BeastHttpClient(asio::any_io_executor executor, const config::HttpSettings& settings)
      : executor_(executor),
        settings_(settings),
        verify_ctx_(ssl::context::tls_client),
        insecure_ctx_(ssl::context::tls_client),
        limiter_(executor, settings.max_connections, settings.max_connections_per_host,
                 settings.per_host_delay) {
    verify_ctx_.set_default_verify_paths();
    verify_ctx_.set_verify_mode(ssl::verify_peer);
    insecure_ctx_.set_verify_mode(ssl::verify_none);
    if (settings_.proxy) {
      std::string error;
      proxy_ = ParseTarget(*settings_.proxy, error);
      proxy_error_ = error;
    }
  }

  asio::awaitable<Response> Fetch(Request request) override {
    Response response;
    const Clock::time_point start = Clock::now();
    try {
      co_await FetchWithRetries(std::move(request), response);
    } catch (const std::exception& e) {
      // A bug or a library surprise; still a value for the caller.
      response.failure = FailureReason::kProtocol;
      response.detail = std::string("internal error: ") + e.what();
    }
    response.elapsed = duration_cast<milliseconds>(Clock::now() - start);
    co_return response;
  }

 private:
  asio::awaitable<void> FetchWithRetries(Request request, Response& response) {
    FetchState state;
    const int max_attempts = 1 + std::max(0, settings_.retries);
    for (int attempt = 1;; ++attempt) {
      response.attempts = attempt;
      co_await FetchOnce(request, state, response);
      if (response.ok() || !IsTransient(response) || attempt >= max_attempts || !state.deadline)
        co_return;
      milliseconds wait = kFirstBackoff * (1 << std::min(attempt - 1, 5));
      if (response.failure == FailureReason::kHttpStatus &&
          (response.status == 429 || response.status == 503) && state.retry_after) {
        if (*state.retry_after > kMaxRetryAfter) co_return;  // more than we are willing to wait
        wait = *state.retry_after;
      }
      if (wait >= state.Remaining()) {
        response.detail += " (no time left to retry)";
        co_return;
      }
      asio::steady_timer timer(executor_, wait);
      co_await timer.async_wait(kUseTuple);
    }
  }

  // One attempt: follows redirects. Fills `response` from scratch except wire_bytes/attempts.
  asio::awaitable<void> FetchOnce(const Request& request, FetchState& state, Response& response) {
    const std::uint64_t wire_bytes = response.wire_bytes;
    const int attempts = response.attempts;
    response = Response{};
    response.wire_bytes = wire_bytes;
    response.attempts = attempts;
    state.retry_after.reset();

    std::string url = request.url;
    std::set<std::string> seen;
    for (int redirects = 0;; ++redirects) {
      std::string error;
      std::optional<Target> target = ParseTarget(url, error);
      if (!target) {
        response.failure = FailureReason::kInvalidUrl;
        response.detail = error;
        response.final_url = url;
        co_return;
      }
      url = target->url;
      response.final_url = url;
      if (!seen.insert(url).second) {
        response.failure = FailureReason::kRedirectLoop;
        response.detail = "redirect loop: " + url + " was already visited";
        co_return;
      }
      if (settings_.proxy && !proxy_) {
        response.failure = FailureReason::kInvalidUrl;
        response.detail = "proxy: " + proxy_error_;
        co_return;
      }

      HostLimiter::Permit permit = co_await limiter_.Acquire(target->host + ":" + target->port);
      if (!state.deadline) state.deadline = Clock::now() + settings_.total_timeout;
      HopResult hop = co_await Hop(*target, request, state, response);
      permit = HostLimiter::Permit();

      auto& msg = hop.message;
      if (!hop.outcome.ok()) {
        response.failure = hop.outcome.reason;
        response.detail = std::move(hop.outcome.detail);
        if (msg.result_int() != 0) response.status = static_cast<int>(msg.result_int());
        co_return;
      }
      response.status = static_cast<int>(msg.result_int());
      if (IsRedirect(msg.result_int()) && msg.count(http::field::location) > 0) {
        if (redirects >= settings_.max_redirects) {
          response.failure = FailureReason::kTooManyRedirects;
          response.detail = "more than " + std::to_string(settings_.max_redirects) + " redirects";
          co_return;
        }
        const std::string location(msg[http::field::location]);
        std::optional<std::string> next = ResolveLocation(url, location);
        if (!next) {
          response.failure = FailureReason::kInvalidUrl;
          response.detail = "bad redirect Location '" + location + "'";
          co_return;
        }
        response.redirect_chain.push_back(url);
        url = *next;
        continue;
      }
      Finish(std::move(msg), state, response);
      co_return;
    }
  }

  // Turns the final response into the caller's Response: decompression, charset, WAF, status.
  void Finish(http::response<http::string_body> msg, FetchState& state, Response& response) {
    if (auto it = msg.find(http::field::etag); it != msg.end())
      response.etag = std::string(it->value());
    if (auto it = msg.find(http::field::last_modified); it != msg.end())
      response.last_modified = std::string(it->value());
    const std::string content_type(msg[http::field::content_type]);
    response.content_type = MediaType(content_type);
    if (response.status == 304) {
      response.not_modified = true;
      return;
    }
    if ((response.status == 429 || response.status == 503) &&
        msg.count(http::field::retry_after) > 0) {
      state.retry_after = ParseRetryAfter(msg[http::field::retry_after]);
    }

    Decompressed raw = Decompress(msg[http::field::content_encoding], msg.body(),
                                  settings_.max_body_bytes);
    msg.body().clear();
    msg.body().shrink_to_fit();
    if (raw.status != Decompressed::Status::kOk) {
      response.failure = raw.status == Decompressed::Status::kTooLarge ? FailureReason::kTooLarge
                                                                        : FailureReason::kProtocol;
      response.detail = std::move(raw.detail);
      return;
    }
    if (!IsTextMediaType(response.content_type)) {
      response.body = std::move(raw.data);
    } else {
      Decoded decoded = DecodeToUtf8(raw.data, content_type);
      response.body = std::move(decoded.text);
      response.charset = std::move(decoded.charset);
      if (auto signature = DetectBlocked(response.status, response.body)) {
        response.failure = FailureReason::kBlocked;
        response.detail = "blocked by " + *signature;
        return;
      }
      if (decoded.lossy) {
        response.failure = FailureReason::kBadEncoding;
        response.detail = "body is not valid in any candidate charset; decoded lossily as " +
                          response.charset;
        return;
      }
    }
    if (response.status >= 400) {
      response.failure = FailureReason::kHttpStatus;
      response.detail = "HTTP " + std::to_string(response.status) + " " +
                        std::string(msg.reason());
    } else if (response.status < 200 || response.status >= 300) {
      response.failure = FailureReason::kProtocol;
      response.detail = "unexpected final status " + std::to_string(response.status);
    }
  }

  std::string PoolKey(const Target& t, bool verify) const {
    return (t.https ? "https://" : "http://") + t.host + ":" + t.port + (verify ? "" : "#insecure");
  }

  // One request/response on a pooled or new connection. A pooled connection the server closed
  // while idle fails before any response byte; then the request goes once more on a new one.
  asio::awaitable<HopResult> Hop(const Target& target, const Request& request, FetchState& state,
                                 Response& response) {
    const bool verify = request.verify_tls;
    const std::string key = PoolKey(target, verify);
    for (int pass = 0;; ++pass) {
      std::unique_ptr<Connection> conn;
      auto& idle = idle_[key];
      if (pass == 0 && !idle.empty()) {
        conn = std::move(idle.back());
        idle.pop_back();
        conn->reused = true;
      } else {
        HopResult opened;
        conn = co_await Open(target, verify, state, opened.outcome);
        if (!conn) co_return opened;
      }

      HopResult result;
      const http::verb verb = request.head        ? http::verb::head
                              : request.post_body ? http::verb::post
                                                  : http::verb::get;
      http::request<http::string_body> req{verb, target.path, 11};
      if (request.post_body) {
        req.set(http::field::content_type, request.post_content_type);
        req.body() = *request.post_body;
        req.prepare_payload();
      }
      // A plain-HTTP proxy takes the absolute URL (RFC 9112 §3.2.2).
      if (proxy_ && !target.https) req.target(target.url);
      req.set(http::field::host, target.host_header);
      req.set(http::field::user_agent, request.user_agent.value_or(settings_.user_agent));
      req.set(http::field::accept,
              "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
      req.set(http::field::accept_encoding, "gzip, deflate");
      req.set(http::field::accept_language, "zh-CN,zh;q=0.9,en;q=0.5");
      if (request.etag) req.set(http::field::if_none_match, *request.etag);
      if (request.last_modified) req.set(http::field::if_modified_since, *request.last_modified);

      http::response_parser<http::string_body> parser;
      parser.header_limit(kHeaderLimit);
      parser.body_limit(settings_.max_body_bytes);
      // A HEAD response announces a body length but carries none.
      if (request.head) parser.skip(true);
      bool got_nothing = false;
      if (auto* plain = std::get_if<0>(&conn->stream)) {
        result.outcome = co_await Exchange(*plain, *conn, req, parser, state, response, got_nothing);
      } else {
        result.outcome =
            co_await Exchange(std::get<1>(conn->stream), *conn, req, parser, state, response,
                              got_nothing);
      }
      if (!result.outcome.ok() && conn->reused && got_nothing && pass == 0) continue;
      if (parser.is_header_done()) result.message = parser.release();
      if (result.outcome.ok() && result.message.keep_alive() && idle.size() <
          static_cast<size_t>(std::max(1, settings_.max_connections_per_host))) {
        conn->reused = false;
        idle_[key].push_back(std::move(conn));
      }
      co_return result;
    }
  }

  template <class Stream>
  asio::awaitable<Outcome> Exchange(Stream& stream, Connection& conn,
                                    http::request<http::string_body>& req,
                                    http::response_parser<http::string_body>& parser,
                                    FetchState& state, Response& response, bool& got_nothing) {
    conn.Tcp().expires_after(state.Remaining());
    auto [write_ec, written] = co_await http::async_write(stream, req, kUseTuple);
    (void)written;
    if (write_ec) {
      got_nothing = true;
      co_return ReadError(write_ec, "sending the request", parser);
    }
    conn.Tcp().expires_after(state.Remaining());
    auto [ec, read] = co_await http::async_read(stream, conn.buffer, parser, kUseTuple);
    response.wire_bytes += read;
    if (ec) {
      got_nothing = !parser.got_some();
      co_return ReadError(ec, "reading the response", parser);
    }
    co_return Outcome{};
  }

  Outcome ReadError(const boost::system::error_code& ec, std::string_view step,
                    const http::response_parser<http::string_body>& parser) {
    const std::string where(step);
    if (ec == beast::error::timeout)
      return Fail(FailureReason::kTimeout,
                  "timed out " + where + " (total timeout " +
                      std::to_string(settings_.total_timeout.count()) + " ms)");
    if (ec == http::error::body_limit)
      return Fail(FailureReason::kTooLarge,
                  "body exceeds " + std::to_string(settings_.max_body_bytes) + " bytes");
    if (ec == http::error::header_limit)
      return Fail(FailureReason::kProtocol, "response header exceeds 64 KiB");
    if (ec.category() == make_error_code(http::error::end_of_stream).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message)
      return Fail(FailureReason::kProtocol, "malformed HTTP response: " + ec.message());
    std::string detail = "connection lost " + where;
    if (parser.is_header_done()) detail += " body";
    return Fail(FailureReason::kConnect, detail + ": " + ec.message());
  }

  // Resolve, connect (to the proxy if one is set), CONNECT tunnel for https via proxy, TLS.
  asio::awaitable<std::unique_ptr<Connection>> Open(const Target& target, bool verify,
                                                    FetchState& state, Outcome& outcome) {
    const Target& peer = proxy_ ? *proxy_ : target;
    const auto connect_budget = [&] {
      return std::min<Clock::duration>(settings_.connect_timeout, state.Remaining());
    };

    tcp::resolver::results_type endpoints;
    boost::system::error_code literal_ec;
    const auto literal = asio::ip::make_address(peer.host, literal_ec);
    if (!literal_ec) {
      // An IP literal needs no lookup (and must not queue behind real ones on the resolver
      // thread).
      const auto port = static_cast<unsigned short>(std::stoi(peer.port));
      endpoints = tcp::resolver::results_type::create(tcp::endpoint(literal, port), peer.host,
                                                      peer.port);
    } else {
      const bool budget_is_total = state.Remaining() < settings_.connect_timeout;
      tcp::resolver resolver(executor_);
      asio::steady_timer timer(executor_, connect_budget());
      auto resolved = co_await (resolver.async_resolve(peer.host, peer.port, kUseTuple) ||
                                timer.async_wait(kUseTuple));
      if (resolved.index() == 1) {
        // When the whole fetch's deadline is what ran out, that is the failure to report.
        outcome = budget_is_total
                      ? Fail(FailureReason::kTimeout,
                             "total timeout reached while looking up " + peer.host)
                      : Fail(FailureReason::kDns, "DNS lookup of " + peer.host + " timed out");
        co_return nullptr;
      }
      auto [resolve_ec, found] = std::get<0>(resolved);
      if (resolve_ec) {
        outcome = Fail(FailureReason::kDns,
                       "DNS lookup of " + peer.host + " failed: " + resolve_ec.message());
        co_return nullptr;
      }
      endpoints = std::move(found);
    }

    std::unique_ptr<Connection> conn =
        target.https ? std::make_unique<Connection>(executor_, verify ? verify_ctx_ : insecure_ctx_)
                     : std::make_unique<Connection>(executor_);
    beast::tcp_stream& tcp_stream = conn->Tcp();
    tcp_stream.expires_after(connect_budget());
    auto [connect_ec, endpoint] = co_await tcp_stream.async_connect(endpoints, kUseTuple);
    (void)endpoint;
    if (connect_ec == beast::error::timeout) {
      outcome = Fail(FailureReason::kTimeout, "connecting to " + peer.host + ":" + peer.port +
                                                  " timed out");
      co_return nullptr;
    }
    if (connect_ec) {
      outcome = Fail(FailureReason::kConnect, "cannot connect to " + peer.host + ":" + peer.port +
                                                  ": " + connect_ec.message());
      co_return nullptr;
    }
    tcp_stream.socket().set_option(tcp::no_delay(true));

    if (!target.https) co_return conn;

    if (proxy_) {
      http::request<http::empty_body> connect{http::verb::connect,
                                              target.host + ":" + target.port, 11};
      connect.set(http::field::host, target.host + ":" + target.port);
      tcp_stream.expires_after(connect_budget());
      auto [write_ec, n] = co_await http::async_write(tcp_stream, connect, kUseTuple);
      (void)n;
      http::response_parser<http::empty_body> parser;
      parser.skip(true);  // a 2xx answer to CONNECT has no body: the tunnel starts right after
      boost::system::error_code read_ec = write_ec;
      if (!write_ec) {
        auto [ec, m] = co_await http::async_read(tcp_stream, conn->buffer, parser, kUseTuple);
        (void)m;
        read_ec = ec;
      }
      if (read_ec || parser.get().result_int() / 100 != 2) {
        outcome = Fail(FailureReason::kConnect,
                       "proxy CONNECT to " + target.host + ":" + target.port + " failed: " +
                           (read_ec ? read_ec.message()
                                    : "HTTP " + std::to_string(parser.get().result_int())));
        co_return nullptr;
      }
    }

    TlsStream& tls = std::get<1>(conn->stream);
    if (!IsIpLiteral(target.host)) {
      // SNI: most servers host several sites on one address.
      SSL_set_tlsext_host_name(tls.native_handle(), target.host.c_str());
    }
    if (verify) {
      tls.set_verify_mode(ssl::verify_peer);
      tls.set_verify_callback(ssl::host_name_verification(target.host));
    } else {
      tls.set_verify_mode(ssl::verify_none);
    }
    tcp_stream.expires_after(connect_budget());
    auto [tls_ec] = co_await tls.async_handshake(ssl::stream_base::client, kUseTuple);
    if (tls_ec == beast::error::timeout) {
      outcome = Fail(FailureReason::kTimeout, "TLS handshake with " + target.host + " timed out");
      co_return nullptr;
    }
    if (tls_ec) {
      std::string detail = "TLS handshake with " + target.host + " failed: " + tls_ec.message();
      const long verify_result = SSL_get_verify_result(tls.native_handle());
      if (verify && verify_result != X509_V_OK)
        detail += std::string(" (") + X509_verify_cert_error_string(verify_result) + ")";
      outcome = Fail(FailureReason::kTls, std::move(detail));
      co_return nullptr;
    }
    co_return conn;
  }

  asio::any_io_executor executor_;
  config::HttpSettings settings_;
  ssl::context verify_ctx_;
  ssl::context insecure_ctx_;
  HostLimiter limiter_;
  std::optional<Target> proxy_;
  std::string proxy_error_;
  // Keep-alive connections by scheme, host, port and verification mode.
  std::unordered_map<std::string, std::vector<std::unique_ptr<Connection>>> idle_;
};

}  // namespace

std::unique_ptr<HttpClient> MakeHttpClient(boost::asio::any_io_executor executor,
                                           const config::HttpSettings& settings) {
  return std::make_unique<BeastHttpClient>(std::move(executor), settings);
}

}  // namespace govwatch::fetch
