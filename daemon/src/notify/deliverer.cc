#include "notify/deliverer.h"

#include <set>
#include <utility>

#include "metrics/metrics.h"

namespace govwatch::notify {
namespace {

constexpr int kBatch = 100;

// A claimed message that is not finished by then (the process died mid-send) becomes due again.
// Long enough that a send still running at its timeout is not taken by a second deliverer.
std::chrono::seconds LeaseFor(const config::OutboxSettings& settings) {
  return 2 * settings.send_timeout + std::chrono::seconds{60};
}

}  // namespace

std::chrono::seconds BackoffAfter(int attempts, const config::OutboxSettings& settings) {
  std::chrono::seconds wait = settings.initial_backoff;
  for (int i = 1; i < attempts && wait < settings.max_backoff; ++i) wait *= 2;
  return std::max(std::chrono::seconds{0}, std::min(wait, settings.max_backoff));
}

Deliverer::Deliverer(Outbox& outbox, const config::Config& config, metrics::Metrics* metrics,
                     std::unique_ptr<Transport> transport)
    : Deliverer(outbox, config.channels, config.outbox, metrics, std::move(transport)) {}

Deliverer::Deliverer(Outbox& outbox, std::vector<config::Channel> channels,
                     config::OutboxSettings settings, metrics::Metrics* metrics,
                     std::unique_ptr<Transport> transport)
    : outbox_(outbox),
      channels_(std::move(channels)),
      settings_(settings),
      metrics_(metrics),
      transport_(std::move(transport)) {
  if (metrics_ != nullptr) {
    // Series at 0 from the start, so rate() and "increase > 0" alerts see the first failure.
    for (const config::Channel& channel : channels_) {
      for (const char* result : {"sent", "failed", "dead"}) {
        metrics_->CountNotification(channel.name, result, /*count=*/false);
      }
    }
  }
}

const config::Channel* Deliverer::FindChannel(const std::string& name) const {
  for (const config::Channel& channel : channels_) {
    if (channel.name == name) return &channel;
  }
  return nullptr;
}

core::Result<int> Deliverer::DeliverDue(core::Timestamp now) {
  int sent = 0;
  std::set<std::string> unreachable;  // channels to skip for the rest of this pass
  std::int64_t after_id = 0;
  auto count = [this](const std::string& channel, const char* result) {
    if (metrics_ != nullptr) metrics_->CountNotification(channel, result);
  };
  for (;;) {
    // Paging by id: each message is considered at most once per pass, even when its back-off is
    // zero and it is due again at once.
    auto due = outbox_.Due(now, after_id, kBatch);
    if (!due) return due.error();
    if (due->empty()) break;
    for (const OutboxMessage& message : *due) {
      after_id = message.id;
      const std::string& channel_name = message.notification.channel;
      if (unreachable.contains(channel_name)) continue;
      auto claimed = outbox_.Claim(message.id, message.attempts, now + LeaseFor(settings_));
      if (!claimed) return claimed.error();
      if (!*claimed) continue;  // another deliverer took it
      const int attempts = message.attempts + 1;

      SendOutcome outcome;
      const config::Channel* channel = FindChannel(channel_name);
      if (channel == nullptr) {
        outcome = SendOutcome::Retry("channel '" + channel_name + "' is not configured");
      } else {
        const Envelope envelope{message.id, now, settings_.send_timeout};
        outcome = transport_->Send(*channel, message.notification, envelope);
      }

      core::Status marked;
      if (outcome.kind == SendOutcome::Kind::kSent) {
        marked = outbox_.MarkSent(message.id, now);
        ++sent;
        count(channel_name, "sent");
      } else {
        count(channel_name, "failed");
        const bool dead = outcome.kind == SendOutcome::Kind::kPermanent ||
                          attempts >= settings_.max_attempts;
        if (dead) {
          marked = outbox_.MarkDead(message.id, now, outcome.detail);
          count(channel_name, "dead");
        } else {
          marked = outbox_.MarkRetry(message.id, now + BackoffAfter(attempts, settings_),
                                     outcome.detail);
        }
        if (outcome.unreachable) unreachable.insert(channel_name);
      }
      // The lease brings the message back if this write failed; a sent one may then go out once
      // more (the documented at-least-once case).
      if (!marked) return marked.error();
    }
  }
  if (auto status = UpdateMetrics(now); !status) return status.error();
  return sent;
}

core::Status Deliverer::UpdateMetrics(core::Timestamp now) {
  if (metrics_ == nullptr) return {};
  auto stats = outbox_.Stats(now);
  if (!stats) return stats.error();
  metrics_->SetOutbox(static_cast<double>(stats->pending),
                      static_cast<double>(stats->oldest_pending_age.count()),
                      static_cast<double>(stats->dead));
  return {};
}

DeliveryWorker::DeliveryWorker(Deliverer& deliverer, Clock clock,
                               std::chrono::milliseconds interval,
                               std::function<void(const core::Error&)> on_error)
    : deliverer_(deliverer),
      clock_(std::move(clock)),
      interval_(interval),
      on_error_(std::move(on_error)),
      thread_([this] { Run(); }) {}

DeliveryWorker::~DeliveryWorker() { Stop(); }

void DeliveryWorker::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_one();
}

void DeliveryWorker::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void DeliveryWorker::Run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (stopping_) return;
      woken_ = false;
    }
    auto delivered = deliverer_.DeliverDue(clock_());
    if (!delivered && on_error_) on_error_(delivered.error());
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, interval_, [this] { return stopping_ || woken_; });
    if (stopping_) return;
  }
}

}  // namespace govwatch::notify
