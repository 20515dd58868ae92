#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace govwatch::store {
namespace {

std::int64_t Seconds(core::Timestamp t) { return t.time_since_epoch().count(); }
core::Timestamp FromSeconds(std::int64_t s) { return core::Timestamp{std::chrono::seconds{s}}; }

std::optional<core::Severity> ParseSeverity(std::string_view text) {
  for (core::Severity s : {core::Severity::kVeto, core::Severity::kDeduction,
                           core::Severity::kWarning, core::Severity::kInfo}) {
    if (core::ToString(s) == text) return s;
  }
  return std::nullopt;
}

// Reads a provenance written by this store; a value from a newer build reads as first_seen,
// the weakest, rather than failing the whole query.
core::DateProvenance ProvenanceOrWeakest(const std::string& text) {
  return core::ParseDateProvenance(text).value_or(core::DateProvenance::kFirstSeen);
}

// Finding::details as a JSON object of strings ('' when there are none), so the column stays
// readable with the sqlite3 shell. Object order is kept by boost::json.
std::string EncodeDetails(const std::vector<std::pair<std::string, std::string>>& details) {
  if (details.empty()) return "";
  boost::json::object object;
  for (const auto& [key, value] : details) object[key] = value;
  return boost::json::serialize(object);
}

// Anything but an object of strings (a hand-edited row) reads as no details, rather than
// failing the whole query.
std::vector<std::pair<std::string, std::string>> DecodeDetails(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  if (text.empty()) return out;
  boost::system::error_code ec;
  const boost::json::value value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return out;
  for (const auto& [key, v] : value.as_object()) {
    if (v.is_string()) out.emplace_back(std::string(key), std::string(v.as_string()));
  }
  return out;
}

}  // namespace

struct SqliteStore::Statements {
  Statement upsert_target;
  Statement insert_observation;
  Statement find_item;
  Statement insert_item;
  Statement update_item;
  Statement newest_dated_item;
  Statement first_ok_observation;
  Statement newest_undated_item;
  Statement item_count;
  Statement latest_observation;
  Statement open_finding_keys;
  Statement resolve_finding;
  Statement upsert_finding;
  Statement select_findings;
  Statement count_probes;
  Statement mark_network_down;
  Statement rollup_batch;
  Statement delete_batch;
  Statement daily_rollups;
};

SqliteStore::SqliteStore(sqlite3* db) : db_(db) {}

SqliteStore::~SqliteStore() {
  statements_.reset();  // finalize before closing
  sqlite3_close(db_);
}

core::Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  return Open(path, SqliteMigrations());
}

core::Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(
    const std::string& path, std::span<const Migration> migrations) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
    return core::MakeError("store: cannot open '" + path + "': directory '" + parent.string() +
                           "' does not exist");
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                 nullptr);
  // The store owns the handle from here on, even on failure (sqlite3_open_v2 may return one).
  std::unique_ptr<SqliteStore> store(new SqliteStore(db));
  if (rc != SQLITE_OK) return SqliteError(db, "cannot open '" + path + "'");
  // Errors below come as "store: <what>"; name the file: "store: '<path>': <what>".
  auto fail = [&](const core::Error& error) {
    std::string_view what = error.message;
    if (what.starts_with("store: ")) what.remove_prefix(7);
    return core::MakeError("store: '" + path + "': " + std::string(what));
  };

  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 1);
  {
    // journal_mode answers with the mode in force; anything but "wal" means it did not switch
    // (e.g. a read-only directory), and the crash-safety reasoning above would not hold.
    auto mode = Statement::Prepare(db, "PRAGMA journal_mode=WAL");
    if (!mode) return fail(mode.error());
    auto row = mode->Step();
    if (!row) return fail(row.error());
    // An in-memory database (tests, fakes) has no file to journal; it stays in "memory" mode.
    const std::string expected = path == ":memory:" ? "memory" : "wal";
    if (!*row || mode->Text(0) != expected) {
      return fail(core::MakeError("cannot switch to WAL journal mode (got '" +
                                  (*row ? mode->Text(0) : std::string()) + "')"));
    }
  }
  if (auto s = Exec(db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", "pragmas"); !s) {
    return fail(s.error());
  }
  if (auto s = store->Migrate(migrations); !s) return fail(s.error());
  if (auto s = store->PrepareStatements(); !s) return fail(s.error());
  return store;
}

