// Deliverer policy with a scripted transport: back-off schedule, dead letters after max_attempts
// and at once on permanent failures, one try per unreachable channel per pass, unknown channels,
// restart mid-pile, metrics, and the background worker.
#include "notify/deliverer.h"

#include <gtest/gtest.h>

#include <thread>

#include "metrics/metrics.h"
#include "notify_test_util.h"

namespace govwatch::notify {
namespace {

using std::chrono::seconds;
using testing::At;
using testing::Note;
using testing::OutboxFixture;
using testing::ScriptedTransport;

config::Channel Channel(std::string name, config::Channel::Type type = config::Channel::Type::kEmail) {
  config::Channel c;
  c.name = std::move(name);
  c.type = type;
  return c;
}

config::OutboxSettings Settings() {
  config::OutboxSettings s;
  s.max_attempts = 4;
  s.initial_backoff = seconds{30};
  s.max_backoff = seconds{100};
  s.send_timeout = seconds{5};
  return s;
}

struct DelivererFixture : OutboxFixture {
  std::shared_ptr<ScriptedTransport::Shared> shared = std::make_shared<ScriptedTransport::Shared>();
  metrics::Metrics metrics{"test"};
  std::unique_ptr<Deliverer> deliverer = Make();

  std::unique_ptr<Deliverer> Make() {
    return std::make_unique<Deliverer>(*outbox, std::vector{Channel("mail"), Channel("robot")},
                                       Settings(), &metrics,
                                       std::make_unique<ScriptedTransport>(shared));
  }
  void Script(std::initializer_list<SendOutcome> outcomes) {
    for (const auto& o : outcomes) shared->script.push_back(o);
  }
  size_t Calls() const { return shared->calls.size(); }
  bool HasLine(const std::string& line) const {
    return ("\n" + metrics.Serialize()).find("\n" + line + "\n") != std::string::npos;
  }
};

TEST(BackoffAfterTest, DoublesFromInitialUpToMax) {
  const config::OutboxSettings s = Settings();
  EXPECT_EQ(BackoffAfter(1, s), seconds{30});
  EXPECT_EQ(BackoffAfter(2, s), seconds{60});
  EXPECT_EQ(BackoffAfter(3, s), seconds{100});
  EXPECT_EQ(BackoffAfter(50, s), seconds{100});  // no overflow on large counts
}

TEST(DelivererTest, SendsEveryDueMessageOnceAndMarksItSent) {
  DelivererFixture f;
  for (int i = 0; i < 250; ++i) ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "k" + std::to_string(i))).ok());
  auto sent = f.deliverer->DeliverDue(At(1000));
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(*sent, 250);
  EXPECT_EQ(f.Calls(), 250u);
  EXPECT_EQ(f.deliverer->DeliverDue(At(99999)).value(), 0);
  EXPECT_EQ(f.Calls(), 250u);
  EXPECT_EQ(f.outbox->Stats(At(1000))->sent, 250);
  EXPECT_TRUE(f.HasLine("govwatch_notifications_total{channel=\"mail\",result=\"sent\"} 250"));
  EXPECT_TRUE(f.HasLine("govwatch_notifications_total{channel=\"robot\",result=\"sent\"} 0"));
  EXPECT_TRUE(f.HasLine("govwatch_outbox_pending 0"));
  // The envelope carries the outbox id, the pass's time and the send timeout.
  EXPECT_GT(f.shared->calls.front().envelope.outbox_id, 0);
  EXPECT_EQ(f.shared->calls.front().envelope.now, At(1000));
  EXPECT_EQ(f.shared->calls.front().envelope.timeout, seconds{5});
}

TEST(DelivererTest, TransientFailuresBackOffExponentiallyThenDeadLetter) {
  DelivererFixture f;
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "k", 1000)).ok());
  f.Script({SendOutcome::Retry("smtp: 421"), SendOutcome::Retry("smtp: 421"),
            SendOutcome::Retry("smtp: 421"), SendOutcome::Retry("smtp: 421 last")});
  // Attempt 1 at 1000 → next at +30; attempt 2 → +60; attempt 3 → +100 (capped); attempt 4 dead.
  const std::int64_t expected_next[] = {1030, 1090, 1190};
  std::int64_t now = 1000;
  for (std::int64_t next : expected_next) {
    EXPECT_EQ(f.deliverer->DeliverDue(At(now)).value(), 0);
    EXPECT_EQ(f.deliverer->DeliverDue(At(next - 1)).value(), 0);  // not yet due: no call
    auto pending = f.outbox->List({}).value().front();
    EXPECT_EQ(pending.next_attempt_at, At(next));
    EXPECT_EQ(pending.last_error, "smtp: 421");
    now = next;
  }
  EXPECT_EQ(f.Calls(), 3u);
  EXPECT_EQ(f.deliverer->DeliverDue(At(now)).value(), 0);
  EXPECT_EQ(f.Calls(), 4u);
  auto dead = f.outbox->DeadLetters().value();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead.front().attempts, 4);
  EXPECT_EQ(dead.front().last_error, "smtp: 421 last");
  EXPECT_EQ(f.deliverer->DeliverDue(At(99999)).value(), 0);
  EXPECT_EQ(f.Calls(), 4u);
  EXPECT_TRUE(f.HasLine("govwatch_notifications_total{channel=\"mail\",result=\"failed\"} 4"));
  EXPECT_TRUE(f.HasLine("govwatch_notifications_total{channel=\"mail\",result=\"dead\"} 1"));
  EXPECT_TRUE(f.HasLine("govwatch_outbox_dead_letters 1"));
}

