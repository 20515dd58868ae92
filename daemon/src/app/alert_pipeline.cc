#include "app/alert_pipeline.h"

#include <spdlog/spdlog.h>

namespace govwatch::app {

core::Result<std::unique_ptr<AlertPipeline>> AlertPipeline::Open(
    std::shared_ptr<const config::Config> config, LiveState& live, metrics::Metrics& metrics,
    Options options) {
  const std::string& path = config->storage.path;
  std::unique_ptr<AlertPipeline> p(new AlertPipeline(config, live, metrics, options));
  auto findings = store::SqliteStore::Open(path);
  if (!findings) return findings.error();
  p->findings_ = std::move(findings).value();
  auto alerts = alert::AlertStore::Open(path);
  if (!alerts) return alerts.error();
  p->alerts_ = std::move(alerts).value();
  auto outbox = notify::Outbox::Open(path);
  if (!outbox) return outbox.error();
  p->outbox_ = std::move(outbox).value();
  p->service_ = std::make_unique<alert::AlertService>(*p->alerts_, *p->findings_, *p->outbox_,
                                                      config);
  if (auto s = p->service_->SetConfig(config); !s) spdlog::warn("{}", s.error().message);
  return p;
}

AlertPipeline::AlertPipeline(std::shared_ptr<const config::Config> config, LiveState& live,
                             metrics::Metrics& metrics, Options options)
    : config_(std::move(config)), live_(live), metrics_(metrics), options_(options) {}

AlertPipeline::~AlertPipeline() { Stop(); }

core::Timestamp AlertPipeline::Now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

void AlertPipeline::StartDelivery(const config::Config& config) {
  std::lock_guard lock(delivery_mutex_);
  if (worker_) worker_->Stop();
  worker_.reset();
  deliverer_ = std::make_unique<notify::Deliverer>(*outbox_, config, &metrics_);
  worker_ = std::make_unique<notify::DeliveryWorker>(
      *deliverer_, [] { return Now(); }, options_.delivery_interval,
      [](const core::Error& e) { spdlog::error("notify: {}", e.message); });
}

void AlertPipeline::Start() {
  StartDelivery(*config_);
  outbox_->SetOnEnqueue([this] {
    std::lock_guard lock(delivery_mutex_);
    if (worker_) worker_->Wake();
  });
  Post("reconcile", [](alert::AlertService& s, core::Timestamp now) { return s.Reconcile(now); });
  thread_ = std::thread([this] { Run(); });
}

void AlertPipeline::Reload(std::shared_ptr<const config::Config> config) {
  config_ = config;
  Post("reload", [config](alert::AlertService& s, core::Timestamp) {
    return s.SetConfig(config);
  });
  // The Deliverer copies its channels: a new one takes the reloaded channels.
  if (thread_.joinable()) StartDelivery(*config);
}

void AlertPipeline::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(delivery_mutex_);
  if (worker_) worker_->Stop();
  worker_.reset();
}

void AlertPipeline::Post(std::string what, Task task) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    tasks_.emplace_back(std::move(what), std::move(task));
  }
  wake_.notify_one();
}

void AlertPipeline::Run() {
  auto next_tick = std::chrono::steady_clock::now();
  for (;;) {
    std::deque<std::pair<std::string, Task>> batch;
    bool stopping = false;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_until(lock, next_tick, [this] { return stopping_ || !tasks_.empty(); });
      batch.swap(tasks_);
      stopping = stopping_;
    }
    // Queued work is finished even when stopping: each task is a step of an observation that
    // the store already holds.
    for (auto& [what, task] : batch) {
      if (auto s = task(*service_, Now()); !s) spdlog::error("alerts: {}: {}", what, s.error().message);
    }
    if (stopping) return;
    if (std::chrono::steady_clock::now() >= next_tick) {
      if (auto s = service_->Tick(Now()); !s) spdlog::error("alerts: tick: {}", s.error().message);
      if (auto firing = service_->FiringBySeverity(); firing) metrics_.SetAlertsFiring(*firing);
      next_tick = std::chrono::steady_clock::now() + options_.tick;
    }
  }
}

void AlertPipeline::OnTargetDone(const schedule::TargetOutcome& outcome,
                                 const std::vector<schedule::TargetCheck>& checks) {
  live_.OnTargetDone(outcome, checks);
  const std::string target = outcome.target.id;
  const bool failed = !outcome.readable;
  const bool network_down = outcome.network_down;
  const core::Timestamp at = outcome.probed_at;
  Post("fetch " + target, [target, failed, network_down, at](alert::AlertService& s,
                                                             core::Timestamp) {
    return s.OnFetch(target, failed, network_down, at);
  });
  for (const schedule::TargetCheck& check : checks) {
    const bool succeeded = check.result.status != core::CheckStatus::kUnknown;
    Post(check.target_id, [id = check.target_id, scope = check.scope, succeeded, at](
                              alert::AlertService& s, core::Timestamp) {
      return s.OnObservation(id, scope, succeeded, at);
    });
  }
}

void AlertPipeline::OnSiteFindings(const schedule::TargetCheck& aggregate) {
  live_.OnSiteFindings(aggregate);
  Post(aggregate.target_id, [id = aggregate.target_id, scope = aggregate.scope](
                                alert::AlertService& s, core::Timestamp now) {
    return s.OnObservation(id, scope, true, now);
  });
}

}  // namespace govwatch::app
