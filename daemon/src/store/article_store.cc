#include "store/article_store.h"

#include <sqlite3.h>

#include "store/sqlite_statement.h"

namespace govwatch::store {
namespace {

std::int64_t Seconds(core::Timestamp t) { return t.time_since_epoch().count(); }
core::Timestamp FromSeconds(std::int64_t s) { return core::Timestamp{std::chrono::seconds{s}}; }

// Every row's first column, as a set of distinct strings.
core::Result<std::set<std::string>> TextColumnSet(Statement& stmt) {
  std::set<std::string> out;
  for (;;) {
    auto row = stmt.Step();
    if (!row) return row.error();
    if (!*row) break;
    out.insert(stmt.Text(0));
  }
  return out;
}

// Cuts at a UTF-8 character boundary at or below `max` bytes.
std::string CapUtf8(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

core::Result<std::unique_ptr<ArticleStore>> ArticleStore::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  std::unique_ptr<ArticleStore> store(new ArticleStore(db));
  if (rc != SQLITE_OK) return SqliteError(db, "articles: cannot open '" + path + "'");
  sqlite3_busy_timeout(db, 5000);
  if (auto s = Exec(db, "PRAGMA foreign_keys=ON;", "articles: pragmas"); !s) return s.error();
  auto probe = Statement::Prepare(db, "SELECT count(*) FROM articles WHERE 0");
  if (!probe) {
    return core::MakeError("store: '" + path +
                           "': no articles table (open it with the store first to migrate)");
  }
  return store;
}

ArticleStore::~ArticleStore() { sqlite3_close(db_); }

core::Result<std::vector<std::string>> ArticleStore::UnknownUrls(
    const std::string& target_id, const std::vector<std::string>& urls) {
  auto stmt = Statement::Prepare(db_, "SELECT 1 FROM articles WHERE target_id = ?1 AND url = ?2");
  if (!stmt) return stmt.error();
  std::vector<std::string> unknown;
  for (const auto& url : urls) {
    stmt->Reset();
    stmt->Bind(1, target_id);
    stmt->Bind(2, url);
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) unknown.push_back(url);
  }
  stmt->Reset();
  return unknown;
}

core::Status ArticleStore::Put(const ArticleRecord& a) {
  auto stmt = Statement::Prepare(
      db_,
      "INSERT INTO articles(target_id, site_id, url, list_title, title, published_at, "
      "provenance, source_raw, source_unit, doc_number, body, fetch_outcome, fetched_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
      "ON CONFLICT(target_id, url) DO UPDATE SET site_id = excluded.site_id, "
      "list_title = excluded.list_title, title = excluded.title, "
      "published_at = excluded.published_at, provenance = excluded.provenance, "
      "source_raw = excluded.source_raw, source_unit = excluded.source_unit, "
      "doc_number = excluded.doc_number, body = excluded.body, "
      "fetch_outcome = excluded.fetch_outcome, fetched_at = excluded.fetched_at");
  if (!stmt) return stmt.error();
  stmt->Bind(1, a.target_id);
  stmt->Bind(2, a.site_id);
  stmt->Bind(3, a.url);
  stmt->Bind(4, a.list_title);
  stmt->Bind(5, a.title);
  if (a.published) {
    stmt->Bind(6, Seconds(a.published->time));
    stmt->Bind(7, core::ToString(a.published->provenance));
  } else {
    stmt->BindNull(6);
    stmt->BindNull(7);
  }
  stmt->Bind(8, a.source_raw);
  stmt->Bind(9, a.source_unit);
  stmt->Bind(10, a.doc_number);
  stmt->Bind(11, CapUtf8(a.text, kMaxTextBytes));
  stmt->Bind(12, a.fetch_outcome);
  stmt->Bind(13, Seconds(a.fetched_at));
  if (auto s = stmt->Run(); !s) return s.error().WithContext("store: put article");
  return {};
}

core::Result<std::vector<ArticleRecord>> ArticleStore::Articles(
    const std::optional<std::string>& site_id) {
  auto stmt = Statement::Prepare(
      db_,
      "SELECT target_id, site_id, url, list_title, title, published_at, provenance, source_raw, "
      "source_unit, doc_number, body, fetch_outcome, fetched_at FROM articles "
      "WHERE ?1 IS NULL OR site_id = ?1 "
      "ORDER BY published_at IS NULL, published_at, url, target_id");
  if (!stmt) return stmt.error();
  if (site_id) {
    stmt->Bind(1, *site_id);
  } else {
    stmt->BindNull(1);
  }
  std::vector<ArticleRecord> out;
  for (;;) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    ArticleRecord a;
    a.target_id = stmt->Text(0);
    a.site_id = stmt->Text(1);
    a.url = stmt->Text(2);
    a.list_title = stmt->Text(3);
    a.title = stmt->Text(4);
    if (!stmt->IsNull(5)) {
      a.published = core::DatedTime{
          FromSeconds(stmt->Int(5)),
          core::ParseDateProvenance(stmt->Text(6)).value_or(core::DateProvenance::kFirstSeen)};
    }
    a.source_raw = stmt->Text(7);
    a.source_unit = stmt->Text(8);
    a.doc_number = stmt->Text(9);
    a.text = stmt->Text(10);
    a.fetch_outcome = stmt->Text(11);
    a.fetched_at = FromSeconds(stmt->Int(12));
    out.push_back(std::move(a));
  }
  return out;
}

