#include "alert/alert_store.h"

#include <sqlite3.h>

#include "store/sqlite_statement.h"
#include "store/sqlite_store.h"

namespace govwatch::alert {
namespace {

constexpr int kBusyTimeoutMs = 5000;

std::int64_t Unix(core::Timestamp t) { return t.time_since_epoch().count(); }
core::Timestamp FromUnix(std::int64_t s) { return core::Timestamp{std::chrono::seconds{s}}; }
std::optional<std::int64_t> Unix(const std::optional<core::Timestamp>& t) {
  if (!t) return std::nullopt;
  return Unix(*t);
}
std::optional<core::Timestamp> FromUnix(const std::optional<std::int64_t>& s) {
  if (!s) return std::nullopt;
  return FromUnix(*s);
}

core::Severity ParseSeverity(const std::string& text) {
  for (core::Severity s : {core::Severity::kVeto, core::Severity::kDeduction,
                           core::Severity::kWarning, core::Severity::kInfo}) {
    if (core::ToString(s) == text) return s;
  }
  return core::Severity::kInfo;
}

core::Error Prefixed(const core::Error& e) {
  std::string_view m = e.message;
  if (m.starts_with("store: ")) m.remove_prefix(7);
  return core::MakeError("alerts: " + std::string(m));
}

constexpr char kColumns[] =
    "target_id, check_name, subject, unit_id, severity, message, evidence_url, last_update_at, "
    "last_update_provenance, state, started_at, last_seen_at, observations, fired_at, "
    "resolved_at, notified, reminders, next_reminder_at";

Alert ReadRow(const store::Statement& s) {
  Alert a;
  a.finding.target_id = s.Text(0);
  a.finding.check = s.Text(1);
  a.finding.subject = s.Text(2);
  a.finding.unit_id = s.Text(3);
  a.finding.severity = ParseSeverity(s.Text(4));
  a.finding.message = s.Text(5);
  a.finding.evidence_url = s.Text(6);
  if (auto at = s.OptionalInt(7)) {
    a.finding.last_update = core::DatedTime{
        FromUnix(*at),
        core::ParseDateProvenance(s.Text(8)).value_or(core::DateProvenance::kFirstSeen)};
  }
  a.state = ParseAlertState(s.Text(9)).value_or(AlertState::kPending);
  a.started_at = FromUnix(s.Int(10));
  a.last_seen_at = FromUnix(s.Int(11));
  a.observations = static_cast<int>(s.Int(12));
  a.fired_at = FromUnix(s.OptionalInt(13));
  a.resolved_at = FromUnix(s.OptionalInt(14));
  a.notified = s.Int(15) != 0;
  a.reminders = static_cast<int>(s.Int(16));
  a.next_reminder_at = FromUnix(s.OptionalInt(17));
  return a;
}

}  // namespace

core::Result<std::unique_ptr<AlertStore>> AlertStore::Open(const std::string& path) {
  {
    // The store's migrations create the tables; its connection closes again at once.
    auto migrated = store::SqliteStore::Open(path);
    if (!migrated) return Prefixed(migrated.error());
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  std::unique_ptr<AlertStore> out(new AlertStore(db));
  if (rc != SQLITE_OK) return Prefixed(store::SqliteError(db, "cannot open '" + path + "'"));
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  if (auto s = store::Exec(db, "PRAGMA synchronous=NORMAL;", "pragmas"); !s) {
    return Prefixed(s.error());
  }
  return out;
}

AlertStore::~AlertStore() { sqlite3_close(db_); }

core::Result<std::vector<Alert>> AlertStore::Query(const std::string& where,
                                                   const std::vector<std::string>& text_args,
                                                   const std::vector<std::int64_t>& int_args,
                                                   const std::string& tail) {
  auto stmt = store::Statement::Prepare(
      db_, std::string("SELECT ") + kColumns + " FROM alerts WHERE " + where + " " + tail);
  if (!stmt) return Prefixed(stmt.error());
  int index = 1;
  for (const std::string& t : text_args) stmt->Bind(index++, std::string_view(t));
  for (std::int64_t i : int_args) stmt->Bind(index++, i);
  std::vector<Alert> out;
  for (;;) {
    auto row = stmt->Step();
    if (!row) return Prefixed(row.error());
    if (!*row) break;
    out.push_back(ReadRow(*stmt));
  }
  return out;
}

core::Result<std::vector<Alert>> AlertStore::Active(const std::optional<std::string>& target_id) {
  if (target_id) {
    return Query("state <> 'resolved' AND target_id = ?1", {*target_id}, {},
                 "ORDER BY check_name, subject");
  }
  return Query("state <> 'resolved'", {}, {}, "ORDER BY target_id, check_name, subject");
}

core::Result<std::vector<Alert>> AlertStore::List(const AlertFilter& filter) {
  std::string where = "1";
  std::vector<std::string> args;
  auto add = [&](const char* column, const std::string& value) {
    args.push_back(value);
    where += std::string(" AND ") + column + " = ?" + std::to_string(args.size());
  };
  if (filter.state) add("state", std::string(ToString(*filter.state)));
  if (filter.unit_id) add("unit_id", *filter.unit_id);
  if (filter.target_id) add("target_id", *filter.target_id);
  return Query(where, args, {filter.limit},
               "ORDER BY state = 'resolved', started_at DESC, id DESC LIMIT ?" +
                   std::to_string(args.size() + 1));
}

core::Result<std::vector<Alert>> AlertStore::ResolvedBetween(core::Timestamp from,
                                                             core::Timestamp to) {
  return Query("state = 'resolved' AND fired_at IS NOT NULL AND resolved_at >= ?1 AND "
               "resolved_at < ?2",
               {}, {Unix(from), Unix(to)}, "ORDER BY unit_id, target_id, check_name, subject");
}

core::Status AlertStore::Save(const std::vector<Alert>& changed) {
  if (changed.empty()) return {};
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return Prefixed(tx.error());
  auto upsert = store::Statement::Prepare(
      db_, std::string("INSERT INTO alerts (") + kColumns +
               ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
               "?17, ?18) ON CONFLICT (target_id, check_name, subject, started_at) DO UPDATE SET "
               "unit_id = excluded.unit_id, severity = excluded.severity, message = "
               "excluded.message, evidence_url = excluded.evidence_url, last_update_at = "
               "excluded.last_update_at, last_update_provenance = excluded.last_update_provenance, "
               "state = excluded.state, last_seen_at = excluded.last_seen_at, observations = "
               "excluded.observations, fired_at = excluded.fired_at, resolved_at = "
               "excluded.resolved_at, notified = excluded.notified, reminders = "
               "excluded.reminders, next_reminder_at = excluded.next_reminder_at");
  if (!upsert) return Prefixed(upsert.error());
  auto erase = store::Statement::Prepare(
      db_, "DELETE FROM alerts WHERE target_id = ?1 AND check_name = ?2 AND subject = ?3 AND "
           "started_at = ?4");
  if (!erase) return Prefixed(erase.error());
  for (const Alert& a : changed) {
    const core::Finding& f = a.finding;
    if (a.state == AlertState::kResolved && !a.fired_at) {
      erase->Bind(1, std::string_view(f.target_id));
      erase->Bind(2, std::string_view(f.check));
      erase->Bind(3, std::string_view(f.subject));
      erase->Bind(4, Unix(a.started_at));
      if (auto s = erase->Run(); !s) return Prefixed(s.error());
      erase->Reset();
      continue;
    }
    upsert->Bind(1, std::string_view(f.target_id));
    upsert->Bind(2, std::string_view(f.check));
    upsert->Bind(3, std::string_view(f.subject));
    upsert->Bind(4, std::string_view(f.unit_id));
    upsert->Bind(5, core::ToString(f.severity));
    upsert->Bind(6, std::string_view(f.message));
    upsert->Bind(7, std::string_view(f.evidence_url));
    if (f.last_update) {
      upsert->Bind(8, Unix(f.last_update->time));
      upsert->Bind(9, core::ToString(f.last_update->provenance));
    } else {
      upsert->BindNull(8);
      upsert->BindNull(9);
    }
    upsert->Bind(10, ToString(a.state));
    upsert->Bind(11, Unix(a.started_at));
    upsert->Bind(12, Unix(a.last_seen_at));
    upsert->Bind(13, std::int64_t{a.observations});
    upsert->Bind(14, Unix(a.fired_at));
    upsert->Bind(15, Unix(a.resolved_at));
    upsert->Bind(16, std::int64_t{a.notified ? 1 : 0});
    upsert->Bind(17, std::int64_t{a.reminders});
    upsert->Bind(18, Unix(a.next_reminder_at));
    if (auto s = upsert->Run(); !s) return Prefixed(s.error());
    upsert->Reset();
  }
  if (auto s = (*tx)->Commit(); !s) return Prefixed(s.error());
  return {};
}

core::Result<std::optional<std::string>> AlertStore::GetMeta(const std::string& key) {
  auto stmt = store::Statement::Prepare(db_, "SELECT value FROM alert_meta WHERE key = ?1");
  if (!stmt) return Prefixed(stmt.error());
  stmt->Bind(1, std::string_view(key));
  auto row = stmt->Step();
  if (!row) return Prefixed(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(stmt->Text(0));
}

core::Status AlertStore::SetMeta(const std::string& key, const std::string& value) {
  auto stmt = store::Statement::Prepare(
      db_, "INSERT INTO alert_meta (key, value) VALUES (?1, ?2) "
           "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!stmt) return Prefixed(stmt.error());
  stmt->Bind(1, std::string_view(key));
  stmt->Bind(2, std::string_view(value));
  if (auto s = stmt->Run(); !s) return Prefixed(s.error());
  return {};
}

}  // namespace govwatch::alert