core::Status SqliteStore::Migrate(std::span<const Migration> migrations) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  for (;;) {
    // Read and apply under one write lock, so two processes opening a new file at once do not
    // both apply the same migration.
    auto tx = Transaction::Begin(db_);
    if (!tx) return tx.error();
    if (auto s = Exec(db_,
                      "CREATE TABLE IF NOT EXISTS schema_migrations ("
                      " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT",
                      "create schema_migrations");
        !s) {
      return s;
    }
    auto current_stmt =
        Statement::Prepare(db_, "SELECT coalesce(max(version), 0) FROM schema_migrations");
    if (!current_stmt) return current_stmt.error();
    auto row = current_stmt->Step();
    if (!row) return row.error();
    const int current = static_cast<int>(current_stmt->Int(0));
    current_stmt->Reset();
    if (current > latest) {
      return core::MakeError("store: database schema version " + std::to_string(current) +
                             " is newer than this govwatch supports (" + std::to_string(latest) +
                             "); upgrade govwatch or use another database file");
    }
    if (current == latest) return (*tx)->Commit();

    const Migration& next = migrations[static_cast<size_t>(current)];
    if (next.version != current + 1) {
      return core::MakeError("store: migration list is not numbered 1, 2, 3, …");
    }
    const std::string context = "migration " + std::to_string(next.version) + " (" +
                                std::string(next.description) + ")";
    if (auto s = Exec(db_, next.sql, context); !s) return s;
    auto record = Statement::Prepare(
        db_, "INSERT INTO schema_migrations(version, applied_at) "
             "VALUES (?1, CAST(strftime('%s', 'now') AS INTEGER))");
    if (!record) return record.error();
    record->Bind(1, static_cast<std::int64_t>(next.version));
    if (auto s = record->Run(); !s) return s;
    record->Reset();
    if (auto s = (*tx)->Commit(); !s) return s;
  }
}

