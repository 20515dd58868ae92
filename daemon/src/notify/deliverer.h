// Deliverer: sends due outbox messages over their channels with retries, exponential back-off and
// dead letters; DeliveryWorker runs it on its own thread.
//
// Policy, per message (see outbox.h for the claim protocol and its at-least-once guarantee):
// - sent: marked sent in the step right after the server accepted it; never sent again.
// - transient failure: retried after initial_backoff × 2^(attempts − 1), capped at max_backoff;
//   after max_attempts attempts it is dead-lettered.
// - permanent failure (HTTP 4xx other than 429, SMTP 5xx, robot errcode ≠ 0, bad channel config):
//   dead-lettered at once.
// - channel no longer configured (removed by a reload): a transient failure, so a reload that
//   brings it back delivers the message, and max_attempts ends it otherwise.
// - a channel whose server is unreachable in a pass is not tried again in that pass: a down SMTP
//   server costs one connect timeout per pass, not one per queued message.
//
// Metrics (when given): govwatch_notifications_total{channel,result} (result sent|failed|dead;
// "failed" counts every failed attempt, "dead" every dead-lettered message), and after each
// pass govwatch_outbox_pending, govwatch_outbox_oldest_pending_seconds,
// govwatch_outbox_dead_letters.
//
// Thread-safety: DeliverDue is not reentrant (one caller at a time); the Outbox may be shared with
// enqueuing threads. The Deliverer copies the channels and settings it is given, so the Config
// may go away; build a new Deliverer after a configuration reload.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "core/result.h"
#include "core/time.h"
#include "notify/outbox.h"
#include "notify/transport.h"

namespace govwatch::metrics {
class Metrics;
}

namespace govwatch::notify {

// The wait before attempt `attempts` + 1 after `attempts` (≥ 1) failed attempts:
// initial_backoff × 2^(attempts − 1), at most max_backoff.
std::chrono::seconds BackoffAfter(int attempts, const config::OutboxSettings& settings);

class Deliverer {
 public:
  // `metrics` may be null. `transport` defaults to the libcurl one.
  Deliverer(Outbox& outbox, const config::Config& config, metrics::Metrics* metrics,
            std::unique_ptr<Transport> transport = MakeCurlTransport());
  Deliverer(Outbox& outbox, std::vector<config::Channel> channels,
            config::OutboxSettings settings, metrics::Metrics* metrics,
            std::unique_ptr<Transport> transport = MakeCurlTransport());

  // Tries every message due at `now` once (blocking), oldest first. Returns how many were sent;
  // Error only when the outbox itself failed (database error), not when a channel did.
  core::Result<int> DeliverDue(core::Timestamp now);

  // Refreshes the outbox gauges (DeliverDue does this after each pass).
  core::Status UpdateMetrics(core::Timestamp now);

 private:
  const config::Channel* FindChannel(const std::string& name) const;

  Outbox& outbox_;
  std::vector<config::Channel> channels_;
  config::OutboxSettings settings_;
  metrics::Metrics* metrics_;
  std::unique_ptr<Transport> transport_;
};

// Runs Deliverer::DeliverDue on its own thread every `interval` and at once after Wake() (hook it
// to Outbox::SetOnEnqueue so a veto goes out immediately). Errors are passed to `on_error`
// (log them). Stop() (or the destructor) waits for the pass in flight, bounded by the send
// timeout of the message being sent.
class DeliveryWorker {
 public:
  using Clock = std::function<core::Timestamp()>;
  DeliveryWorker(Deliverer& deliverer, Clock clock, std::chrono::milliseconds interval,
                 std::function<void(const core::Error&)> on_error);
  ~DeliveryWorker();
  DeliveryWorker(const DeliveryWorker&) = delete;
  DeliveryWorker& operator=(const DeliveryWorker&) = delete;

  void Wake();
  void Stop();

 private:
  void Run();

  Deliverer& deliverer_;
  Clock clock_;
  std::chrono::milliseconds interval_;
  std::function<void(const core::Error&)> on_error_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace govwatch::notify
