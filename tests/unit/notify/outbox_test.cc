// Outbox: durable enqueue with dedup per (channel, dedup_key), the claim protocol, state
// transitions, stats, listing, requeue and pruning — on a real SQLite file migrated by the store.
#include "notify/outbox.h"

#include <gtest/gtest.h>

#include <fstream>

#include "notify_test_util.h"

namespace govwatch::notify {
namespace {

using testing::At;
using testing::Note;
using testing::OutboxFixture;

TEST(OutboxTest, OpenFailsClearlyWithoutTheStoresMigrations) {
  e2e::TempDir dir;
  const std::string path = dir.path() + "/empty.db";
  auto missing = Outbox::Open(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("outbox: '" + path + "': cannot open"), std::string::npos)
      << missing.error().message;
  // A database without the table (e.g. opened before the store migrated it).
  { std::ofstream(path).flush(); }
  auto no_table = Outbox::Open(path);
  ASSERT_FALSE(no_table.ok());
  EXPECT_EQ(no_table.error().message,
            "outbox: '" + path + "': no outbox table (open the store first: it applies the "
            "migrations)");
}

TEST(OutboxTest, EnqueueStoresEveryFieldAndIsDueAtCreation) {
  OutboxFixture f;
  core::Notification n = Note("mail", "fire:1:1", 1000);
  n.to = {"a@example.cn", "b@example.cn"};
  ASSERT_TRUE(f.outbox->Enqueue(n).ok());
  EXPECT_TRUE(f.outbox->Due(At(999))->empty());
  auto due = f.outbox->Due(At(1000));
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  const OutboxMessage& m = due->front();
  EXPECT_EQ(m.notification.channel, "mail");
  EXPECT_EQ(m.notification.dedup_key, "fire:1:1");
  EXPECT_EQ(m.notification.to, n.to);
  EXPECT_EQ(m.notification.subject, "首页两周未更新");
  EXPECT_EQ(m.notification.text, n.text);
  EXPECT_EQ(m.notification.html, n.html);
  EXPECT_EQ(m.notification.created_at, At(1000));
  EXPECT_EQ(m.state, MessageState::kPending);
  EXPECT_EQ(m.attempts, 0);
}

TEST(OutboxTest, SameChannelAndDedupKeyIsOneMessageEvenAfterItWasSent) {
  OutboxFixture f;
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "k")).ok());
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "k")).ok());
  auto due = f.outbox->Due(At(2000));
  ASSERT_EQ(due->size(), 1u);
  ASSERT_TRUE(f.outbox->Claim(due->front().id, 0, At(2100)).value());
  ASSERT_TRUE(f.outbox->MarkSent(due->front().id, At(2000)).ok());
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "k")).ok());
  EXPECT_TRUE(f.outbox->Due(At(9999))->empty());
  // Another channel with the same key is another message.
  ASSERT_TRUE(f.outbox->Enqueue(Note("robot", "k")).ok());
  EXPECT_EQ(f.outbox->Due(At(9999))->size(), 1u);
}

TEST(OutboxTest, EnqueueRejectsMissingChannelOrKey) {
  OutboxFixture f;
  auto no_channel = f.outbox->Enqueue(Note("", "k"));
  ASSERT_FALSE(no_channel.ok());
  EXPECT_EQ(no_channel.error().message, "outbox: notification without a channel");
  auto no_key = f.outbox->Enqueue(Note("mail", ""));
  ASSERT_FALSE(no_key.ok());
  EXPECT_EQ(no_key.error().message, "outbox: notification for 'mail' without a dedup_key");
}

TEST(OutboxTest, OnEnqueueRunsOnlyForNewMessages) {
  OutboxFixture f;
  int calls = 0;
  f.outbox->SetOnEnqueue([&calls] { ++calls; });
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "a")).ok());
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "a")).ok());
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "b")).ok());
  EXPECT_EQ(calls, 2);
}

TEST(OutboxTest, ClaimIsExclusiveAndLeases) {
  OutboxFixture f;
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "a")).ok());
  const std::int64_t id = f.outbox->Due(At(1000))->front().id;
  EXPECT_TRUE(f.outbox->Claim(id, 0, At(1200)).value());
  // A second deliverer that read the row before the claim loses.
  EXPECT_FALSE(f.outbox->Claim(id, 0, At(1200)).value());
  EXPECT_TRUE(f.outbox->Due(At(1199))->empty());
  // Not finished by the lease deadline (the process died): due again, one attempt counted.
  auto again = f.outbox->Due(At(1200));
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ(again->front().attempts, 1);
}