core::Status SqliteStore::PrepareStatements() {
  auto statements = std::make_unique<Statements>();
  const std::pair<Statement*, std::string_view> all[] = {
      {&statements->upsert_target,
       "INSERT INTO targets(id, kind, parent, unit, name, url) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
       "ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, parent = excluded.parent, "
       "unit = excluded.unit, name = excluded.name, url = excluded.url"},
      {&statements->insert_observation,
       "INSERT INTO observations(target_id, started_at, duration_ms, outcome, http_status, "
       "bytes, item_count, detail, network_down) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
      {&statements->find_item,
       "SELECT id, published_at, provenance FROM items WHERE target_id = ?1 AND url = ?2"},
      {&statements->insert_item,
       "INSERT INTO items(target_id, url, title, published_at, provenance, pinned, "
       "first_seen_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"},
      {&statements->update_item,
       "UPDATE items SET title = ?2, pinned = ?3, published_at = ?4, provenance = ?5, "
       "first_seen_at = min(first_seen_at, ?6), last_seen_at = max(last_seen_at, ?6) "
       "WHERE id = ?1"},
      {&statements->newest_dated_item,
       "SELECT published_at, provenance FROM items "
       "WHERE target_id = ?1 AND published_at IS NOT NULL AND (?2 OR pinned = 0) "
       "ORDER BY published_at DESC LIMIT 1"},
      {&statements->first_ok_observation,
       "SELECT started_at FROM observations WHERE target_id = ?1 AND outcome = 'ok' "
       "ORDER BY started_at LIMIT 1"},
      {&statements->newest_undated_item,
       "SELECT first_seen_at FROM items "
       "WHERE target_id = ?1 AND published_at IS NULL AND first_seen_at > ?2 "
       "AND (?3 OR pinned = 0) ORDER BY first_seen_at DESC LIMIT 1"},
      {&statements->item_count, "SELECT count(*) FROM items WHERE target_id = ?1"},
      {&statements->latest_observation,
       "SELECT id, started_at, duration_ms, outcome, http_status, bytes, item_count, detail, "
       "network_down FROM observations WHERE target_id = ?1 ORDER BY started_at DESC, id DESC LIMIT 1"},
      {&statements->open_finding_keys,
       "SELECT id, check_name, subject FROM findings "
       "WHERE target_id = ?1 AND resolved_at IS NULL"},
      {&statements->resolve_finding, "UPDATE findings SET resolved_at = ?2 WHERE id = ?1"},
      {&statements->upsert_finding,
       "INSERT INTO findings(target_id, unit_id, check_name, subject, severity, message, "
       "evidence_url, last_update_at, last_update_provenance, first_seen_at, last_seen_at, details) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11) "
       "ON CONFLICT(target_id, check_name, subject) WHERE resolved_at IS NULL DO UPDATE SET "
       "unit_id = excluded.unit_id, severity = excluded.severity, message = excluded.message, "
       "evidence_url = excluded.evidence_url, last_update_at = excluded.last_update_at, "
       "last_update_provenance = excluded.last_update_provenance, "
       "last_seen_at = excluded.last_seen_at, details = excluded.details"},
      {&statements->select_findings,
       "SELECT id, target_id, unit_id, check_name, subject, severity, message, evidence_url, "
       "last_update_at, last_update_provenance, first_seen_at, last_seen_at, resolved_at, details "
       "FROM findings WHERE (?1 IS NULL OR target_id = ?1) AND (?2 IS NULL OR unit_id = ?2) "
       "AND (?3 IS NULL OR check_name = ?3) AND (?4 OR resolved_at IS NULL) "
       "ORDER BY target_id, check_name, subject, first_seen_at, id"},
      {&statements->count_probes,
       "SELECT coalesce(sum(network_down = 0), 0), "
       "coalesce(sum(network_down = 0 AND (outcome <> 'ok' OR duration_ms >= ?4)), 0), "
       "coalesce(sum(network_down <> 0), 0), min(started_at) "
       "FROM observations WHERE target_id = ?1 AND started_at >= ?2 AND started_at < ?3"},
      {&statements->mark_network_down,
       "UPDATE observations SET network_down = 1 "
       "WHERE started_at >= ?1 AND started_at < ?2 AND outcome <> 'ok' AND network_down = 0"},
      // The batch is the `?2` oldest rows before ?1; both statements select it the same way
      // inside one transaction, so they see the same rows.
      {&statements->rollup_batch,
       "INSERT INTO observation_daily(target_id, day, probes, failures, network_down) "
       "SELECT target_id, started_at / 86400, sum(network_down = 0), "
       "sum(network_down = 0 AND outcome <> 'ok'), sum(network_down <> 0) FROM observations "
       "WHERE id IN (SELECT id FROM observations WHERE started_at < ?1 "
       "ORDER BY started_at, id LIMIT ?2) GROUP BY target_id, started_at / 86400 "
       "ON CONFLICT(target_id, day) DO UPDATE SET probes = probes + excluded.probes, "
       "failures = failures + excluded.failures, "
       "network_down = network_down + excluded.network_down"},
      {&statements->delete_batch,
       "DELETE FROM observations WHERE id IN (SELECT id FROM observations "
       "WHERE started_at < ?1 ORDER BY started_at, id LIMIT ?2)"},
      {&statements->daily_rollups,
       "SELECT day, probes, failures, network_down FROM observation_daily "
       "WHERE target_id = ?1 ORDER BY day"},
  };
  for (const auto& [statement, sql] : all) {
    auto prepared = Statement::Prepare(db_, sql);
    if (!prepared) return prepared.error();
    *statement = std::move(prepared).value();
  }
  statements_ = std::move(statements);
  return {};
}

core::Status SqliteStore::UpsertTarget(const TargetRecord& target) {
  Statement& st = statements_->upsert_target;
  ScopedReset reset(st);
  st.Bind(1, target.id);
  st.Bind(2, ToString(target.kind));
  st.Bind(3, target.parent);
  st.Bind(4, target.unit);
  st.Bind(5, target.name);
  st.Bind(6, target.url);
  if (auto s = st.Run(); !s) return s.error().WithContext("upsert target '" + target.id + "'");
  return {};
}

core::Status SqliteStore::UpsertItem(const std::string& target_id, const core::Item& item,
                                     core::Timestamp seen_at) {
  std::optional<std::int64_t> new_published;
  std::optional<std::string> new_provenance;
  if (item.published) {
    new_published = Seconds(*item.published);
    new_provenance = std::string(core::ToString(item.provenance));
  }

  Statement& find = statements_->find_item;
  ScopedReset find_reset(find);
  find.Bind(1, target_id);
  find.Bind(2, item.url);
  auto found = find.Step();
  if (!found) return found.error();

  if (!*found) {
    Statement& insert = statements_->insert_item;
    ScopedReset reset(insert);
    insert.Bind(1, target_id);
    insert.Bind(2, item.url);
    insert.Bind(3, item.title);
    insert.Bind(4, new_published);
    if (new_provenance) insert.Bind(5, *new_provenance); else insert.BindNull(5);
    insert.Bind(6, std::int64_t{item.pinned ? 1 : 0});
    insert.Bind(7, Seconds(seen_at));
    return insert.Run();
  }

  const std::int64_t id = find.Int(0);
  std::optional<std::int64_t> published = find.OptionalInt(1);
  std::optional<std::string> provenance;
  if (!find.IsNull(2)) provenance = find.Text(2);
  const bool better =
      new_published &&
      (!published || DateStrength(item.provenance) <
                         DateStrength(ProvenanceOrWeakest(provenance.value_or(""))));
  if (better) {
    published = new_published;
    provenance = new_provenance;
  }

  Statement& update = statements_->update_item;
  ScopedReset reset(update);
  update.Bind(1, id);
  update.Bind(2, item.title);
  update.Bind(3, std::int64_t{item.pinned ? 1 : 0});
  update.Bind(4, published);
  if (provenance) update.Bind(5, *provenance); else update.BindNull(5);
  update.Bind(6, Seconds(seen_at));
  return update.Run();
}

core::Result<std::int64_t> SqliteStore::RecordObservation(const std::string& target_id,
                                                          const Observation& observation,
                                                          const std::vector<core::Item>& items) {
  const std::string context = "record observation of '" + target_id + "'";
  if (!observation.ok() && !items.empty()) {
    return core::MakeError("store: " + context + ": a failed observation ('" +
                           observation.outcome + "') cannot carry items");
  }
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error().WithContext(context);

  Statement& st = statements_->insert_observation;
  {
    ScopedReset reset(st);
    st.Bind(1, target_id);
    st.Bind(2, Seconds(observation.started_at));
    st.Bind(3, static_cast<std::int64_t>(observation.duration.count()));
    st.Bind(4, observation.outcome);
    if (observation.http_status) st.Bind(5, std::int64_t{*observation.http_status});
    else st.BindNull(5);
    st.Bind(6, observation.bytes);
    if (observation.ok()) st.Bind(7, static_cast<std::int64_t>(items.size()));
    else st.BindNull(7);
    st.Bind(8, observation.detail);
    st.Bind(9, std::int64_t{observation.network_down && !observation.ok() ? 1 : 0});
    if (auto s = st.Run(); !s) return s.error().WithContext(context);
  }
  const std::int64_t id = sqlite3_last_insert_rowid(db_);

  for (const core::Item& item : items) {
    if (auto s = UpsertItem(target_id, item, observation.started_at); !s) {
      return s.error().WithContext(context + ": item '" + item.url + "'");
    }
  }
  if (auto s = (*tx)->Commit(); !s) return s.error().WithContext(context);
  return id;
}

core::Result<std::optional<core::DatedTime>> SqliteStore::LastUpdate(
    const std::string& target_id, const LastUpdateOptions& options) {
  const std::string context = "last update of '" + target_id + "'";
  // Three reads must see one snapshot: a deferred transaction holds it without taking the lock.
  if (auto s = Exec(db_, "BEGIN", context); !s) return s.error();
  struct EndRead {
    sqlite3* db;
    ~EndRead() { sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr); }
  } end_read{db_};

  std::optional<core::DatedTime> newest;
  {
    Statement& st = statements_->newest_dated_item;
    ScopedReset reset(st);
    st.Bind(1, target_id);
    st.Bind(2, std::int64_t{options.include_pinned ? 1 : 0});
    auto row = st.Step();
    if (!row) return row.error().WithContext(context);
    if (*row) newest = core::DatedTime{FromSeconds(st.Int(0)), ProvenanceOrWeakest(st.Text(1))};
  }
  if (!options.include_first_seen) return newest;

  std::optional<std::int64_t> first_ok;
  {
    Statement& st = statements_->first_ok_observation;
    ScopedReset reset(st);
    st.Bind(1, target_id);
    auto row = st.Step();
    if (!row) return row.error().WithContext(context);
    if (*row) first_ok = st.Int(0);
  }
  if (!first_ok) return newest;
  {
    Statement& st = statements_->newest_undated_item;
    ScopedReset reset(st);
    st.Bind(1, target_id);
    st.Bind(2, *first_ok);
    st.Bind(3, std::int64_t{options.include_pinned ? 1 : 0});
    auto row = st.Step();
    if (!row) return row.error().WithContext(context);
    // On a tie the dated item wins: a printed date says more than our own sighting.
    if (*row && (!newest || FromSeconds(st.Int(0)) > newest->time)) {
      newest = core::DatedTime{FromSeconds(st.Int(0)), core::DateProvenance::kFirstSeen};
    }
  }
  return newest;
}

