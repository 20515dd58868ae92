// AlertService: the alert engine at its edges (issue 4). It reads the store's open findings and
// its own alert states, runs the pure engine (alert.h), renders and routes the resulting
// notices (render.h, routing.h) and hands them to a NotificationSink (the outbox), then saves
// the new states.
//
// Order of writes, for restarts: notifications are enqueued first and the alert states saved
// after, and every notification's dedup_key names its episode (key + first_seen) and event, so
// a crash in between repeats the step with the same keys and the outbox stores one message.
//
// Daily digest: once a day, when the local time (alerts.time_zone) passes alerts.digest_time,
// each unit with firing non-immediate alerts, or such alerts resolved in the 24 hours before,
// gets one digest per routed channel (dedup key "digest:UNIT:DATE"); a daemon that was down at
// digest time sends that day's digest when it next ticks.
//
// Thread-safety: none. Every method blocks on SQLite; the daemon calls them on one dedicated
// thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "alert/alert.h"
#include "alert/alert_store.h"
#include "alert/render.h"
#include "alert/upstream.h"
#include "config/config.h"
#include "core/notification.h"
#include "store/store.h"

namespace govwatch::alert {

Policy PolicyOf(const config::AlertSettings& settings);

class AlertService {
 public:
  AlertService(AlertStore& alerts, store::Store& findings, core::NotificationSink& sink,
               std::shared_ptr<const config::Config> config);

  // Adopts a (reloaded) configuration and reads its channels' template files; a template that
  // cannot be read is reported and that channel uses the built-in one.
  core::Status SetConfig(std::shared_ptr<const config::Config> config);

  // Start-up: resolves active alerts whose findings closed while the engine did not see it.
  core::Status Reconcile(core::Timestamp now);
  // One observation of `target_id` whose checks `scope` ran (empty: all); `succeeded` false
  // when they answered unknown. Reads the target's open findings from the store.
  core::Status OnObservation(const std::string& target_id, const std::vector<std::string>& scope,
                             bool succeeded, core::Timestamp now);
  // Every fetch, for upstream grouping (upstream.h).
  core::Status OnFetch(const std::string& target_id, bool failed, bool network_down,
                       core::Timestamp now);
  // Time passing: `for` durations, mutes ending, reminders, the daily digest.
  core::Status Tick(core::Timestamp now);

  // Firing alerts by severity name (for govwatch_alerts_firing).
  core::Result<std::map<std::string, int>> FiringBySeverity();

 private:
  bool Muted(const Alert& alert, core::Timestamp now) const;
  core::Status Apply(const Step& step, core::Timestamp now);
  core::Status Digest(core::Timestamp now);

  AlertStore& alerts_;
  store::Store& findings_;
  core::NotificationSink& sink_;
  std::shared_ptr<const config::Config> config_;
  std::map<std::string, Templates> templates_;  // by channel name
  UpstreamTracker upstream_;
};

}  // namespace govwatch::alert
