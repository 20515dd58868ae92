// The real server on 127.0.0.1:0, its io_context run by a test thread. Well-formed requests go
// through the project's own client (fetch::FetchAll); headers it cannot send (Authorization),
// POST, keep-alive, malformed and slow requests through raw sockets.
#include "web/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <gtest/gtest.h>

#include "fetch/http_client.h"

namespace govwatch::web {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A blocking loopback client socket; closed on destruction.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawClient() { ::close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }

  bool Send(const std::string& data) {
    return ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(data.size());
  }

  // Waits up to `timeout` for data; "" with closed() true on EOF or reset.
  std::string ReceiveSome(milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return "";
    char buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) {
      closed_ = true;
      return "";
    }
    return std::string(buffer, static_cast<std::size_t>(n));
  }

  // True once the server closed the connection (EOF or reset) within `timeout`.
  bool WaitClosed(milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!closed_ && Clock::now() < deadline) {
      ReceiveSome(std::chrono::duration_cast<milliseconds>(deadline - Clock::now()));
    }
    return closed_;
  }

  // Reads one response: headers, then Content-Length bytes of body.
  std::string ReadResponse(milliseconds timeout = milliseconds(5000)) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline && !closed_) {
      const auto end = pending_.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::size_t length = 0;
        const auto cl = Lower(pending_.substr(0, end)).find("content-length: ");
        if (cl != std::string::npos) length = std::stoul(pending_.substr(cl + 16));
        if (pending_.size() >= end + 4 + length) {
          std::string response = pending_.substr(0, end + 4 + length);
          pending_.erase(0, end + 4 + length);
          return response;
        }
      }
      pending_ += ReceiveSome(std::chrono::duration_cast<milliseconds>(deadline - Clock::now()));
    }
    return std::exchange(pending_, "");
  }

 private:
  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
  std::string pending_;
};

int StatusOf(const std::string& response) {
  if (response.size() < 12 || !response.starts_with("HTTP/1.1 ")) return 0;
  return std::stoi(response.substr(9, 3));
}

std::string BodyOf(const std::string& response) {
  const auto end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

bool HasHeader(const std::string& response, const std::string& line) {
  return response.find("\r\n" + line + "\r\n") != std::string::npos;
}

class ServerTest : public ::testing::Test {
 protected:
  ~ServerTest() override { Shutdown(); }

  // Starts the server, then the io_context thread.
  void Start(ServerOptions options, Handlers handlers) {
    auto server = Server::Start(io_, std::move(options), std::move(handlers));
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(*server);
    thread_ = std::thread([this] { io_.run(); });
  }

  void OnIo(std::function<void()> work) {
    std::promise<void> done;
    boost::asio::post(io_, [&] {
      work();
      done.set_value();
    });
    done.get_future().wait();
  }

  void Shutdown() {
    if (!thread_.joinable()) return;
    OnIo([this] { server_.reset(); });
    work_.reset();
    thread_.join();
  }

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
  }

  // One request with Connection: close through a raw socket.
  std::string Exchange(const std::string& request) {
    RawClient client(server_->port());
    EXPECT_TRUE(client.connected());
    EXPECT_TRUE(client.Send(request));
    return client.ReadResponse();
  }

  static Handlers Basic() {
    Handlers h;
    h.metrics = [] { return std::string("govwatch_build_info{version=\"0.1.0\"} 1\n"); };
    h.ready = [] { return true; };
    h.reload = []() -> core::Result<std::string> { return std::string("reloaded"); };
    h.api = [](const Request&) {
      Response r;
      r.content_type = "application/json";
      r.body = "{\"targets\":[]}";
      return r;
    };
    return h;
  }

  boost::asio::io_context io_{1};
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      boost::asio::make_work_guard(io_)};
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

ServerOptions Loopback() {
  ServerOptions o;
  o.listen = "127.0.0.1:0";
  return o;
}

