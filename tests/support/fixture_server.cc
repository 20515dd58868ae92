#include "fixture_server.h"

#include <iconv.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>
#include <zlib.h>

#include <array>
#include <cassert>
#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace govwatch::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

std::string Compress(std::string_view data, int window_bits) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    std::abort();
  std::string out(deflateBound(&zs, data.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  if (deflate(&zs, Z_FINISH) != Z_STREAM_END) std::abort();
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string_view Reason(int status) {
  return http::obsolete_reason(static_cast<http::status>(status));
}

struct ScopedCount {
  ScopedCount(std::atomic<int>& current, std::atomic<int>& max) : current_(current) {
    const int now = ++current_;
    int seen = max.load();
    while (now > seen && !max.compare_exchange_weak(seen, now)) {
    }
  }
  ~ScopedCount() { --current_; }
  std::atomic<int>& current_;
};

// A self-signed P-256 certificate for 127.0.0.1 / localhost, valid for a day.
void UseSelfSignedCertificate(ssl::context& ctx) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  if (!key || !cert) std::abort();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509V3_CTX v3{};
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* san =
      X509V3_EXT_conf_nid(nullptr, &v3, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
  if (!san) std::abort();
  X509_add_ext(cert, san, -1);
  X509_EXTENSION_free(san);
  if (X509_sign(cert, key, EVP_sha256()) == 0) std::abort();
  SSL_CTX_use_certificate(ctx.native_handle(), cert);
  SSL_CTX_use_PrivateKey(ctx.native_handle(), key);
  X509_free(cert);
  EVP_PKEY_free(key);
}

}  // namespace

Reply Redirect(std::string location, int status) {
  Reply r;
  r.status = status;
  r.Header("Location", std::move(location));
  return r;
}

Reply Html(std::string body, std::string content_type) {
  Reply r;
  r.body = std::move(body);
  r.Header("Content-Type", std::move(content_type));
  return r;
}

std::string Gzip(std::string_view data) { return Compress(data, 15 + 16); }
std::string Deflate(std::string_view data) { return Compress(data, 15); }

std::string GzipBomb(std::uint64_t decompressed_bytes) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    std::abort();
  const std::string zeros(1 << 20, '\0');
  std::string out;
  std::array<char, 64 * 1024> chunk;
  std::uint64_t left = decompressed_bytes;
  int flush = Z_NO_FLUSH;
  do {
    const size_t n = static_cast<size_t>(std::min<std::uint64_t>(left, zeros.size()));
    left -= n;
    flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
    zs.avail_in = static_cast<uInt>(n);
    do {
      zs.next_out = reinterpret_cast<Bytef*>(chunk.data());
      zs.avail_out = static_cast<uInt>(chunk.size());
      deflate(&zs, flush);
      out.append(chunk.data(), chunk.size() - zs.avail_out);
    } while (zs.avail_out == 0);
  } while (flush != Z_FINISH);
  deflateEnd(&zs);
  return out;
}

std::string Utf8ToGbk(std::string_view utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) std::abort();
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  if (iconv(cd, &in, &in_left, &out_ptr, &out_left) == static_cast<size_t>(-1)) std::abort();
  out.resize(out.size() - out_left);
  iconv_close(cd);
  return out;
}

