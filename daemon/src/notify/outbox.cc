#include "notify/outbox.h"

#include <sqlite3.h>

#include <utility>

#include "store/sqlite_statement.h"

namespace govwatch::notify {
namespace {

using store::Statement;

constexpr int kBusyTimeoutMs = 5000;

std::int64_t Seconds(core::Timestamp t) { return t.time_since_epoch().count(); }
core::Timestamp FromSeconds(std::int64_t s) { return core::Timestamp{std::chrono::seconds{s}}; }

// "outbox: <context>: <sqlite message>" from the store's "store: …" errors.
core::Error OutboxError(const core::Error& error) {
  std::string_view what = error.message;
  if (what.starts_with("store: ")) what.remove_prefix(7);
  return core::MakeError("outbox: " + std::string(what));
}

std::string JoinLines(const std::vector<std::string>& values) {
  std::string joined;
  for (const std::string& v : values) {
    if (!joined.empty()) joined += '\n';
    joined += v;
  }
  return joined;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> values;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) values.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return values;
}

constexpr std::string_view kColumns =
    "id, channel, dedup_key, recipients, subject, body_text, body_html, created_at, state, "
    "attempts, next_attempt_at, done_at, last_error";

OutboxMessage ReadRow(const Statement& s) {
  OutboxMessage m;
  m.id = s.Int(0);
  m.notification.channel = s.Text(1);
  m.notification.dedup_key = s.Text(2);
  m.notification.to = SplitLines(s.Text(3));
  m.notification.subject = s.Text(4);
  m.notification.text = s.Text(5);
  m.notification.html = s.Text(6);
  m.notification.created_at = FromSeconds(s.Int(7));
  // The CHECK constraint admits only the three states.
  m.state = ParseMessageState(s.Text(8)).value_or(MessageState::kPending);
  m.attempts = static_cast<int>(s.Int(9));
  m.next_attempt_at = FromSeconds(s.Int(10));
  if (auto done = s.OptionalInt(11)) m.done_at = FromSeconds(*done);
  m.last_error = s.Text(12);
  return m;
}

core::Result<std::vector<OutboxMessage>> ReadAll(Statement& s) {
  store::ScopedReset reset(s);
  std::vector<OutboxMessage> messages;
  for (;;) {
    auto row = s.Step();
    if (!row) return OutboxError(row.error());
    if (!*row) break;
    messages.push_back(ReadRow(s));
  }
  return messages;
}

// Runs an UPDATE/DELETE; returns the number of rows changed.
core::Result<int> RunChanges(sqlite3* db, Statement& s) {
  store::ScopedReset reset(s);
  if (auto status = s.Run(); !status) return OutboxError(status.error());
  return sqlite3_changes(db);
}

std::string Select(std::string_view rest) {
  return "SELECT " + std::string(kColumns) + " FROM outbox " + std::string(rest);
}

}  // namespace

std::string_view ToString(MessageState state) {
  switch (state) {
    case MessageState::kPending:
      return "pending";
    case MessageState::kSent:
      return "sent";
    case MessageState::kDead:
      return "dead";
  }
  return "pending";
}

std::optional<MessageState> ParseMessageState(std::string_view text) {
  for (MessageState s : {MessageState::kPending, MessageState::kSent, MessageState::kDead}) {
    if (ToString(s) == text) return s;
  }
  return std::nullopt;
}

struct Outbox::Statements {
  Statement insert;
  Statement due;
  Statement claim;
  Statement mark_sent;
  Statement mark_retry;
  Statement mark_dead;
  Statement count_by_state;
  Statement oldest_pending;
  Statement get;
  Statement requeue;
  Statement prune_sent;
};

Outbox::Outbox(sqlite3* db) : db_(db) {}

Outbox::~Outbox() {
  statements_.reset();  // finalize before closing
  sqlite3_close(db_);
}

