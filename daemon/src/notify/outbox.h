// Outbox: the durable queue of notifications between the alert engine and the channels.
//
// Every notification is written to the `outbox` table of the daemon's SQLite file first and
// delivered from there (notify::Deliverer), so a channel outage loses nothing and a restart sends
// nothing twice. A message is `pending` until it is `sent`, or `dead` (dead-lettered) after
// max_attempts failures or one permanent failure; dead letters stay for people to inspect and
// can be requeued.
//
// Deduplication: (channel, dedup_key) is unique. Enqueuing a notification whose channel and
// dedup_key are already in the outbox — in any state, sent included — is a successful no-op, so
// the alert engine may enqueue first and record its own state afterwards: after a crash in
// between it enqueues again and still one message goes out. The same dedup_key on two channels
// is two messages (one per channel), as routing intends.
//
// Delivery protocol (used by Deliverer): Due() lists due pending messages; Claim() atomically
// takes one (attempts + 1, next attempt pushed to a lease deadline) so a second deliverer on the
// same file skips it; then exactly one of MarkSent / MarkRetry / MarkDead. If the process dies
// after the channel accepted a message but before MarkSent, the message becomes due again when
// the lease runs out and is sent once more: delivery is at-least-once, with at most one repeat
// per crash. E-mails keep the same Message-ID on a resend so mail clients can fold the copy.
//
// Times are unix seconds UTC; every method takes `now` from the caller (no clock here).
//
// The table is created by a migration in store/migrations.cc: open the database with
// store::SqliteStore::Open first (the daemon does), then Outbox::Open on the same path.
//
// Thread-safety: every method may be called from any thread; calls are serialised on the
// Outbox's own SQLite connection (WAL, busy timeout, so other connections — the store, another
// process — may use the file at the same time).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/notification.h"
#include "core/result.h"
#include "core/time.h"

struct sqlite3;

namespace govwatch::notify {

enum class MessageState { kPending, kSent, kDead };

// "pending", "sent", "dead".
std::string_view ToString(MessageState state);
std::optional<MessageState> ParseMessageState(std::string_view text);

struct OutboxMessage {
  std::int64_t id = 0;
  core::Notification notification;
  MessageState state = MessageState::kPending;
  int attempts = 0;                        // delivery attempts started so far
  core::Timestamp next_attempt_at;         // pending: not before this time
  std::optional<core::Timestamp> done_at;  // sent or dead-lettered at
  std::string last_error;                  // the last failed attempt's reason; empty if none
};

struct OutboxStats {
  std::int64_t pending = 0;
  // now − created_at of the oldest pending message; 0 when none is pending.
  std::chrono::seconds oldest_pending_age{0};
  std::int64_t dead = 0;
  std::int64_t sent = 0;
};

struct ListOptions {
  std::optional<MessageState> state;  // absent: all
  std::optional<std::string> channel;  // absent: all
  int limit = 100;                     // newest first
};

class Outbox final : public core::NotificationSink {
 public:
  // Opens its own connection to the daemon's database at `db_path`. Error when the file cannot
  // be opened or has no outbox table (the store's migrations have not run).
  static core::Result<std::unique_ptr<Outbox>> Open(const std::string& db_path);
  ~Outbox() override;
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Stores the notification as pending, due at once (next_attempt_at = created_at). Durable when
  // it returns ok. A notification already stored under (channel, dedup_key) is left as it is (ok).
  // Error when channel or dedup_key is empty, or on a database error.
  core::Status Enqueue(const core::Notification& notification) override;

  // Called after every successful Enqueue that stored a new message (e.g. to wake the delivery
  // worker); set once before use. Runs on the enqueuing thread, outside the Outbox's lock.
  void SetOnEnqueue(std::function<void()> callback);

  // Pending messages with next_attempt_at <= now and id > after_id, in id order (oldest first),
  // at most `limit`.
  core::Result<std::vector<OutboxMessage>> Due(core::Timestamp now, std::int64_t after_id = 0,
                                               int limit = 100);
  // Takes a due message for one attempt: when it is still pending with `expected_attempts`
  // attempts, sets attempts + 1 and next_attempt_at = lease_until and returns true; false when
  // someone else took or finished it meanwhile.
  core::Result<bool> Claim(std::int64_t id, int expected_attempts, core::Timestamp lease_until);
  // Ends an attempt. MarkSent / MarkDead record `now` as done_at; MarkRetry keeps the message
  // pending until retry_at. `error` becomes last_error.
  core::Status MarkSent(std::int64_t id, core::Timestamp now);
  core::Status MarkRetry(std::int64_t id, core::Timestamp retry_at, std::string_view error);
  core::Status MarkDead(std::int64_t id, core::Timestamp now, std::string_view error);

  // Counts for metrics and `govwatch alerts`.
  core::Result<OutboxStats> Stats(core::Timestamp now);
  core::Result<std::vector<OutboxMessage>> List(const ListOptions& options);
  // Dead letters, newest first.
  core::Result<std::vector<OutboxMessage>> DeadLetters(int limit = 100);
  core::Result<std::optional<OutboxMessage>> Get(std::int64_t id);
  // Moves a dead letter back to pending with its attempts reset, due at `now`. Error when the
  // message does not exist or is not dead.
  core::Status Requeue(std::int64_t id, core::Timestamp now);
  // Deletes sent messages done before `before` (retention); returns how many. Keeps their dedup
  // keys no longer, so call it only with a horizon longer than any re-enqueue can happen.
  core::Result<std::int64_t> PruneSent(core::Timestamp before);

 private:
  struct Statements;
  explicit Outbox(sqlite3* db);

  sqlite3* db_;
  std::unique_ptr<Statements> statements_;
  std::mutex mutex_;  // guards db_ and statements_
  std::function<void()> on_enqueue_;
};

}  // namespace govwatch::notify