TEST(OutboxTest, DueFollowsRetryTimesAndPagesById) {
  OutboxFixture f;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "k" + std::to_string(i))).ok());
  auto all = f.outbox->Due(At(1000));
  ASSERT_EQ(all->size(), 5u);
  const std::int64_t second = (*all)[1].id;
  ASSERT_TRUE(f.outbox->Claim(second, 0, At(1100)).value());
  ASSERT_TRUE(f.outbox->MarkRetry(second, At(1500), "smtp: 421 try later").ok());
  EXPECT_EQ(f.outbox->Due(At(1000))->size(), 4u);
  EXPECT_EQ(f.outbox->Due(At(1500))->size(), 5u);
  auto page = f.outbox->Due(At(1500), (*all)[2].id, 10);
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ(page->front().id, (*all)[3].id);
  auto limited = f.outbox->Due(At(1500), 0, 2);
  EXPECT_EQ(limited->size(), 2u);
  EXPECT_EQ(f.outbox->Get(second).value()->last_error, "smtp: 421 try later");
}

TEST(OutboxTest, StatsCountStatesAndOldestPendingAge) {
  OutboxFixture f;
  EXPECT_EQ(f.outbox->Stats(At(5000))->oldest_pending_age.count(), 0);
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "old", 1000)).ok());
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "new", 4000)).ok());
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "dead", 1500)).ok());
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "sent", 500)).ok());
  auto due = f.outbox->Due(At(5000)).value();
  ASSERT_TRUE(f.outbox->Claim(due[2].id, 0, At(6000)).value());
  ASSERT_TRUE(f.outbox->MarkDead(due[2].id, At(5000), "http 404").ok());
  ASSERT_TRUE(f.outbox->Claim(due[3].id, 0, At(6000)).value());
  ASSERT_TRUE(f.outbox->MarkSent(due[3].id, At(5000)).ok());
  auto stats = f.outbox->Stats(At(5000));
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->pending, 2);
  EXPECT_EQ(stats->dead, 1);
  EXPECT_EQ(stats->sent, 1);
  EXPECT_EQ(stats->oldest_pending_age.count(), 4000);
}

TEST(OutboxTest, DeadLettersListAndRequeue) {
  OutboxFixture f;
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "a")).ok());
  ASSERT_TRUE(f.outbox->Enqueue(Note("robot", "b")).ok());
  const std::int64_t id = f.outbox->Due(At(1000))->front().id;
  ASSERT_TRUE(f.outbox->Claim(id, 0, At(1100)).value());
  ASSERT_TRUE(f.outbox->MarkDead(id, At(1010), "smtp: 550 no such user").ok());
  auto dead = f.outbox->DeadLetters();
  ASSERT_EQ(dead->size(), 1u);
  EXPECT_EQ(dead->front().last_error, "smtp: 550 no such user");
  EXPECT_EQ(dead->front().done_at, At(1010));
  ListOptions robot_only;
  robot_only.channel = "robot";
  EXPECT_EQ(f.outbox->List(robot_only)->size(), 1u);
  EXPECT_EQ(f.outbox->List({})->size(), 2u);

  ASSERT_TRUE(f.outbox->Requeue(id, At(2000)).ok());
  auto back = f.outbox->Get(id).value();
  EXPECT_EQ(back->state, MessageState::kPending);
  EXPECT_EQ(back->attempts, 0);
  EXPECT_EQ(back->next_attempt_at, At(2000));
  auto not_dead = f.outbox->Requeue(id, At(2000));
  ASSERT_FALSE(not_dead.ok());
  EXPECT_EQ(not_dead.error().message, "outbox: message " + std::to_string(id) + " is not a dead letter");
}

TEST(OutboxTest, PruneSentDeletesOnlyOldSentMessages) {
  OutboxFixture f;
  for (const char* key : {"a", "b", "c"}) ASSERT_TRUE(f.outbox->Enqueue(Note("mail", key)).ok());
  auto due = f.outbox->Due(At(1000)).value();
  ASSERT_TRUE(f.outbox->Claim(due[0].id, 0, At(2000)).value());
  ASSERT_TRUE(f.outbox->MarkSent(due[0].id, At(1000)).ok());
  ASSERT_TRUE(f.outbox->Claim(due[1].id, 0, At(2000)).value());
  ASSERT_TRUE(f.outbox->MarkSent(due[1].id, At(3000)).ok());
  EXPECT_EQ(f.outbox->PruneSent(At(2000)).value(), 1);
  EXPECT_EQ(f.outbox->Stats(At(3000))->sent, 1);
  EXPECT_EQ(f.outbox->Stats(At(3000))->pending, 1);
}

TEST(OutboxTest, SurvivesReopening) {
  OutboxFixture f;
  ASSERT_TRUE(f.outbox->Enqueue(Note("mail", "a")).ok());
  f.outbox.reset();
  auto reopened = Outbox::Open(f.path);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->Due(At(1000))->size(), 1u);
}

}  // namespace
}  // namespace govwatch::notify
