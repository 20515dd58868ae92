// Server: the daemon's HTTP/1.1 listener (Beast, C++20 coroutines) serving web::Route().
//
// Contract: Start binds and listens before returning, so a port conflict is an error at start-up,
// not a log line later. Each connection reads one request at a time within `read_timeout`
// (headers and body together: a client that drips a header cannot hold a connection), answers,
// and keeps the connection open when the client asked for keep-alive. Bodies above
// `max_request_bytes` get 413, header blocks above `max_header_bytes` get 431, connections beyond
// `max_connections` get 503 and are closed.
//
// Thread-safety: the server runs on the io_context given to Start (the daemon's single one,
// run by one thread). Call Stop() and destroy the Server on that thread, or while no thread runs
// the io_context. Handlers are called on that thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "web/router.h"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace govwatch::web {

struct ServerOptions {
  // host:port or [v6]:port, numeric. Port 0 picks a free port (see Server::port()).
  std::string listen = "127.0.0.1:9816";
  // Bearer token for /-/reload and, beyond loopback, /api/. Mandatory when `listen` is not a
  // loopback address.
  std::optional<std::string> token;
  std::size_t max_request_bytes = 64 * 1024;  // request body limit
  std::size_t max_header_bytes = 8 * 1024;    // request line + header fields
  std::chrono::seconds read_timeout{10};      // per request, and for an idle keep-alive wait
  int max_connections = 64;                   // concurrent connections served
};

class Server {
 public:
  // Binds `options.listen` and starts accepting. Errors: "web: invalid listen address \"x\"",
  // "web: a token is required to listen on 0.0.0.0:9816 (not loopback)",
  // "web: cannot listen on 127.0.0.1:9816: Address already in use".
  static core::Result<std::unique_ptr<Server>> Start(boost::asio::io_context& io,
                                                     ServerOptions options, Handlers handlers);
  ~Server();  // Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port actually bound.
  std::uint16_t port() const;

  // Stops accepting and closes every connection (requests being read are abandoned). Returns at
  // once; the connection coroutines finish within one turn of the io_context. Idempotent.
  void Stop();

  struct Impl;

 private:
  explicit Server(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

}  // namespace govwatch::web
