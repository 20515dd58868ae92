// ArticleStore: the article pages of column items (issue 8) on their own SQLite connection to the
// store's database file — 来源 unit, 文号, title, date and text of each article govwatch read —
// and the read side the quarterly report needs (items listed per column per period, joined with
// their article). Kept apart from store::Store so the core store interface stays small; the
// `articles` table is created by the store's migrations (migration 3), so open the database with
// SqliteStore::Open first.
//
// Failures come back as an Error whose message starts with "store: ".
// Thread-safety: one connection; not thread-safe. The scheduler uses it on its store thread only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "core/time.h"

struct sqlite3;

namespace govwatch::store {

// One article page as read (or as attempted: fetch_outcome other than "ok").
struct ArticleRecord {
  std::string target_id;   // the column target ("site/column") that listed it
  std::string site_id;
  std::string url;
  std::string list_title;  // the title in the list page
  std::string title;       // the title on the article page ("" when not read)
  std::optional<core::DatedTime> published;  // article date, else the list date
  std::string source_raw;   // 来源 as printed
  std::string source_unit;  // Unit::id the 来源 matched; "" when none did
  std::string doc_number;   // normalised 文号; "" when none
  std::string text;         // main text (capped at kMaxTextBytes)
  std::string fetch_outcome = "ok";
  core::Timestamp fetched_at{};

  bool fetched() const { return fetch_outcome == "ok"; }
};

// One item a column's list page showed, with its article when one was read.
struct ListedItem {
  std::string target_id;  // column target
  std::string site_id;    // the column's parent site
  std::string url;
  std::string title;
  std::optional<core::Timestamp> published;
  bool article_fetched = false;
  std::string source_raw;   // from the article; "" when not fetched
  std::string source_unit;  // from the article; "" when not fetched or unmatched
};

class ArticleStore {
 public:
  // Text beyond this is cut (at a UTF-8 boundary): matching needs the opening paragraphs.
  static constexpr std::size_t kMaxTextBytes = 64 * 1024;

  // Opens its own connection to the database at `path` (which SqliteStore::Open has migrated).
  // Error when the file cannot be opened or has no `articles` table.
  static core::Result<std::unique_ptr<ArticleStore>> Open(const std::string& path);
  ~ArticleStore();
  ArticleStore(const ArticleStore&) = delete;
  ArticleStore& operator=(const ArticleStore&) = delete;

  // Of `urls`, those with no article row for `target_id` yet (in the given order).
  core::Result<std::vector<std::string>> UnknownUrls(const std::string& target_id,
                                                     const std::vector<std::string>& urls);

  // Inserts or replaces the row of (target_id, url).
  core::Status Put(const ArticleRecord& article);

  // Every article row (of one site when `site_id` is given), ordered by published time
  // (undated last), then URL.
  core::Result<std::vector<ArticleRecord>> Articles(
      const std::optional<std::string>& site_id = std::nullopt);

  // Items of column targets with a publish date in [from, to), joined with their article rows;
  // ordered by target, published, URL.
  core::Result<std::vector<ListedItem>> ListedItems(core::Timestamp from, core::Timestamp to);

  // Ids of the targets with at least one observation (any outcome) in [from, to) — "checked in
  // the period" for the report. Pruned observations count through their daily roll-ups.
  core::Result<std::set<std::string>> ObservedTargets(core::Timestamp from, core::Timestamp to);

  // Ids of the sites with a link-check crawl (crawl_runs) started in [from, to) — "links checked
  // in the period" for the report, also when the crawl found nothing.
  core::Result<std::set<std::string>> CrawledSites(core::Timestamp from, core::Timestamp to);

 private:
  explicit ArticleStore(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace govwatch::store