core::Result<std::unique_ptr<Outbox>> Outbox::Open(const std::string& db_path) {
  sqlite3* db = nullptr;
  // No SQLITE_OPEN_CREATE: the store creates the file and the table; a missing file is a wiring
  // mistake worth an error, not a fresh empty database.
  const int rc = sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  std::unique_ptr<Outbox> outbox(new Outbox(db));
  auto fail = [&](std::string_view what) {
    return core::MakeError("outbox: '" + db_path + "': " + std::string(what) + ": " +
                           (db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
  };
  if (rc != SQLITE_OK) return fail("cannot open");
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 1);
  // WAL is a property of the file (the store set it); asking again is harmless and makes the
  // Outbox correct on its own. synchronous=FULL on this connection: Enqueue promises durability
  // on return, also across a power cut, and notifications are few.
  if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", nullptr, nullptr,
                   nullptr) != SQLITE_OK) {
    return fail("pragmas");
  }
  auto statements = std::make_unique<Statements>();
  struct Entry {
    Statement* statement;
    std::string sql;
  };
  const std::vector<Entry> entries{
      {&statements->insert,
       "INSERT INTO outbox (channel, dedup_key, recipients, subject, body_text, body_html, "
       "created_at, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) "
       "ON CONFLICT (channel, dedup_key) DO NOTHING"},
      {&statements->due, Select("WHERE state = 'pending' AND next_attempt_at <= ?1 AND id > ?2 "
                                "ORDER BY id LIMIT ?3")},
      {&statements->claim,
       "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?3 "
       "WHERE id = ?1 AND state = 'pending' AND attempts = ?2"},
      {&statements->mark_sent,
       "UPDATE outbox SET state = 'sent', done_at = ?2 WHERE id = ?1 AND state = 'pending'"},
      {&statements->mark_retry,
       "UPDATE outbox SET next_attempt_at = ?2, last_error = ?3 "
       "WHERE id = ?1 AND state = 'pending'"},
      {&statements->mark_dead,
       "UPDATE outbox SET state = 'dead', done_at = ?2, last_error = ?3 "
       "WHERE id = ?1 AND state = 'pending'"},
      {&statements->count_by_state, "SELECT state, count(*) FROM outbox GROUP BY state"},
      {&statements->oldest_pending,
       "SELECT min(created_at) FROM outbox WHERE state = 'pending'"},
      {&statements->get, Select("WHERE id = ?1")},
      {&statements->requeue,
       "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?2, done_at = NULL "
       "WHERE id = ?1 AND state = 'dead'"},
      {&statements->prune_sent, "DELETE FROM outbox WHERE state = 'sent' AND done_at < ?1"},
  };
  for (const Entry& entry : entries) {
    auto prepared = Statement::Prepare(db, entry.sql);
    if (!prepared) {
      std::string message = prepared.error().message;
      if (message.find("no such table") != std::string::npos) {
        return core::MakeError("outbox: '" + db_path +
                               "': no outbox table (open the store first: it applies the "
                               "migrations)");
      }
      return OutboxError(prepared.error());
    }
    *entry.statement = std::move(*prepared);
  }
  outbox->statements_ = std::move(statements);
  return outbox;
}

void Outbox::SetOnEnqueue(std::function<void()> callback) { on_enqueue_ = std::move(callback); }

core::Status Outbox::Enqueue(const core::Notification& n) {
  if (n.channel.empty()) return core::MakeError("outbox: notification without a channel");
  if (n.dedup_key.empty()) {
    return core::MakeError("outbox: notification for '" + n.channel + "' without a dedup_key");
  }
  int inserted = 0;
  {
    std::lock_guard lock(mutex_);
    Statement& s = statements_->insert;
    s.Bind(1, n.channel);
    s.Bind(2, n.dedup_key);
    s.Bind(3, JoinLines(n.to));
    s.Bind(4, n.subject);
    s.Bind(5, n.text);
    s.Bind(6, n.html);
    s.Bind(7, Seconds(n.created_at));
    auto changed = RunChanges(db_, s);
    if (!changed) return changed.error().WithContext("enqueue '" + n.dedup_key + "'");
    inserted = *changed;
  }
  if (inserted > 0 && on_enqueue_) on_enqueue_();
  return {};
}

core::Result<std::vector<OutboxMessage>> Outbox::Due(core::Timestamp now, std::int64_t after_id,
                                                     int limit) {
  std::lock_guard lock(mutex_);
  Statement& s = statements_->due;
  s.Bind(1, Seconds(now));
  s.Bind(2, after_id);
  s.Bind(3, static_cast<std::int64_t>(limit));
  return ReadAll(s);
}

core::Result<bool> Outbox::Claim(std::int64_t id, int expected_attempts,
                                 core::Timestamp lease_until) {
  std::lock_guard lock(mutex_);
  Statement& s = statements_->claim;
  s.Bind(1, id);
  s.Bind(2, static_cast<std::int64_t>(expected_attempts));
  s.Bind(3, Seconds(lease_until));
  auto changed = RunChanges(db_, s);
  if (!changed) return changed.error();
  return *changed == 1;
}