core::Result<std::int64_t> SqliteStore::ItemCount(const std::string& target_id) {
  Statement& st = statements_->item_count;
  ScopedReset reset(st);
  st.Bind(1, target_id);
  auto row = st.Step();
  if (!row) return row.error().WithContext("item count of '" + target_id + "'");
  return st.Int(0);
}

core::Result<std::optional<StoredObservation>> SqliteStore::LatestObservation(
    const std::string& target_id) {
  Statement& st = statements_->latest_observation;
  ScopedReset reset(st);
  st.Bind(1, target_id);
  auto row = st.Step();
  if (!row) return row.error().WithContext("latest observation of '" + target_id + "'");
  if (!*row) return std::optional<StoredObservation>();
  StoredObservation out;
  out.id = st.Int(0);
  out.target_id = target_id;
  out.observation.started_at = FromSeconds(st.Int(1));
  out.observation.duration = std::chrono::milliseconds{st.Int(2)};
  out.observation.outcome = st.Text(3);
  if (auto status = st.OptionalInt(4)) out.observation.http_status = static_cast<int>(*status);
  out.observation.bytes = st.Int(5);
  out.item_count = st.OptionalInt(6);
  out.observation.detail = st.Text(7);
  out.observation.network_down = st.Int(8) != 0;
  return std::optional<StoredObservation>(std::move(out));
}

