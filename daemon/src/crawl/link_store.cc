#include "crawl/link_store.h"

#include <sqlite3.h>

#include "store/sqlite_statement.h"

namespace govwatch::crawl {
namespace {

using store::Statement;

core::Error Prefixed(const core::Error& e) {
  std::string_view what = e.message;
  if (what.starts_with("store: ")) what.remove_prefix(7);
  return core::MakeError("crawl store: " + std::string(what));
}

std::int64_t Seconds(core::Timestamp t) { return t.time_since_epoch().count(); }
core::Timestamp FromSeconds(std::int64_t s) { return core::Timestamp(std::chrono::seconds(s)); }

}  // namespace

core::Result<std::unique_ptr<LinkStore>> LinkStore::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  std::unique_ptr<LinkStore> out(new LinkStore(db));
  if (rc != SQLITE_OK) return Prefixed(store::SqliteError(db, "cannot open '" + path + "'"));
  sqlite3_busy_timeout(db, 5000);
  auto probe = Statement::Prepare(db, "SELECT count(*) FROM link_checks");
  if (!probe) {
    return core::MakeError("crawl store: '" + path +
                           "' has no link_checks table (open it with the govwatch store first)");
  }
  return out;
}

LinkStore::~LinkStore() { sqlite3_close(db_); }

core::Result<std::optional<LinkCheck>> LinkStore::FreshCheck(const std::string& url,
                                                             core::Timestamp now,
                                                             std::chrono::seconds ttl) {
  auto stmt = Statement::Prepare(
      db_,
      "SELECT checked_at, status, failure, detail, destination_class FROM link_checks "
      "WHERE url = ?1 AND checked_at > ?2");
  if (!stmt) return Prefixed(stmt.error());
  stmt->Bind(1, url);
  stmt->Bind(2, Seconds(now) - ttl.count());
  auto row = stmt->Step();
  if (!row) return Prefixed(row.error());
  if (!*row) return std::optional<LinkCheck>();
  LinkCheck check;
  check.checked_at = FromSeconds(stmt->Int(0));
  check.status = static_cast<int>(stmt->Int(1));
  check.failure = stmt->Text(2);
  check.detail = stmt->Text(3);
  check.destination_class = stmt->Text(4);
  return std::optional<LinkCheck>(std::move(check));
}

core::Status LinkStore::SaveChecks(const std::vector<std::pair<std::string, LinkCheck>>& checks) {
  if (checks.empty()) return {};
  auto tx = store::Transaction::Begin(db_);
  if (!tx) return Prefixed(tx.error());
  auto stmt = Statement::Prepare(
      db_,
      "INSERT OR REPLACE INTO link_checks(url, checked_at, status, failure, detail, "
      "destination_class) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt) return Prefixed(stmt.error());
  for (const auto& [url, check] : checks) {
    stmt->Reset();
    stmt->Bind(1, url);
    stmt->Bind(2, Seconds(check.checked_at));
    stmt->Bind(3, static_cast<std::int64_t>(check.status));
    stmt->Bind(4, check.failure);
    stmt->Bind(5, check.detail);
    stmt->Bind(6, check.destination_class);
    if (auto s = stmt->Run(); !s) return Prefixed(s.error());
  }
  stmt->Reset();
  if (auto s = (*tx)->Commit(); !s) return Prefixed(s.error());
  return {};
}

core::Status LinkStore::RecordRun(const CrawlRun& run) {
  auto stmt = Statement::Prepare(
      db_,
      "INSERT INTO crawl_runs(site_id, started_at, finished_at, requests, pages, links, broken, "
      "availability) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!stmt) return Prefixed(stmt.error());
  stmt->Bind(1, run.site_id);
  stmt->Bind(2, Seconds(run.started_at));
  stmt->Bind(3, Seconds(run.finished_at));
  stmt->Bind(4, run.requests);
  stmt->Bind(5, run.pages);
  stmt->Bind(6, run.links);
  stmt->Bind(7, run.broken);
  // Statement binds integers and text only; the REAL column's affinity converts the text
  // (lossless for the 6 decimals std::to_string writes, which is all a ratio needs).
  if (run.availability) {
    stmt->Bind(8, std::to_string(*run.availability));
  } else {
    stmt->BindNull(8);
  }
  if (auto s = stmt->Run(); !s) return Prefixed(s.error());
  return {};
}

core::Result<std::int64_t> LinkStore::RequestsBetween(const std::string& site_id,
                                                      core::Timestamp from, core::Timestamp to) {
  auto stmt = Statement::Prepare(
      db_,
      "SELECT coalesce(sum(requests), 0) FROM crawl_runs "
      "WHERE site_id = ?1 AND started_at >= ?2 AND started_at < ?3");
  if (!stmt) return Prefixed(stmt.error());
  stmt->Bind(1, site_id);
  stmt->Bind(2, Seconds(from));
  stmt->Bind(3, Seconds(to));
  auto row = stmt->Step();
  if (!row) return Prefixed(row.error());
  return stmt->Int(0);
}

core::Result<std::optional<CrawlRun>> LinkStore::LatestRun(const std::string& site_id) {
  auto stmt = Statement::Prepare(
      db_,
      "SELECT started_at, finished_at, requests, pages, links, broken, availability "
      "FROM crawl_runs WHERE site_id = ?1 ORDER BY started_at DESC, id DESC LIMIT 1");
  if (!stmt) return Prefixed(stmt.error());
  stmt->Bind(1, site_id);
  auto row = stmt->Step();
  if (!row) return Prefixed(row.error());
  if (!*row) return std::optional<CrawlRun>();
  CrawlRun run;
  run.site_id = site_id;
  run.started_at = FromSeconds(stmt->Int(0));
  run.finished_at = FromSeconds(stmt->Int(1));
  run.requests = stmt->Int(2);
  run.pages = stmt->Int(3);
  run.links = stmt->Int(4);
  run.broken = stmt->Int(5);
  if (!stmt->IsNull(6)) run.availability = std::stod(stmt->Text(6));
  return std::optional<CrawlRun>(std::move(run));
}

}  // namespace govwatch::crawl
