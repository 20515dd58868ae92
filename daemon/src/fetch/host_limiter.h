// HostLimiter: politeness for the fetcher. At most `max_total` requests in flight overall, at
// most `max_per_host` per host, and at least `per_host_delay` between the starts of two requests
// to the same host (measured start to start).
//
// Acquire suspends until all three allow a request to start and returns a Permit, which gives the
// slots back when destroyed. Waiters on a host are served in arrival order. A host slot is taken
// before a global one so that a busy host does not hold global capacity while it waits.
//
// Thread-safety: bound to one single-threaded executor (or strand), like HttpClient. The limiter
// must outlive its Permits.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

namespace govwatch::fetch {

class HostLimiter {
 public:
  struct HostState;
  struct Slots;

  class Permit {
   public:
    Permit() = default;
    Permit(Permit&& other) noexcept;
    Permit& operator=(Permit&& other) noexcept;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit();

   private:
    friend class HostLimiter;
    void Release();
    std::shared_ptr<HostState> host_;
    std::shared_ptr<Slots> global_;
  };

  HostLimiter(boost::asio::any_io_executor executor, int max_total, int max_per_host,
              std::chrono::milliseconds per_host_delay);
  ~HostLimiter();

  // `host` is the key ("example.gov.cn:443"). Throws only what a cancelled wait throws.
  boost::asio::awaitable<Permit> Acquire(std::string host);

 private:
  boost::asio::any_io_executor executor_;
  int max_per_host_;
  std::chrono::milliseconds per_host_delay_;
  std::shared_ptr<Slots> global_;
  std::unordered_map<std::string, std::shared_ptr<HostState>> hosts_;
};

}  // namespace govwatch::fetch