core::Status SqliteStore::ReplaceOpenFindings(const std::string& target_id,
                                              const std::vector<std::string>& checks,
                                              const std::vector<core::Finding>& findings,
                                              core::Timestamp now) {
  const std::string context = "replace findings of '" + target_id + "'";
  const std::set<std::string> scope(checks.begin(), checks.end());
  auto in_scope = [&](const std::string& check) { return scope.empty() || scope.contains(check); };

  std::set<std::pair<std::string, std::string>> keys;  // (check, subject)
  for (const core::Finding& f : findings) {
    if (f.target_id != target_id) {
      return core::MakeError("store: " + context + ": finding for another target '" +
                             f.target_id + "'");
    }
    if (!in_scope(f.check)) {
      return core::MakeError("store: " + context + ": check '" + f.check + "' outside scope");
    }
    if (!keys.emplace(f.check, f.subject).second) {
      return core::MakeError("store: " + context + ": duplicate finding (" + f.check + ", '" +
                             f.subject + "')");
    }
  }

  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error().WithContext(context);

  std::vector<std::int64_t> to_resolve;
  {
    Statement& st = statements_->open_finding_keys;
    ScopedReset reset(st);
    st.Bind(1, target_id);
    for (;;) {
      auto row = st.Step();
      if (!row) return row.error().WithContext(context);
      if (!*row) break;
      const std::string check = st.Text(1);
      if (in_scope(check) && !keys.contains({check, st.Text(2)})) to_resolve.push_back(st.Int(0));
    }
  }
  for (std::int64_t id : to_resolve) {
    Statement& st = statements_->resolve_finding;
    ScopedReset reset(st);
    st.Bind(1, id);
    st.Bind(2, Seconds(now));
    if (auto s = st.Run(); !s) return s.error().WithContext(context);
  }
  for (const core::Finding& f : findings) {
    Statement& st = statements_->upsert_finding;
    ScopedReset reset(st);
    st.Bind(1, f.target_id);
    st.Bind(2, f.unit_id);
    st.Bind(3, f.check);
    st.Bind(4, f.subject);
    st.Bind(5, core::ToString(f.severity));
    st.Bind(6, f.message);
    st.Bind(7, f.evidence_url);
    if (f.last_update) {
      st.Bind(8, Seconds(f.last_update->time));
      st.Bind(9, core::ToString(f.last_update->provenance));
    } else {
      st.BindNull(8);
      st.BindNull(9);
    }
    st.Bind(10, Seconds(now));
    st.Bind(11, EncodeDetails(f.details));
    if (auto s = st.Run(); !s) return s.error().WithContext(context);
  }
  if (auto s = (*tx)->Commit(); !s) return s.error().WithContext(context);
  return {};
}