TEST_F(ServerTest, RoutesThroughTheProjectClient) {
  Start(Loopback(), Basic());
  ASSERT_NE(server_->port(), 0);
  config::HttpSettings settings;
  settings.retries = 0;
  settings.per_host_delay = milliseconds(0);
  std::vector<fetch::Request> requests;
  for (const char* path : {"/-/healthy", "/-/ready", "/metrics", "/api/v1/targets", "/nope"}) {
    fetch::Request request;
    request.url = Url(path);
    requests.push_back(std::move(request));
  }
  const auto responses = fetch::FetchAll(settings, std::move(requests));
  ASSERT_EQ(responses.size(), 5u);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_EQ(responses[0].body, "healthy\n");
  EXPECT_EQ(responses[1].body, "ready\n");
  EXPECT_EQ(responses[2].body, "govwatch_build_info{version=\"0.1.0\"} 1\n");
  EXPECT_EQ(responses[2].content_type, "text/plain");
  EXPECT_EQ(responses[3].body, "{\"targets\":[]}");
  EXPECT_EQ(responses[3].content_type, "application/json");
  EXPECT_EQ(responses[4].failure, fetch::FailureReason::kHttpStatus);
  EXPECT_EQ(responses[4].status, 404);
}

TEST_F(ServerTest, ReloadNeedsPostAndTheToken) {
  ServerOptions options = Loopback();
  options.token = "s3cret";
  std::atomic<int> reloads = 0;
  Handlers handlers = Basic();
  handlers.reload = [&reloads]() -> core::Result<std::string> {
    ++reloads;
    return std::string("reloaded");
  };
  Start(options, handlers);

  const std::string get =
      Exchange("GET /-/reload HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(get), 405);
  EXPECT_TRUE(HasHeader(get, "Allow: POST")) << get;

  const std::string none = Exchange(
      "POST /-/reload HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(none), 401);
  EXPECT_TRUE(HasHeader(none, "WWW-Authenticate: Bearer realm=\"govwatch\"")) << none;

  const std::string wrong = Exchange(
      "POST /-/reload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cres\r\n"
      "Content-Length: 0\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(wrong), 401);
  EXPECT_EQ(reloads.load(), 0);

  const std::string right = Exchange(
      "POST /-/reload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\n"
      "Content-Length: 0\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(right), 200) << right;
  EXPECT_EQ(BodyOf(right), "reloaded\n");
  EXPECT_EQ(reloads.load(), 1);
}

TEST_F(ServerTest, NonLoopbackListenRequiresAToken) {
  ServerOptions options;
  options.listen = "0.0.0.0:0";
  auto refused = Server::Start(io_, options, Basic());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "web: a token is required to listen on 0.0.0.0:0 (not loopback)");
}

TEST_F(ServerTest, NonLoopbackApiRequiresTheToken) {
  ServerOptions options;
  options.listen = "0.0.0.0:0";
  options.token = "s3cret";
  Start(options, Basic());
  const std::string anonymous =
      Exchange("GET /api/v1/targets HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(anonymous), 401);
  EXPECT_EQ(BodyOf(anonymous), "{\"error\":\"a valid bearer token is required\"}");
  const std::string authorised = Exchange(
      "GET /api/v1/targets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\n"
      "Connection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(authorised), 200);
  EXPECT_EQ(BodyOf(authorised), "{\"targets\":[]}");
  // Health stays open so probes and load balancers need no secret.
  EXPECT_EQ(StatusOf(Exchange("GET /-/healthy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
            200);
}

TEST_F(ServerTest, PortInUseIsAStartError) {
  Start(Loopback(), Basic());
  ServerOptions same;
  same.listen = "127.0.0.1:" + std::to_string(server_->port());
  boost::asio::io_context other;
  auto second = Server::Start(other, same, Basic());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().message,
            "web: cannot listen on " + same.listen + ": Address already in use");
}

TEST_F(ServerTest, InvalidListenAddress) {
  ServerOptions options;
  options.listen = "localhost";
  auto r = Server::Start(io_, options, Basic());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "web: invalid listen address \"localhost\"");
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Start(Loopback(), Basic());
  RawClient client(server_->port());
  ASSERT_TRUE(client.connected());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.Send("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n"));
    const std::string response = client.ReadResponse();
    EXPECT_EQ(StatusOf(response), 200) << i;
    EXPECT_EQ(BodyOf(response), "healthy\n");
  }
}

TEST_F(ServerTest, OversizeBodyIs413AndOversizeHeaderIs431) {
  ServerOptions options = Loopback();
  options.max_request_bytes = 1024;
  options.max_header_bytes = 1024;
  Start(options, Basic());
  const std::string body = Exchange(
      "POST /-/reload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
  EXPECT_EQ(StatusOf(body), 413) << body;
  const std::string header = Exchange("GET /-/healthy HTTP/1.1\r\nHost: x\r\nX-Pad: " +
                                      std::string(4096, 'a') + "\r\n\r\n");
  EXPECT_EQ(StatusOf(header), 431) << header;
}

TEST_F(ServerTest, MalformedRequestIs400) {
  Start(Loopback(), Basic());
  EXPECT_EQ(StatusOf(Exchange("GARBAGE\r\n\r\n")), 400);
  EXPECT_EQ(StatusOf(Exchange("GET http://example.org/metrics HTTP/1.1\r\nHost: x\r\n\r\n")), 400);
}

TEST_F(ServerTest, SlowlorisIsCutOffAfterTheReadTimeout) {
  ServerOptions options = Loopback();
  options.read_timeout = std::chrono::seconds(1);
  Start(options, Basic());
  RawClient client(server_->port());
  ASSERT_TRUE(client.connected());
  const auto start = Clock::now();
  ASSERT_TRUE(client.Send("GET /-/healthy HTTP/1.1\r\nHost: x\r\n"));
  // Keep dripping header bytes: the deadline covers the whole request, so this does not help.
  bool closed = false;
  while (!closed && Clock::now() - start < std::chrono::seconds(5)) {
    client.Send("X");
    closed = client.WaitClosed(milliseconds(100));
  }
  const auto elapsed = Clock::now() - start;
  EXPECT_TRUE(closed);
  EXPECT_GE(elapsed, milliseconds(900));
  EXPECT_LT(elapsed, milliseconds(2500));
}

TEST_F(ServerTest, ConnectionsBeyondTheCapGet503) {
  ServerOptions options = Loopback();
  options.max_connections = 2;
  Start(options, Basic());
  auto first = std::make_unique<RawClient>(server_->port());
  RawClient second(server_->port());
  // Both are served: a request on each proves they were accepted before the third connects.
  ASSERT_TRUE(first->Send("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(second.Send("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(StatusOf(first->ReadResponse()), 200);
  EXPECT_EQ(StatusOf(second.ReadResponse()), 200);
  {
    RawClient third(server_->port());
    const std::string response = third.ReadResponse();
    EXPECT_EQ(StatusOf(response), 503) << response;
    EXPECT_TRUE(third.WaitClosed(milliseconds(2000)));
  }
  // A slot freed by a client that leaves is available again.
  first.reset();
  int status = 0;
  for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
    status = StatusOf(Exchange("GET /-/healthy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    if (status != 200) std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_EQ(status, 200);
}

TEST_F(ServerTest, StopClosesConnectionsWithARequestInFlight) {
  Start(Loopback(), Basic());
  const std::uint16_t port = server_->port();
  RawClient idle(port);
  RawClient reading(port);
  ASSERT_TRUE(idle.Send("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(StatusOf(idle.ReadResponse()), 200);  // now waiting in keep-alive
  ASSERT_TRUE(reading.Send("POST /-/reload HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"));
  std::this_thread::sleep_for(milliseconds(100));  // let the server start reading the body

  const auto start = Clock::now();
  OnIo([this] { server_->Stop(); });
  EXPECT_TRUE(reading.WaitClosed(milliseconds(1000)));
  EXPECT_TRUE(idle.WaitClosed(milliseconds(1000)));
  EXPECT_LT(Clock::now() - start, milliseconds(1000));
  RawClient late(port);
  EXPECT_FALSE(late.connected()) << "the listener must be closed after Stop()";
}

}  // namespace
}  // namespace govwatch::web