struct FixtureServer::Impl {
  explicit Impl(Options opts)
      : options(opts), io(std::max(1, opts.threads)), acceptor(io), tls_ctx(ssl::context::tls_server) {
    if (options.tls) UseSelfSignedCertificate(tls_ctx);
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), options.port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    port = acceptor.local_endpoint().port();
    asio::co_spawn(io, Listen(), asio::detached);
    for (int i = 0; i < std::max(1, options.threads); ++i) threads.emplace_back([this] { io.run(); });
  }

  ~Impl() {
    io.stop();
    for (auto& t : threads) t.join();
  }

  asio::awaitable<void> Listen() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(io), kUseTuple);
      if (ec) {
        if (ec == asio::error::operation_aborted) co_return;
        continue;  // e.g. EMFILE under a benchmark: keep serving the open connections
      }
      ++accepted;
      auto executor = socket.get_executor();
      asio::co_spawn(executor, Session(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> Session(tcp::socket socket) {
    socket.set_option(tcp::no_delay(true));
    if (!options.tls) {
      co_await Serve(socket, socket);
      co_return;
    }
    ssl::stream<tcp::socket> stream(std::move(socket), tls_ctx);
    auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, kUseTuple);
    if (ec) co_return;  // the verifying client rejected our certificate: expected in tests
    co_await Serve(stream, stream.next_layer());
  }

  template <class Stream>
  asio::awaitable<void> Serve(Stream& stream, tcp::socket& socket) {
    beast::flat_buffer buffer;
    asio::steady_timer timer(socket.get_executor());
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(1 << 20);
      auto [read_ec, n] = co_await http::async_read(stream, buffer, parser, kUseTuple);
      (void)n;
      if (read_ec) co_return;
      ScopedCount in_flight(current, max_concurrent);
      const auto& msg = parser.get();

      FixtureRequest request;
      request.method = std::string(msg.method_string());
      request.target = std::string(msg.target());
      request.path = request.target.substr(0, request.target.find('?'));
      for (const auto& field : msg) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers[name] = std::string(field.value());
      }
      request.body = msg.body();
      Handler handler;
      {
        std::lock_guard lock(mu);
        ++total;
        // Absolute-form targets (proxy requests) route and count by the whole target.
        const std::string& key = routes.count(request.target) ? request.target : request.path;
        request.count = ++counts[key];
        arrivals[key].push_back(Clock::now());
        auto it = routes.find(key);
        handler = it != routes.end() ? it->second : fallback;
      }
      Reply reply;
      if (handler) {
        reply = handler(request);
      } else {
        reply.status = 404;
        reply.body = "not found";
      }
      const bool close = reply.close || !msg.keep_alive();

      if (reply.delay.count() > 0) {
        timer.expires_after(reply.delay);
        co_await timer.async_wait(kUseTuple);
      }
      std::string head = "HTTP/1.1 " + std::to_string(reply.status) + " " +
                         std::string(Reason(reply.status)) + "\r\n";
      for (const auto& [name, value] : reply.headers) head += name + ": " + value + "\r\n";
      if (reply.status != 304 && reply.status != 204)
        head += "Content-Length: " +
                std::to_string(reply.content_length.value_or(reply.body.size())) + "\r\n";
      if (close) head += "Connection: close\r\n";
      head += "\r\n";

      std::string_view body = reply.body;
      if (reply.reset_after) body = body.substr(0, *reply.reset_after);
      if (reply.drip_bytes == 0) {
        std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(body)};
        auto [ec, m] = co_await asio::async_write(stream, buffers, kUseTuple);
        (void)m;
        if (ec) co_return;
      } else {
        auto [ec, m] = co_await asio::async_write(stream, asio::buffer(head), kUseTuple);
        (void)m;
        if (ec) co_return;
        for (size_t pos = 0; pos < body.size(); pos += reply.drip_bytes) {
          timer.expires_after(reply.drip_interval);
          co_await timer.async_wait(kUseTuple);
          auto piece = body.substr(pos, reply.drip_bytes);
          auto [wec, k] = co_await asio::async_write(stream, asio::buffer(piece), kUseTuple);
          (void)k;
          if (wec) co_return;
        }
      }
      if (reply.reset_after) {
        // SO_LINGER 0 makes close() send RST instead of FIN.
        boost::system::error_code ignored;
        socket.set_option(asio::socket_base::linger(true, 0), ignored);
        socket.close(ignored);
        co_return;
      }
      if (close) {
        boost::system::error_code ignored;
        socket.shutdown(tcp::socket::shutdown_send, ignored);
        co_return;
      }
    }
  }

  Options options;
  asio::io_context io;
  tcp::acceptor acceptor;
  ssl::context tls_ctx;
  std::uint16_t port = 0;
  std::vector<std::thread> threads;

  mutable std::mutex mu;
  std::map<std::string, Handler, std::less<>> routes;
  Handler fallback;
  std::map<std::string, int, std::less<>> counts;
  std::map<std::string, std::vector<Clock::time_point>, std::less<>> arrivals;
  int total = 0;
  std::atomic<int> current{0};
  std::atomic<int> max_concurrent{0};
  std::atomic<int> accepted{0};
};

FixtureServer::FixtureServer() : FixtureServer(Options{}) {}
FixtureServer::FixtureServer(Options options) : impl_(std::make_unique<Impl>(options)) {}
FixtureServer::~FixtureServer() = default;

std::uint16_t FixtureServer::port() const { return impl_->port; }

std::string FixtureServer::Url(std::string_view path) const {
  return std::string(impl_->options.tls ? "https" : "http") + "://127.0.0.1:" +
         std::to_string(impl_->port) + std::string(path);
}

void FixtureServer::Route(std::string path, Handler handler) {
  std::lock_guard lock(impl_->mu);
  impl_->routes[std::move(path)] = std::move(handler);
}

void FixtureServer::Route(std::string path, Reply reply) {
  Route(std::move(path), [reply](const FixtureRequest&) { return reply; });
}

void FixtureServer::SetFallback(Handler handler) {
  std::lock_guard lock(impl_->mu);
  impl_->fallback = std::move(handler);
}

int FixtureServer::Count(std::string_view path) const {
  std::lock_guard lock(impl_->mu);
  auto it = impl_->counts.find(path);
  return it == impl_->counts.end() ? 0 : it->second;
}

int FixtureServer::TotalRequests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->total;
}

int FixtureServer::MaxConcurrent() const { return impl_->max_concurrent.load(); }
int FixtureServer::ConnectionsAccepted() const { return impl_->accepted.load(); }

std::vector<Clock::time_point> FixtureServer::Arrivals(std::string_view path) const {
  std::lock_guard lock(impl_->mu);
  auto it = impl_->arrivals.find(path);
  return it == impl_->arrivals.end() ? std::vector<Clock::time_point>{} : it->second;
}

void FixtureServer::ResetStats() {
  std::lock_guard lock(impl_->mu);
  impl_->counts.clear();
  impl_->arrivals.clear();
  impl_->total = 0;
  impl_->max_concurrent = 0;
  impl_->accepted = 0;
}

}  // namespace govwatch::testing
