// The only Beast translation unit of the web module: accept loop and per-connection coroutine.
// Routing and authorisation are in router.cc.
#include "web/server.h"

#include <charconv>
#include <exception>
#include <map>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace govwatch::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct Endpoint {
  asio::ip::address address;
  std::uint16_t port = 0;
};

// "127.0.0.1:9816", "[::1]:9816", "0.0.0.0:0" → numeric address and port.
core::Result<Endpoint> ParseListen(const std::string& listen) {
  const auto bad = [&listen] {
    return core::MakeError("web: invalid listen address \"" + listen + "\"");
  };
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return bad();
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string_view port_text = std::string_view(listen).substr(colon + 1);
  Endpoint endpoint;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), endpoint.port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port_text.empty()) {
    return bad();
  }
  boost::system::error_code address_error;
  endpoint.address = asio::ip::make_address(host, address_error);
  if (address_error) return bad();
  return endpoint;
}

http::response<http::string_body> ToBeast(Response response, unsigned version, bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(response.status), version};
  out.set(http::field::server, "govwatch");
  out.set(http::field::content_type, response.content_type);
  for (auto& [name, value] : response.headers) out.set(name, value);
  out.body() = std::move(response.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

Response PlainText(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

}  // namespace

struct Server::Impl {
  Impl(asio::io_context& io, ServerOptions o, Handlers h)
      : acceptor(io), options(std::move(o)), handlers(std::move(h)) {}

  void Report(std::string_view what) const {
    if (handlers.on_error) handlers.on_error(what);
  }

  tcp::acceptor acceptor;
  ServerOptions options;
  Handlers handlers;
  RouteOptions route;
  std::uint16_t port = 0;
  bool stopped = false;
  std::uint64_t next_connection = 0;
  std::map<std::uint64_t, beast::tcp_stream*> connections;  // the ones being served
};

namespace {

using Impl = Server::Impl;

// Reports an exception that escaped a coroutine; expected failures never get here.
auto ReportFailure(std::shared_ptr<Impl> impl, std::string what) {
  return [impl = std::move(impl), what = std::move(what)](std::exception_ptr error) {
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      impl->Report("web: " + what + ": " + e.what());
    } catch (...) {
      impl->Report("web: " + what + ": unknown exception");
    }
  };
}

asio::awaitable<void> WriteAndClose(beast::tcp_stream& stream, Response response, unsigned version,
                                    std::chrono::seconds timeout) {
  auto message = ToBeast(std::move(response), version, false);
  stream.expires_after(timeout);
  co_await http::async_write(stream, message, kTuple);
}

// Serves one connection: request after request while the client keeps it alive.
asio::awaitable<void> Session(std::shared_ptr<Impl> impl, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  const ServerOptions& options = impl->options;
  if (impl->stopped) co_return;
  if (impl->connections.size() >= static_cast<std::size_t>(options.max_connections)) {
    co_await WriteAndClose(stream, PlainText(503, "too many connections\n"), 11,
                           options.read_timeout);
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    co_return;
  }
  const std::uint64_t id = impl->next_connection++;
  impl->connections.emplace(id, &stream);
  struct Unregister {
    Impl& impl;
    std::uint64_t id;
    ~Unregister() { impl.connections.erase(id); }
  } unregister{*impl, id};

  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser.body_limit(options.max_request_bytes);
    // One deadline for the whole request, headers and body: a slow drip cannot extend it.
    stream.expires_after(options.read_timeout);
    auto [read_error, read_bytes] = co_await http::async_read(stream, buffer, parser, kTuple);
    if (read_error) {
      const unsigned version = parser.is_header_done() ? parser.get().version() : 11;
      if (read_error == http::error::body_limit) {
        co_await WriteAndClose(stream, PlainText(413, "request body too large\n"), version,
                               options.read_timeout);
      } else if (read_error == http::error::header_limit) {
        co_await WriteAndClose(stream, PlainText(431, "request header fields too large\n"),
                               version, options.read_timeout);
      } else if (read_error.category() == http::make_error_code(http::error::bad_target)
                                              .category() &&
                 read_error != http::error::end_of_stream &&
                 read_error != http::error::partial_message) {
        co_await WriteAndClose(stream, PlainText(400, "bad request\n"), version,
                               options.read_timeout);
      }
      // Timeouts, resets, EOF and Stop(): nothing more to say to this client.
      break;
    }
    const auto& request = parser.get();
    auto parsed = ParseTarget(std::string(request.method_string()), request.target(),
                              std::string(request[http::field::authorization]));
    Response response = parsed.ok() ? Route(*parsed, impl->handlers, impl->route)
                                    : PlainText(400, parsed.error().message + "\n");
    const bool keep_alive = request.keep_alive() && !impl->stopped;
    auto message = ToBeast(std::move(response), request.version(), keep_alive);
    stream.expires_after(options.read_timeout);
    auto [write_error, written] = co_await http::async_write(stream, message, kTuple);
    if (write_error || !keep_alive || impl->stopped) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> AcceptLoop(std::shared_ptr<Impl> impl) {
  for (;;) {
    auto [error, socket] = co_await impl->acceptor.async_accept(kTuple);
    if (impl->stopped || error == asio::error::operation_aborted) co_return;
    if (error) {
      // E.g. EMFILE: report, and back off briefly instead of spinning on the same error.
      impl->Report("web: accept: " + error.message());
      asio::steady_timer pause(impl->acceptor.get_executor(), std::chrono::milliseconds(100));
      co_await pause.async_wait(kTuple);
      continue;
    }
    asio::co_spawn(impl->acceptor.get_executor(), Session(impl, std::move(socket)),
                   ReportFailure(impl, "connection"));
  }
}

}  // namespace

Server::Server(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

core::Result<std::unique_ptr<Server>> Server::Start(asio::io_context& io, ServerOptions options,
                                                    Handlers handlers) {
  auto endpoint = ParseListen(options.listen);
  if (!endpoint.ok()) return endpoint.error();
  const bool loopback = endpoint->address.is_loopback();
  if (!loopback && !options.token) {
    return core::MakeError("web: a token is required to listen on " + options.listen +
                           " (not loopback)");
  }
  auto impl = std::make_shared<Impl>(io, std::move(options), std::move(handlers));
  impl->route.token = impl->options.token;
  impl->route.api_requires_token = !loopback;

  const tcp::endpoint bind_to(endpoint->address, endpoint->port);
  boost::system::error_code error;
  const auto fail = [&impl, &error] {
    return core::MakeError("web: cannot listen on " + impl->options.listen + ": " +
                           error.message());
  };
  if (impl->acceptor.open(bind_to.protocol(), error); error) return fail();
  if (impl->acceptor.set_option(asio::socket_base::reuse_address(true), error); error) {
    return fail();
  }
  if (impl->acceptor.bind(bind_to, error); error) return fail();
  if (impl->acceptor.listen(asio::socket_base::max_listen_connections, error); error) {
    return fail();
  }
  impl->port = impl->acceptor.local_endpoint(error).port();
  if (error) return fail();

  asio::co_spawn(io, AcceptLoop(impl), ReportFailure(impl, "accept loop"));
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::uint16_t Server::port() const { return impl_->port; }

void Server::Stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  boost::system::error_code ignored;
  impl_->acceptor.close(ignored);
  // Closing completes each pending read or write with operation_aborted; the sessions then
  // unregister themselves, so iterate over a copy.
  const auto connections = impl_->connections;
  for (const auto& [id, stream] : connections) stream->close();
}

}  // namespace govwatch::web
