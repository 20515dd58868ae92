// Shared helpers for the notify tests: a migrated database in a temp dir, notifications, and a
// scripted Transport fake.
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/notification.h"
#include "notify/outbox.h"
#include "notify/transport.h"
#include "process.h"
#include "store/sqlite_store.h"

namespace govwatch::notify::testing {

inline core::Timestamp At(std::int64_t unix_seconds) {
  return core::Timestamp{std::chrono::seconds{unix_seconds}};
}

// A daemon database (the store's migrations applied) and an Outbox on it.
struct OutboxFixture {
  e2e::TempDir dir;
  std::string path = dir.path() + "/govwatch.db";
  std::unique_ptr<Outbox> outbox;

  OutboxFixture() {
    auto store = store::SqliteStore::Open(path);
    if (!store) throw std::runtime_error(store.error().message);
    auto opened = Outbox::Open(path);
    if (!opened) throw std::runtime_error(opened.error().message);
    outbox = std::move(*opened);
  }
};

inline core::Notification Note(std::string channel, std::string key, std::int64_t created = 1000,
                               std::string subject = "首页两周未更新") {
  core::Notification n;
  n.channel = std::move(channel);
  n.dedup_key = std::move(key);
  n.subject = std::move(subject);
  n.text = "原州区人民政府网站首页已 15 天未更新。";
  n.html = "<p>原州区人民政府网站首页已 15 天未更新。</p>";
  n.created_at = At(created);
  return n;
}

// Answers each Send with the next scripted outcome (kSent when the script is empty) and records
// what was sent.
class ScriptedTransport final : public Transport {
 public:
  struct Call {
    std::string channel;
    std::string dedup_key;
    Envelope envelope;
  };
  struct Shared {
    std::mutex mutex;
    std::deque<SendOutcome> script;
    std::vector<Call> calls;
  };

  explicit ScriptedTransport(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

  SendOutcome Send(const config::Channel& channel, const core::Notification& notification,
                   const Envelope& envelope) override {
    std::lock_guard lock(shared_->mutex);
    shared_->calls.push_back({channel.name, notification.dedup_key, envelope});
    if (shared_->script.empty()) return SendOutcome::Sent();
    SendOutcome next = shared_->script.front();
    shared_->script.pop_front();
    return next;
  }

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace govwatch::notify::testing
