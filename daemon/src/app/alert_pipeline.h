// AlertPipeline: the daemon's alerting side (issue 4), as the composition root wires it.
//
// It is the scheduler's Listener: every event goes first to LiveState (metrics, API) and then,
// for finished runs, fetches and site aggregates, onto the alert thread — one dedicated thread
// that owns the AlertService, its AlertStore connection and a read connection to the store, so
// the io_context and the scheduler's store thread never wait on alert work. The alert thread
// also ticks every `tick` (reminders, `for` durations, mutes ending, the daily digest) and
// exports govwatch_alerts_firing. Notifications go into the notify::Outbox; a
// notify::DeliveryWorker (its own thread) sends them, woken at once by every new message.
//
// Thread-safety: the Listener methods, Start, Reload and Stop are called on the io_context
// thread. Lifetime: outlives the Scheduler that calls it; Stop() (or the destructor) finishes the
// queued alert work, then stops delivery.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "alert/alert_store.h"
#include "alert/service.h"
#include "app/live_state.h"
#include "config/config.h"
#include "metrics/metrics.h"
#include "notify/deliverer.h"
#include "notify/outbox.h"
#include "schedule/scheduler.h"
#include "store/sqlite_store.h"

namespace govwatch::app {

class AlertPipeline final : public schedule::Listener {
 public:
  struct Options {
    std::chrono::milliseconds tick{15'000};
    std::chrono::milliseconds delivery_interval{10'000};
  };

  // Opens the alert store, a findings reader and the outbox on config->storage.path (which the
  // daemon's store has already migrated). Error when any cannot be opened.
  static core::Result<std::unique_ptr<AlertPipeline>> Open(
      std::shared_ptr<const config::Config> config, LiveState& live, metrics::Metrics& metrics,
      Options options);
  ~AlertPipeline() override;

  // Starts the alert and delivery threads; the first alert task resolves alerts whose findings
  // closed while the daemon was down.
  void Start();
  // Adopts a reloaded configuration: the engine's on the alert thread, and a new Deliverer.
  void Reload(std::shared_ptr<const config::Config> config);
  void Stop();

  // schedule::Listener
  void OnTargetDone(const schedule::TargetOutcome& outcome,
                    const std::vector<schedule::TargetCheck>& checks) override;
  void OnFetch(std::string_view outcome) override { live_.OnFetch(outcome); }
  void OnLag(std::chrono::milliseconds lag) override { live_.OnLag(lag); }
  void OnSiteFindings(const schedule::TargetCheck& aggregate) override;
  void OnError(std::string_view target_id, const core::Error& error) override {
    live_.OnError(target_id, error);
  }
  void OnPruned(std::int64_t rows) override { live_.OnPruned(rows); }

 private:
  using Task = std::function<core::Status(alert::AlertService&, core::Timestamp now)>;
  AlertPipeline(std::shared_ptr<const config::Config> config, LiveState& live,
                metrics::Metrics& metrics, Options options);
  void Post(std::string what, Task task);
  void Run();
  void StartDelivery(const config::Config& config);
  static core::Timestamp Now();

  std::shared_ptr<const config::Config> config_;
  LiveState& live_;
  metrics::Metrics& metrics_;
  Options options_;
  std::unique_ptr<store::SqliteStore> findings_;
  std::unique_ptr<alert::AlertStore> alerts_;
  std::unique_ptr<notify::Outbox> outbox_;
  std::unique_ptr<alert::AlertService> service_;

  std::mutex delivery_mutex_;  // guards deliverer_ and worker_ (Reload vs. the wake callback)
  std::unique_ptr<notify::Deliverer> deliverer_;
  std::unique_ptr<notify::DeliveryWorker> worker_;

  std::mutex mutex_;  // guards tasks_ and stopping_
  std::condition_variable wake_;
  std::deque<std::pair<std::string, Task>> tasks_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace govwatch::app
