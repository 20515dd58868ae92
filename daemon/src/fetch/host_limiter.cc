#include "fetch/host_limiter.h"

#include <optional>

#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace govwatch::fetch {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// A channel with capacity N is an async semaphore: sending takes a slot (and waits while all N
// are taken), receiving gives one back.
struct HostLimiter::Slots {
  Slots(asio::any_io_executor ex, int n) : channel(std::move(ex), static_cast<size_t>(n)) {}
  asio::experimental::channel<void(boost::system::error_code)> channel;

  void Give() {
    channel.try_receive([](boost::system::error_code) {});
  }
};

struct HostLimiter::HostState {
  HostState(asio::any_io_executor ex, int n) : slots(std::move(ex), n) {}
  Slots slots;
  std::optional<Clock::time_point> last_start;
};

HostLimiter::Permit::Permit(Permit&& other) noexcept
    : host_(std::move(other.host_)), global_(std::move(other.global_)) {}

HostLimiter::Permit& HostLimiter::Permit::operator=(Permit&& other) noexcept {
  if (this != &other) {
    Release();
    host_ = std::move(other.host_);
    global_ = std::move(other.global_);
  }
  return *this;
}

HostLimiter::Permit::~Permit() { Release(); }

void HostLimiter::Permit::Release() {
  if (global_) global_->Give();
  if (host_) host_->slots.Give();
  global_.reset();
  host_.reset();
}

HostLimiter::HostLimiter(asio::any_io_executor executor, int max_total, int max_per_host,
                         std::chrono::milliseconds per_host_delay)
    : executor_(executor),
      max_per_host_(std::max(1, max_per_host)),
      per_host_delay_(per_host_delay),
      global_(std::make_shared<Slots>(executor, std::max(1, max_total))) {}

HostLimiter::~HostLimiter() = default;

asio::awaitable<HostLimiter::Permit> HostLimiter::Acquire(std::string host) {
  std::shared_ptr<HostState>& entry = hosts_[host];
  if (!entry) entry = std::make_shared<HostState>(executor_, max_per_host_);
  std::shared_ptr<HostState> state = entry;

  // The permit owns each slot from the moment it is taken, so a cancelled wait gives it back.
  Permit permit;
  co_await state->slots.channel.async_send(boost::system::error_code{}, asio::use_awaitable);
  permit.host_ = state;

  asio::steady_timer timer(executor_);
  for (;;) {
    if (state->last_start && per_host_delay_.count() > 0) {
      const Clock::time_point ready = *state->last_start + per_host_delay_;
      if (Clock::now() < ready) {
        timer.expires_at(ready);
        co_await timer.async_wait(asio::use_awaitable);
        continue;
      }
    }
    co_await global_->channel.async_send(boost::system::error_code{}, asio::use_awaitable);
    // Another request to this host may have started while we waited for a global slot.
    const Clock::time_point now = Clock::now();
    if (!state->last_start || per_host_delay_.count() == 0 ||
        now >= *state->last_start + per_host_delay_) {
      state->last_start = now;
      permit.global_ = global_;
      co_return permit;
    }
    global_->Give();
  }
}

}  // namespace govwatch::fetch