core::Result<std::vector<StoredFinding>> SqliteStore::Findings(const FindingFilter& filter) {
  Statement& st = statements_->select_findings;
  ScopedReset reset(st);
  auto bind_optional = [&](int index, const std::optional<std::string>& value) {
    if (value) st.Bind(index, *value); else st.BindNull(index);
  };
  bind_optional(1, filter.target_id);
  bind_optional(2, filter.unit_id);
  bind_optional(3, filter.check);
  st.Bind(4, std::int64_t{filter.include_resolved ? 1 : 0});

  std::vector<StoredFinding> out;
  for (;;) {
    auto row = st.Step();
    if (!row) return row.error().WithContext("select findings");
    if (!*row) break;
    StoredFinding sf;
    sf.id = st.Int(0);
    sf.finding.target_id = st.Text(1);
    sf.finding.unit_id = st.Text(2);
    sf.finding.check = st.Text(3);
    sf.finding.subject = st.Text(4);
    sf.finding.severity = ParseSeverity(st.Text(5)).value_or(core::Severity::kInfo);
    sf.finding.message = st.Text(6);
    sf.finding.evidence_url = st.Text(7);
    if (auto at = st.OptionalInt(8)) {
      sf.finding.last_update = core::DatedTime{FromSeconds(*at), ProvenanceOrWeakest(st.Text(9))};
    }
    sf.first_seen_at = FromSeconds(st.Int(10));
    sf.last_seen_at = FromSeconds(st.Int(11));
    if (auto at = st.OptionalInt(12)) sf.resolved_at = FromSeconds(*at);
    sf.finding.details = DecodeDetails(st.Text(13));
    out.push_back(std::move(sf));
  }
  return out;
}