core::Status Outbox::MarkSent(std::int64_t id, core::Timestamp now) {
  std::lock_guard lock(mutex_);
  Statement& s = statements_->mark_sent;
  s.Bind(1, id);
  s.Bind(2, Seconds(now));
  auto changed = RunChanges(db_, s);
  if (!changed) return changed.error();
  return {};
}

core::Status Outbox::MarkRetry(std::int64_t id, core::Timestamp retry_at, std::string_view error) {
  std::lock_guard lock(mutex_);
  Statement& s = statements_->mark_retry;
  s.Bind(1, id);
  s.Bind(2, Seconds(retry_at));
  s.Bind(3, error);
  auto changed = RunChanges(db_, s);
  if (!changed) return changed.error();
  return {};
}

core::Status Outbox::MarkDead(std::int64_t id, core::Timestamp now, std::string_view error) {
  std::lock_guard lock(mutex_);
  Statement& s = statements_->mark_dead;
  s.Bind(1, id);
  s.Bind(2, Seconds(now));
  s.Bind(3, error);
  auto changed = RunChanges(db_, s);
  if (!changed) return changed.error();
  return {};
}

core::Result<OutboxStats> Outbox::Stats(core::Timestamp now) {
  std::lock_guard lock(mutex_);
  OutboxStats stats;
  {
    Statement& s = statements_->count_by_state;
    store::ScopedReset reset(s);
    for (;;) {
      auto row = s.Step();
      if (!row) return OutboxError(row.error());
      if (!*row) break;
      const auto state = ParseMessageState(s.Text(0));
      if (state == MessageState::kPending) stats.pending = s.Int(1);
      if (state == MessageState::kSent) stats.sent = s.Int(1);
      if (state == MessageState::kDead) stats.dead = s.Int(1);
    }
  }
  {
    Statement& s = statements_->oldest_pending;
    store::ScopedReset reset(s);
    auto row = s.Step();
    if (!row) return OutboxError(row.error());
    if (*row) {
      if (auto oldest = s.OptionalInt(0)) {
        stats.oldest_pending_age =
            std::max(std::chrono::seconds{0}, now - FromSeconds(*oldest));
      }
    }
  }
  return stats;
}

core::Result<std::vector<OutboxMessage>> Outbox::List(const ListOptions& options) {
  // Filters vary per call; prepare on the fly (a CLI and API path, not a hot one).
  std::string sql = Select("WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR channel = ?2) "
                           "ORDER BY id DESC LIMIT ?3");
  std::lock_guard lock(mutex_);
  auto s = Statement::Prepare(db_, sql);
  if (!s) return OutboxError(s.error());
  if (options.state) {
    s->Bind(1, ToString(*options.state));
  } else {
    s->BindNull(1);
  }
  if (options.channel) {
    s->Bind(2, *options.channel);
  } else {
    s->BindNull(2);
  }
  s->Bind(3, static_cast<std::int64_t>(options.limit));
  return ReadAll(*s);
}

core::Result<std::vector<OutboxMessage>> Outbox::DeadLetters(int limit) {
  ListOptions options;
  options.state = MessageState::kDead;
  options.limit = limit;
  return List(options);
}

core::Result<std::optional<OutboxMessage>> Outbox::Get(std::int64_t id) {
  std::lock_guard lock(mutex_);
  Statement& s = statements_->get;
  s.Bind(1, id);
  auto rows = ReadAll(s);
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<OutboxMessage>();
  return std::optional<OutboxMessage>(std::move(rows->front()));
}

core::Status Outbox::Requeue(std::int64_t id, core::Timestamp now) {
  std::lock_guard lock(mutex_);
  Statement& s = statements_->requeue;
  s.Bind(1, id);
  s.Bind(2, Seconds(now));
  auto changed = RunChanges(db_, s);
  if (!changed) return changed.error();
  if (*changed == 0) {
    return core::MakeError("outbox: message " + std::to_string(id) + " is not a dead letter");
  }
  return {};
}

core::Result<std::int64_t> Outbox::PruneSent(core::Timestamp before) {
  std::lock_guard lock(mutex_);
  Statement& s = statements_->prune_sent;
  s.Bind(1, Seconds(before));
  auto changed = RunChanges(db_, s);
  if (!changed) return changed.error();
  return static_cast<std::int64_t>(*changed);
}

}  // namespace govwatch::notify
