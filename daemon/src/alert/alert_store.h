// AlertStore: the alerts' durable state in the daemon's SQLite file (tables `alerts` and
// `alert_meta`, created by a migration in store/migrations.cc), on its own connection so the
// alert thread never shares one with the scheduler's store thread.
//
// Rows are alert episodes: one per (target, check, subject, started_at); at most one active
// (pending or firing) per key. Save() writes a Step's changed alerts in one transaction; a
// resolved alert that never fired is deleted (it was never an alert for people).
//
// Failures come back as Errors starting with "alerts: ".
// Thread-safety: none; one owner thread at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alert/alert.h"
#include "core/result.h"

struct sqlite3;

namespace govwatch::alert {

struct AlertFilter {
  std::optional<AlertState> state = std::nullopt;
  std::optional<std::string> unit_id = std::nullopt;
  std::optional<std::string> target_id = std::nullopt;
  int limit = 1000;
};

class AlertStore {
 public:
  // Opens `path` (running the store's migrations first, so the tables exist).
  static core::Result<std::unique_ptr<AlertStore>> Open(const std::string& path);
  ~AlertStore();
  AlertStore(const AlertStore&) = delete;
  AlertStore& operator=(const AlertStore&) = delete;

  // Pending and firing alerts, of one target or all.
  core::Result<std::vector<Alert>> Active(const std::optional<std::string>& target_id = {});
  // Alerts matching the filter, active first, newest episode first.
  core::Result<std::vector<Alert>> List(const AlertFilter& filter);
  // Alerts that fired and were resolved in [from, to).
  core::Result<std::vector<Alert>> ResolvedBetween(core::Timestamp from, core::Timestamp to);
  core::Status Save(const std::vector<Alert>& changed);

  core::Result<std::optional<std::string>> GetMeta(const std::string& key);
  core::Status SetMeta(const std::string& key, const std::string& value);

 private:
  explicit AlertStore(sqlite3* db) : db_(db) {}
  core::Result<std::vector<Alert>> Query(const std::string& where,
                                         const std::vector<std::string>& text_args,
                                         const std::vector<std::int64_t>& int_args,
                                         const std::string& tail);
  sqlite3* db_;
};

}  // namespace govwatch::alert