core::Result<ProbeCounts> SqliteStore::CountProbes(const std::string& target_id,
                                                   core::Timestamp from, core::Timestamp to,
                                                   std::chrono::milliseconds slow_as_failure) {
  Statement& st = statements_->count_probes;
  ScopedReset reset(st);
  st.Bind(1, target_id);
  st.Bind(2, Seconds(from));
  st.Bind(3, Seconds(to));
  st.Bind(4, static_cast<std::int64_t>(slow_as_failure.count()));
  auto row = st.Step();
  if (!row) return row.error().WithContext("count probes of '" + target_id + "'");
  ProbeCounts counts;
  counts.probes = st.Int(0);
  counts.failures = st.Int(1);
  counts.network_down = st.Int(2);
  if (auto first = st.OptionalInt(3)) counts.first_probe = FromSeconds(*first);
  return counts;
}

core::Result<std::int64_t> SqliteStore::MarkNetworkDown(core::Timestamp from, core::Timestamp to) {
  Statement& st = statements_->mark_network_down;
  ScopedReset reset(st);
  st.Bind(1, Seconds(from));
  st.Bind(2, Seconds(to));
  if (auto s = st.Run(); !s) return s.error().WithContext("mark network down");
  return static_cast<std::int64_t>(sqlite3_changes(db_));
}

core::Result<std::int64_t> SqliteStore::PruneObservations(core::Timestamp older_than,
                                                          int batch_size) {
  const std::string context = "prune observations";
  if (batch_size <= 0) {
    return core::MakeError("store: " + context + ": batch size must be positive");
  }
  auto tx = Transaction::Begin(db_);
  if (!tx) return tx.error().WithContext(context);
  for (Statement* st : {&statements_->rollup_batch, &statements_->delete_batch}) {
    ScopedReset reset(*st);
    st->Bind(1, Seconds(older_than));
    st->Bind(2, static_cast<std::int64_t>(batch_size));
    if (auto s = st->Run(); !s) return s.error().WithContext(context);
  }
  const auto deleted = static_cast<std::int64_t>(sqlite3_changes(db_));
  if (auto s = (*tx)->Commit(); !s) return s.error().WithContext(context);
  return deleted;
}

core::Result<std::vector<DailyRollup>> SqliteStore::DailyRollups(const std::string& target_id) {
  Statement& st = statements_->daily_rollups;
  ScopedReset reset(st);
  st.Bind(1, target_id);
  std::vector<DailyRollup> out;
  for (;;) {
    auto row = st.Step();
    if (!row) return row.error().WithContext("daily roll-ups of '" + target_id + "'");
    if (!*row) break;
    out.push_back({st.Int(0), st.Int(1), st.Int(2), st.Int(3)});
  }
  return out;
}

core::Result<int> SqliteStore::SchemaVersion() {
  auto st = Statement::Prepare(db_, "SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!st) return st.error();
  auto row = st->Step();
  if (!row) return row.error();
  return static_cast<int>(st->Int(0));
}

core::Result<std::string> SqliteStore::IntegrityCheck() {
  auto st = Statement::Prepare(db_, "PRAGMA integrity_check");
  if (!st) return st.error();
  std::string report;
  for (;;) {
    auto row = st->Step();
    if (!row) return row.error();
    if (!*row) break;
    if (!report.empty()) report += "\n";
    report += st->Text(0);
  }
  return report;
}

}  // namespace govwatch::store
