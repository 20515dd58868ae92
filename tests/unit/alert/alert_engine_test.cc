// The alert state machine as a specification: each test walks one alert through observations
// and ticks with a fixed clock and checks states and events.
#include <gtest/gtest.h>

#include "alert/alert.h"

namespace govwatch::alert {
namespace {

using namespace std::chrono_literals;

const core::Timestamp kT0 = core::Timestamp{std::chrono::seconds{1'625'000'000}};

core::Finding Stale(core::Severity severity = core::Severity::kVeto) {
  core::Finding f;
  f.target_id = "gyrs-wechat";
  f.unit_id = "gy-rs";
  f.check = "account_freshness";
  f.severity = severity;
  f.message = "微信公众号「固原人社」已 9 天未更新（最近发布 2021-06-21）";
  return f;
}

// A small driver: keeps the alert states between steps, like AlertService does with SQLite.
class Harness {
 public:
  explicit Harness(Policy policy) : policy_(policy) {}
  MuteFn muted = nullptr;

  std::vector<Event> Observe(core::Timestamp now, bool succeeded, bool with_finding,
                             core::Timestamp first_seen = kT0) {
    ObservationInput in;
    in.target_id = "gyrs-wechat";
    in.scope = {"account_freshness"};
    in.succeeded = succeeded;
    in.now = now;
    if (with_finding) in.findings.push_back(OpenFinding{Stale(), first_seen});
    return Keep(alert::Observe(active_, in, policy_, muted));
  }
  std::vector<Event> Tick(core::Timestamp now) {
    return Keep(alert::Tick(active_, now, policy_, muted));
  }
  const Alert* Only() const { return active_.empty() ? nullptr : &active_.front(); }
  const Alert& last_changed() const { return last_changed_; }

 private:
  std::vector<Event> Keep(const Step& step) {
    for (const Alert& changed : step.changed) {
      last_changed_ = changed;
      std::erase_if(active_, [&](const Alert& a) {
        return a.key() == changed.key() && a.started_at == changed.started_at;
      });
      if (changed.state != AlertState::kResolved) active_.push_back(changed);
    }
    return step.events;
  }
  Policy policy_;
  std::vector<Alert> active_;
  Alert last_changed_;
};

std::vector<EventKind> Kinds(const std::vector<Event>& events) {
  std::vector<EventKind> out;
  for (const Event& e : events) out.push_back(e.kind);
  return out;
}

TEST(AlertEngine, FiresAtOnceWithDefaultFor) {
  Harness h(Policy{});
  const auto events = h.Observe(kT0, true, true);
  ASSERT_EQ(Kinds(events), std::vector{EventKind::kFiring});
  EXPECT_EQ(h.Only()->state, AlertState::kFiring);
  EXPECT_EQ(events[0].DedupKey(), "firing:gyrs-wechat|account_freshness|@1625000000");
}

TEST(AlertEngine, ForObservationsNeedsConsecutiveSuccessfulObservations) {
  Policy p;
  p.for_observations = 3;
  Harness h(p);
  EXPECT_TRUE(h.Observe(kT0, true, true).empty());
  EXPECT_TRUE(h.Observe(kT0 + 1h, false, false).empty()) << "unknown counts for nothing";
  EXPECT_EQ(h.Only()->observations, 1);
  EXPECT_TRUE(h.Observe(kT0 + 2h, true, true).empty());
  EXPECT_EQ(h.Only()->state, AlertState::kPending);
  EXPECT_EQ(Kinds(h.Observe(kT0 + 3h, true, true)), std::vector{EventKind::kFiring});
}

TEST(AlertEngine, ForDurationFiresOnTickOnceElapsed) {
  Policy p;
  p.for_duration = 6h;
  Harness h(p);
  EXPECT_TRUE(h.Observe(kT0, true, true).empty());
  EXPECT_TRUE(h.Tick(kT0 + 5h).empty());
  EXPECT_EQ(Kinds(h.Tick(kT0 + 6h)), std::vector{EventKind::kFiring});
}

TEST(AlertEngine, PendingThatDisappearsIsDroppedWithoutNotice) {
  Policy p;
  p.for_observations = 2;
  Harness h(p);
  h.Observe(kT0, true, true);
  EXPECT_TRUE(h.Observe(kT0 + 1h, true, false).empty());
  EXPECT_EQ(h.Only(), nullptr);
  EXPECT_FALSE(h.last_changed().fired_at.has_value());
}

TEST(AlertEngine, UnknownObservationNeitherFiresNorResolves) {
  Harness h(Policy{});
  h.Observe(kT0, true, true);
  EXPECT_TRUE(h.Observe(kT0 + 1h, false, false).empty());
  ASSERT_NE(h.Only(), nullptr);
  EXPECT_EQ(h.Only()->state, AlertState::kFiring);
}

TEST(AlertEngine, ResolvesWhenASuccessfulObservationNoLongerHasIt) {
  Harness h(Policy{});
  h.Observe(kT0, true, true);
  const auto events = h.Observe(kT0 + 2h, true, false);
  ASSERT_EQ(Kinds(events), std::vector{EventKind::kResolved});
  EXPECT_EQ(events[0].alert.resolved_at, kT0 + 2h);
  EXPECT_EQ(h.Only(), nullptr);
}

TEST(AlertEngine, NoResolvedNoticeWhenSendResolvedIsOff) {
  Policy p;
  p.send_resolved = false;
  Harness h(p);
  h.Observe(kT0, true, true);
  EXPECT_TRUE(h.Observe(kT0 + 2h, true, false).empty());
  EXPECT_EQ(h.last_changed().state, AlertState::kResolved);
}

TEST(AlertEngine, ObservationOutsideTheAlertsScopeDoesNotResolveIt) {
  Harness h(Policy{});
  h.Observe(kT0, true, true);
  ObservationInput other;
  other.target_id = "gyrs-wechat";
  other.scope = {"availability"};
  other.now = kT0 + 1h;
  const Alert current = *h.Only();
  const Step step = Observe({current}, other, Policy{}, nullptr);
  EXPECT_TRUE(step.changed.empty());
  EXPECT_TRUE(step.events.empty());
}

TEST(AlertEngine, RemindersBackOffDoublingUpToTheCap) {
  Policy p;
  p.reminder_initial = 1h;
  p.reminder_max = 4h;
  Harness h(p);
  h.Observe(kT0, true, true);
  // Reminders at +1h, then +2h later (3h), +4h (7h), +4h (11h): capped.
  const std::vector<std::pair<std::chrono::hours, int>> expected = {{1h, 1}, {3h, 2}, {7h, 3}, {11h, 4}};
  int seen = 0;
  for (int hour = 0; hour <= 12; ++hour) {
    const auto events = h.Tick(kT0 + std::chrono::hours{hour});
    if (events.empty()) continue;
    ASSERT_LT(seen, 4);
    EXPECT_EQ(std::chrono::hours{hour}, expected[seen].first);
    EXPECT_EQ(events[0].kind, EventKind::kReminder);
    EXPECT_EQ(events[0].sequence, expected[seen].second);
    EXPECT_EQ(events[0].DedupKey(),
              "reminder:gyrs-wechat|account_freshness|@1625000000:" +
                  std::to_string(expected[seen].second));
    ++seen;
  }
  EXPECT_EQ(seen, 4);
}

TEST(AlertEngine, ReminderDelayTable) {
  Policy p;
  p.reminder_initial = 24h;
  p.reminder_max = 7 * 24h;
  EXPECT_EQ(ReminderDelay(p, 1), 24h);
  EXPECT_EQ(ReminderDelay(p, 2), 48h);
  EXPECT_EQ(ReminderDelay(p, 3), 96h);
  EXPECT_EQ(ReminderDelay(p, 4), 168h);
  EXPECT_EQ(ReminderDelay(p, 50), 168h);
}

TEST(AlertEngine, MutedFiringIsHeldAndSentWhenTheMuteEnds) {
  Harness h(Policy{});
  core::Timestamp mute_until = kT0 + 3h;
  h.muted = [&](const Alert&, core::Timestamp now) { return now < mute_until; };
  EXPECT_TRUE(h.Observe(kT0, true, true).empty());
  EXPECT_EQ(h.Only()->state, AlertState::kFiring);
  EXPECT_FALSE(h.Only()->notified);
  EXPECT_TRUE(h.Tick(kT0 + 2h).empty());
  EXPECT_EQ(Kinds(h.Tick(kT0 + 3h)), std::vector{EventKind::kFiring});
  EXPECT_TRUE(h.Only()->notified);
}

TEST(AlertEngine, AlertResolvedWhileMutedBeforeAnyNoticeSendsNothing) {
  Harness h(Policy{});
  h.muted = [](const Alert&, core::Timestamp) { return true; };
  h.Observe(kT0, true, true);
  EXPECT_TRUE(h.Observe(kT0 + 1h, true, false).empty());
}

TEST(AlertEngine, ReopenedFindingIsANewEpisode) {
  Harness h(Policy{});
  h.Observe(kT0, true, true, kT0);
  // The finding closed and reopened while the engine was not looking: new first_seen.
  const auto events = h.Observe(kT0 + 5h, true, true, kT0 + 4h);
  ASSERT_EQ(Kinds(events), (std::vector{EventKind::kResolved, EventKind::kFiring}));
  EXPECT_NE(events[0].DedupKey(), events[1].DedupKey());
  EXPECT_EQ(h.Only()->started_at, kT0 + 4h);
}

TEST(AlertEngine, ReconcileResolvesAlertsWhoseFindingClosedMeanwhile) {
  Harness h(Policy{});
  h.Observe(kT0, true, true);
  const Alert firing = *h.Only();
  const Step step = Reconcile(
      {firing}, {}, [](const Alert&) { return std::optional(kT0 + 1h); }, kT0 + 9h, Policy{},
      nullptr);
  ASSERT_EQ(step.events.size(), 1u);
  EXPECT_EQ(step.events[0].kind, EventKind::kResolved);
  EXPECT_EQ(step.changed[0].resolved_at, kT0 + 1h) << "the store's time, not the restart's";
  // Still open in the store: untouched.
  EXPECT_TRUE(Reconcile({firing}, {OpenFinding{Stale(), kT0}}, nullptr, kT0 + 9h, Policy{}, nullptr)
                  .changed.empty());
}

}  // namespace
}  // namespace govwatch::alert
