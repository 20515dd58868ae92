#include <exception>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "fetch/http_client.h"

namespace govwatch::fetch {
namespace {

boost::asio::awaitable<void> FetchInto(HttpClient* client, Request request, Response* out) {
  *out = co_await client->Fetch(std::move(request));
}

}  // namespace

std::vector<Response> FetchAll(const config::HttpSettings& settings, std::vector<Request> requests) {
  boost::asio::io_context io(1);
  std::unique_ptr<HttpClient> client = MakeHttpClient(io.get_executor(), settings);
  std::vector<Response> responses(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    // The HostLimiter bounds how many of these run at once; the rest wait in its queues.
    boost::asio::co_spawn(io, FetchInto(client.get(), std::move(requests[i]), &responses[i]),
                          [](std::exception_ptr e) {
                            // Fetch turns every failure into a value, so this is a bug.
                            if (e) std::rethrow_exception(e);
                          });
  }
  io.run();
  return responses;
}

}  // namespace govwatch::fetch