core::Result<std::vector<ListedItem>> ArticleStore::ListedItems(core::Timestamp from,
                                                                core::Timestamp to) {
  auto stmt = Statement::Prepare(
      db_,
      "SELECT i.target_id, t.parent, i.url, i.title, i.published_at, "
      "a.fetch_outcome, coalesce(a.source_raw, ''), coalesce(a.source_unit, '') "
      "FROM items i JOIN targets t ON t.id = i.target_id "
      "LEFT JOIN articles a ON a.target_id = i.target_id AND a.url = i.url "
      "WHERE t.kind = 'column' AND i.published_at >= ?1 AND i.published_at < ?2 "
      "ORDER BY i.target_id, i.published_at, i.url");
  if (!stmt) return stmt.error();
  stmt->Bind(1, Seconds(from));
  stmt->Bind(2, Seconds(to));
  std::vector<ListedItem> out;
  for (;;) {
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!*row) break;
    ListedItem item;
    item.target_id = stmt->Text(0);
    item.site_id = stmt->Text(1);
    item.url = stmt->Text(2);
    item.title = stmt->Text(3);
    item.published = FromSeconds(stmt->Int(4));
    item.article_fetched = !stmt->IsNull(5) && stmt->Text(5) == "ok";
    item.source_raw = stmt->Text(6);
    item.source_unit = stmt->Text(7);
    out.push_back(std::move(item));
  }
  return out;
}

core::Result<std::set<std::string>> ArticleStore::ObservedTargets(core::Timestamp from,
                                                                 core::Timestamp to) {
  auto stmt = Statement::Prepare(
      db_,
      "SELECT DISTINCT target_id FROM observations WHERE started_at >= ?1 AND started_at < ?2 "
      "UNION SELECT DISTINCT target_id FROM observation_daily "
      "WHERE day >= ?1 / 86400 AND day < (?2 + 86399) / 86400");
  if (!stmt) return stmt.error();
  stmt->Bind(1, Seconds(from));
  stmt->Bind(2, Seconds(to));
  return TextColumnSet(*stmt);
}

core::Result<std::set<std::string>> ArticleStore::CrawledSites(core::Timestamp from,
                                                               core::Timestamp to) {
  auto stmt = Statement::Prepare(
      db_, "SELECT DISTINCT site_id FROM crawl_runs WHERE started_at >= ?1 AND started_at < ?2");
  if (!stmt) return stmt.error();
  stmt->Bind(1, Seconds(from));
  stmt->Bind(2, Seconds(to));
  return TextColumnSet(*stmt);
}

}  // namespace govwatch::store
