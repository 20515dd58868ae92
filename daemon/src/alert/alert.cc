#include "alert/alert.h"

#include <algorithm>
#include <map>

namespace govwatch::alert {
namespace {

std::int64_t Unix(core::Timestamp t) { return t.time_since_epoch().count(); }

bool ShouldFire(const Alert& a, core::Timestamp now, const Policy& policy) {
  return a.state == AlertState::kPending && a.observations >= policy.for_observations &&
         now - a.started_at >= policy.for_duration;
}

// Pending → firing; the notice goes out unless muted (then Tick sends it when the mute ends).
void Fire(Alert& a, core::Timestamp now, const Policy& policy, const MuteFn& muted,
          std::vector<Event>& events) {
  a.state = AlertState::kFiring;
  a.fired_at = now;
  if (muted && muted(a, now)) return;
  a.notified = true;
  a.next_reminder_at = now + ReminderDelay(policy, 1);
  events.push_back(Event{EventKind::kFiring, a, 0});
}

}  // namespace

std::string_view ToString(AlertState state) {
  switch (state) {
    case AlertState::kPending: return "pending";
    case AlertState::kFiring: return "firing";
    case AlertState::kResolved: return "resolved";
  }
  return "pending";
}

std::optional<AlertState> ParseAlertState(std::string_view text) {
  for (AlertState s : {AlertState::kPending, AlertState::kFiring, AlertState::kResolved}) {
    if (ToString(s) == text) return s;
  }
  return std::nullopt;
}

std::string_view ToString(EventKind kind) {
  switch (kind) {
    case EventKind::kFiring: return "firing";
    case EventKind::kReminder: return "reminder";
    case EventKind::kResolved: return "resolved";
  }
  return "firing";
}

std::string AlertKey::ToString() const { return target_id + "|" + check + "|" + subject; }

AlertKey KeyOf(const core::Finding& finding) {
  return AlertKey{finding.target_id, finding.check, finding.subject};
}

std::string Alert::EpisodeId() const {
  return key().ToString() + "@" + std::to_string(Unix(started_at));
}

std::string Event::DedupKey() const {
  std::string key = std::string(ToString(kind)) + ":" + alert.EpisodeId();
  if (kind == EventKind::kReminder) key += ":" + std::to_string(sequence);
  return key;
}

std::chrono::seconds ReminderDelay(const Policy& policy, int n) {
  std::chrono::seconds delay = std::max(policy.reminder_initial, std::chrono::seconds{1});
  for (int i = 1; i < n && delay < policy.reminder_max; ++i) delay *= 2;
  return std::min(delay, std::max(policy.reminder_max, policy.reminder_initial));
}

Step Observe(const std::vector<Alert>& previous, const ObservationInput& input,
             const Policy& policy, const MuteFn& muted) {
  Step step;
  // An unreadable source says nothing about whether the problems are still there.
  if (!input.succeeded) return step;
  const auto in_scope = [&](const std::string& check) {
    return input.scope.empty() ||
           std::find(input.scope.begin(), input.scope.end(), check) != input.scope.end();
  };
  std::map<AlertKey, const Alert*> active;
  for (const Alert& a : previous) {
    if (a.finding.target_id != input.target_id || a.state == AlertState::kResolved) continue;
    active.emplace(a.key(), &a);
  }
  std::map<AlertKey, bool> seen;
  const auto resolve = [&](Alert a) {
    const bool was_firing = a.state == AlertState::kFiring;
    a.state = AlertState::kResolved;
    a.resolved_at = input.now;
    a.next_reminder_at.reset();
    if (was_firing && a.notified && policy.send_resolved && !(muted && muted(a, input.now))) {
      step.events.push_back(Event{EventKind::kResolved, a, 0});
    }
    step.changed.push_back(std::move(a));
  };
  for (const OpenFinding& open : input.findings) {
    const core::Finding& f = open.finding;
    if (f.target_id != input.target_id || !in_scope(f.check)) continue;
    const AlertKey key = KeyOf(f);
    if (seen.contains(key)) continue;  // a repeated key counts once
    seen[key] = true;
    Alert a;
    auto it = active.find(key);
    if (it != active.end() && it->second->started_at == open.first_seen) {
      a = *it->second;
      a.observations += 1;
    } else {
      // The finding closed and reopened unseen by the alerts: that episode is over.
      if (it != active.end()) resolve(*it->second);
      a.started_at = open.first_seen;
      a.observations = 1;
    }
    a.finding = f;
    a.last_seen_at = input.now;
    if (ShouldFire(a, input.now, policy)) Fire(a, input.now, policy, muted, step.events);
    step.changed.push_back(std::move(a));
  }
  for (const auto& [key, prev] : active) {
    if (seen.contains(key) || !in_scope(key.check)) continue;
    resolve(*prev);
  }
  return step;
}

Step Tick(const std::vector<Alert>& active, core::Timestamp now, const Policy& policy,
          const MuteFn& muted) {
  Step step;
  for (const Alert& prev : active) {
    if (prev.state == AlertState::kResolved) continue;
    Alert a = prev;
    bool changed = false;
    if (ShouldFire(a, now, policy)) {
      Fire(a, now, policy, muted, step.events);
      changed = true;
    } else if (a.state == AlertState::kFiring && !(muted && muted(a, now))) {
      if (!a.notified) {
        // Its mute ended while it still fires: the firing notice now.
        a.notified = true;
        a.next_reminder_at = now + ReminderDelay(policy, 1);
        step.events.push_back(Event{EventKind::kFiring, a, 0});
        changed = true;
      } else if (a.next_reminder_at && now >= *a.next_reminder_at) {
        a.reminders += 1;
        a.next_reminder_at = now + ReminderDelay(policy, a.reminders + 1);
        step.events.push_back(Event{EventKind::kReminder, a, a.reminders});
        changed = true;
      }
    }
    if (changed) step.changed.push_back(std::move(a));
  }
  return step;
}

Step Reconcile(const std::vector<Alert>& active, const std::vector<OpenFinding>& open,
               const std::function<std::optional<core::Timestamp>(const Alert&)>& closed_at,
               core::Timestamp now, const Policy& policy, const MuteFn& muted) {
  Step step;
  std::map<AlertKey, core::Timestamp> open_since;
  for (const OpenFinding& f : open) open_since.emplace(KeyOf(f.finding), f.first_seen);
  for (const Alert& prev : active) {
    if (prev.state == AlertState::kResolved || prev.finding.check == kUpstreamCheck) continue;
    auto it = open_since.find(prev.key());
    if (it != open_since.end() && it->second == prev.started_at) continue;
    Alert a = prev;
    const bool was_firing = a.state == AlertState::kFiring;
    const std::optional<core::Timestamp> closed = closed_at ? closed_at(a) : std::nullopt;
    a.state = AlertState::kResolved;
    a.resolved_at = closed.value_or(now);
    a.next_reminder_at.reset();
    if (was_firing && a.notified && policy.send_resolved && !(muted && muted(a, now))) {
      step.events.push_back(Event{EventKind::kResolved, a, 0});
    }
    step.changed.push_back(std::move(a));
  }
  return step;
}

}  // namespace govwatch::alert
