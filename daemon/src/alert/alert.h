// Alert: the lifecycle of one finding key (target, check, subject) over time (DESIGN.md §6) —
// pending → firing → resolved — and the pure state machine that moves it.
//
// The engine is a function of values: (previous alert states, one observation's findings and
// outcome, now) → (new states, events). It never reads the clock, the database or the network;
// AlertService (service.h) does that at the edges. Plain value types; no shared state.
//
// Rules (issue 4):
//   - A finding seen in a successful observation opens a pending alert (or keeps one going; a
//     finding whose first_seen differs from the alert's start is a new episode: the old one
//     resolves);
//     it fires once it has been seen in `for_observations` consecutive successful observations
//     and open for at least `for_duration`.
//   - A successful observation whose scope covers the alert's check and that no longer has the
//     finding resolves it (a pending one is dropped: it never fired).
//   - An unknown observation (the source could not be read) neither fires nor resolves anything.
//   - While firing, reminders follow at reminder_initial, then each interval doubles up to
//     reminder_max. A muted alert (silence, maintenance window, upstream failure) sends nothing;
//     its firing notice goes out when the mute ends while it still fires.
//   - A resolved notice goes out only when the firing notice went out and send_resolved is on.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/time.h"

namespace govwatch::alert {

// The synthetic check of upstream alerts (see upstream.h): one alert for many failing targets.
inline constexpr char kUpstreamCheck[] = "upstream";

enum class AlertState { kPending, kFiring, kResolved };
std::string_view ToString(AlertState state);
std::optional<AlertState> ParseAlertState(std::string_view text);

struct AlertKey {
  std::string target_id;
  std::string check;
  std::string subject;

  friend auto operator<=>(const AlertKey&, const AlertKey&) = default;
  friend bool operator==(const AlertKey&, const AlertKey&) = default;
  // "target|check|subject": stable, used in notification dedup keys.
  std::string ToString() const;
};

AlertKey KeyOf(const core::Finding& finding);

struct Alert {
  core::Finding finding;  // the latest version of the finding (message, evidence, severity)
  AlertState state = AlertState::kPending;
  core::Timestamp started_at{};     // when this episode's finding was first seen
  core::Timestamp last_seen_at{};   // the last successful observation that had the finding
  int observations = 0;             // consecutive successful observations with the finding
  std::optional<core::Timestamp> fired_at;
  std::optional<core::Timestamp> resolved_at;
  bool notified = false;            // the firing notice went out (immediately or in a digest)
  int reminders = 0;                // reminders sent in this episode
  std::optional<core::Timestamp> next_reminder_at;

  AlertKey key() const { return KeyOf(finding); }
  // The episode's identity in notification dedup keys: key and start.
  std::string EpisodeId() const;
};

struct Policy {
  int for_observations = 1;
  std::chrono::seconds for_duration{0};
  std::chrono::seconds reminder_initial{24 * 3600};
  std::chrono::seconds reminder_max{7 * 24 * 3600};
  bool send_resolved = true;
};

// An open finding as the store keeps it: first_seen survives restarts, so an episode started
// before a crash keeps its identity (and its notifications their dedup keys) after it.
struct OpenFinding {
  core::Finding finding;
  core::Timestamp first_seen{};
};

// One observation (or pass) of one target, as far as alerts care.
struct ObservationInput {
  std::string target_id;
  // The checks the observation evaluated; only alerts of these checks can resolve. Empty: all.
  std::vector<std::string> scope;
  bool succeeded = true;              // false: unknown — neither fires nor resolves
  std::vector<OpenFinding> findings;  // the open findings of target_id within scope
  core::Timestamp now{};
};

enum class EventKind { kFiring, kReminder, kResolved };
std::string_view ToString(EventKind kind);

// Something people should hear about. `alert` is the alert's state after the step.
struct Event {
  EventKind kind = EventKind::kFiring;
  Alert alert;
  int sequence = 0;  // reminders: 1, 2, …; 0 otherwise
  // Unique per logical message: repeated steps after a restart produce the same key.
  std::string DedupKey() const;
};

// True when notifications of `alert` are muted at `now`.
using MuteFn = std::function<bool(const Alert& alert, core::Timestamp now)>;

struct Step {
  std::vector<Alert> changed;  // every alert whose state changed (new, updated, resolved)
  std::vector<Event> events;
};

// Applies one observation to `previous` (the active — pending or firing — alerts of
// input.target_id; others are ignored). Pure.
Step Observe(const std::vector<Alert>& previous, const ObservationInput& input,
             const Policy& policy, const MuteFn& muted);

// Time passing: fires pending alerts whose for_duration has elapsed, sends firing notices whose
// mute has ended, and reminders that are due. `active`: pending and firing alerts. Pure.
Step Tick(const std::vector<Alert>& active, core::Timestamp now, const Policy& policy,
          const MuteFn& muted);

// Start-up catch-up: resolves each active alert (not upstream ones) whose episode is no longer
// among `open` — its finding closed while the engine did not see it (the daemon stopped between
// the store step and the alert step). `closed_at` gives the store's resolved time for the
// alert's episode, or nullopt (then `now`). Pure.
Step Reconcile(const std::vector<Alert>& active, const std::vector<OpenFinding>& open,
               const std::function<std::optional<core::Timestamp>(const Alert&)>& closed_at,
               core::Timestamp now, const Policy& policy, const MuteFn& muted);

// The delay before reminder number `n` (1-based) after the previous notice: initial × 2^(n-1),
// capped at reminder_max.
std::chrono::seconds ReminderDelay(const Policy& policy, int n);

}  // namespace govwatch::alert