TEST(DelivererTest, PermanentFailureDeadLettersAtOnce) {
  DelivererFixture f;
  ASSERT_TRUE(f.outbox->Enqueue(Note("robot", "k")).ok());
  f.Script({SendOutcome::Permanent("webhook: http 404")});
  EXPECT_EQ(f.deliverer->DeliverDue(At(1000)).value(), 0);
  auto dead = f.outbox->DeadLetters().value();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead.front().attempts, 1);
  EXPECT_EQ(dead.front().last_error, "webhook: http 404");
}

TEST(DelivererTest, AnUnreachableChannelIsTriedOncePerPassOthersStillGo) {
  DelivererFixture f;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "m" + std::to_string(i))).ok());
  ASSERT_TRUE(f.outbox->Enqueue(Note("robot", "r")).ok());
  f.Script({SendOutcome::Retry("smtp: connection refused", /*unreachable=*/true)});
  EXPECT_EQ(f.deliverer->DeliverDue(At(1000)).value(), 1);  // the robot message
  ASSERT_EQ(f.Calls(), 2u);
  EXPECT_EQ(f.shared->calls[0].channel, "mail");
  EXPECT_EQ(f.shared->calls[1].channel, "robot");
  // The untried mails are still due and keep their attempt count.
  auto due = f.outbox->Due(At(1000)).value();
  ASSERT_EQ(due.size(), 4u);
  for (const auto& m : due) EXPECT_EQ(m.attempts, 0);
  // The server is back: everything goes, the first one after its back-off.
  EXPECT_EQ(f.deliverer->DeliverDue(At(1030)).value(), 5);
  EXPECT_EQ(f.outbox->Stats(At(1030))->sent, 6);
}

TEST(DelivererTest, AMessageForAnUnconfiguredChannelRetriesThenDies) {
  DelivererFixture f;
  ASSERT_TRUE(f.outbox->Enqueue(Note("removed", "k")).ok());
  for (std::int64_t now : {1000, 1030, 1090, 1190}) ASSERT_TRUE(f.deliverer->DeliverDue(At(now)).ok());
  EXPECT_EQ(f.Calls(), 0u);
  auto dead = f.outbox->DeadLetters().value();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead.front().last_error, "channel 'removed' is not configured");
}

TEST(DelivererTest, ZeroBackoffStillTriesEachMessageOncePerPass) {
  DelivererFixture f;
  config::OutboxSettings s = Settings();
  s.initial_backoff = seconds{0};
  Deliverer eager(*f.outbox, {Channel("mail")}, s, nullptr,
                  std::make_unique<ScriptedTransport>(f.shared));
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "k")).ok());
  f.Script({SendOutcome::Retry("x"), SendOutcome::Retry("x"), SendOutcome::Retry("x")});
  EXPECT_EQ(eager.DeliverDue(At(1000)).value(), 0);
  EXPECT_EQ(f.Calls(), 1u);
}

TEST(DelivererTest, ANewDelivererAfterARestartSendsOnlyWhatIsLeft) {
  DelivererFixture f;
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "k" + std::to_string(i))).ok());
  // The first deliverer gets through 4, then its process "dies" after claiming the 5th (the
  // claim happened, no mark): simulate by claiming it by hand.
  auto due = f.outbox->Due(At(1000)).value();
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(f.outbox->Claim(due[i].id, 0, At(1070)).value());
    ASSERT_TRUE(f.outbox->MarkSent(due[i].id, At(1000)).ok());
  }
  ASSERT_TRUE(f.outbox->Claim(due[4].id, 0, At(1070)).value());
  f.outbox.reset();
  auto reopened = Outbox::Open(f.path);
  ASSERT_TRUE(reopened.ok());
  f.outbox = std::move(*reopened);
  Deliverer next(*f.outbox, {Channel("mail")}, Settings(), nullptr,
                 std::make_unique<ScriptedTransport>(f.shared));
  EXPECT_EQ(next.DeliverDue(At(1001)).value(), 5);  // the in-flight one waits for its lease
  EXPECT_EQ(next.DeliverDue(At(1070)).value(), 1);
  std::vector<std::string> keys;
  for (const auto& call : f.shared->calls) keys.push_back(call.dedup_key);
  EXPECT_EQ(keys, (std::vector<std::string>{"k5", "k6", "k7", "k8", "k9", "k4"}));
}

TEST(DeliveryWorkerTest, WakeDeliversAtOnceAndStopJoins) {
  DelivererFixture f;
  std::atomic<int> errors{0};
  DeliveryWorker worker(
      *f.deliverer, [] { return At(5000); }, std::chrono::hours{1},
      [&errors](const core::Error&) { ++errors; });
  f.outbox->SetOnEnqueue([&worker] { worker.Wake(); });
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "veto")).ok());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{5};
  while (f.outbox->Stats(At(5000))->sent < 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  EXPECT_EQ(f.outbox->Stats(At(5000))->sent, 1);
  worker.Stop();
  EXPECT_EQ(errors.load(), 0);
}

}  // namespace
}  // namespace govwatch::notify
