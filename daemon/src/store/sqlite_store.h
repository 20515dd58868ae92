// SqliteStore: the Store on one SQLite database file (DESIGN.md §3, §7).
//
// Durability: WAL journal with synchronous=NORMAL. In WAL mode a transaction is committed once
// its frames are written to the WAL file; NORMAL skips only the fsync at commit. A crash of the
// process (kill -9, abort) therefore never loses a committed transaction — the data is in the
// kernel's page cache — and never corrupts the database; only an OS crash or power loss can roll
// back the last few transactions, still to a consistent state. That meets "a kill -9 loses at
// most the observation in flight" without paying an fsync per observation (~100k targets).
//
// Thread-safety: one connection; not thread-safe. Use from one thread (or strand) at a time.
// Several processes may open the same file; writers wait up to busy_timeout for each other.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "store/migrations.h"
#include "store/sqlite_statement.h"
#include "store/store.h"

namespace govwatch::store {

class SqliteStore final : public Store {
 public:
  // How long a writer waits for another connection's write lock before giving up.
  static constexpr int kBusyTimeoutMs = 5000;

  // Opens or creates the database file at `path` (its directory must exist), switches it to
  // WAL, and applies the pending migrations, each in its own transaction. Error when the file
  // cannot be opened, is not a database, or has a schema newer than this build knows.
  // ":memory:" opens a private in-memory database: the fake Store for other modules' tests.
  static core::Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  // As above with a given migration list; for tests of the migration machinery.
  static core::Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                         std::span<const Migration> migrations);

  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  core::Status UpsertTarget(const TargetRecord& target) override;
  core::Result<std::int64_t> RecordObservation(const std::string& target_id,
                                               const Observation& observation,
                                               const std::vector<core::Item>& items) override;
  core::Result<std::optional<core::DatedTime>> LastUpdate(
      const std::string& target_id, const LastUpdateOptions& options) override;
  core::Result<std::int64_t> ItemCount(const std::string& target_id) override;
  core::Result<std::optional<StoredObservation>> LatestObservation(
      const std::string& target_id) override;
  core::Status ReplaceOpenFindings(const std::string& target_id,
                                   const std::vector<std::string>& checks,
                                   const std::vector<core::Finding>& findings,
                                   core::Timestamp now) override;
  core::Result<std::vector<StoredFinding>> Findings(const FindingFilter& filter) override;
  core::Result<ProbeCounts> CountProbes(const std::string& target_id, core::Timestamp from,
                                        core::Timestamp to,
                                        std::chrono::milliseconds slow_as_failure) override;
  core::Result<std::int64_t> MarkNetworkDown(core::Timestamp from, core::Timestamp to) override;
  core::Result<std::int64_t> PruneObservations(core::Timestamp older_than,
                                               int batch_size) override;
  core::Result<std::vector<DailyRollup>> DailyRollups(const std::string& target_id) override;

  // The highest applied migration.
  core::Result<int> SchemaVersion();
  // PRAGMA integrity_check: "ok", or SQLite's description of the damage.
  core::Result<std::string> IntegrityCheck();

 private:
  struct Statements;
  explicit SqliteStore(sqlite3* db);
  core::Status Migrate(std::span<const Migration> migrations);
  core::Status PrepareStatements();
  core::Status UpsertItem(const std::string& target_id, const core::Item& item,
                          core::Timestamp seen_at);

  sqlite3* db_;
  std::unique_ptr<Statements> statements_;
};

}  // namespace govwatch::store
