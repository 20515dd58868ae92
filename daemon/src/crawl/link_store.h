// LinkStore: the crawl's durable state in the govwatch database — the external link cache
// (link_checks) and the record of crawls (crawl_runs) that the daily page budget and the link
// availability ratio read. Its own sqlite3 connection to the file that store::SqliteStore has
// created and migrated (migration 3); open the SqliteStore first.
//
// Errors come back as core::Error starting with "crawl store: ". Not thread-safe: one owner
// serialises calls (the crawler calls it from its own executor only).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"

struct sqlite3;

namespace govwatch::crawl {

// The outcome of checking one URL, as cached.
struct LinkCheck {
  core::Timestamp checked_at{};
  int status = 0;                  // HTTP status of the last response; 0 when none
  std::string failure = "none";    // fetch::ToString(FailureReason)
  std::string detail;
  std::string destination_class;   // "gambling", "porn", "parked"; "" when none or not read
};

struct CrawlRun {
  std::string site_id;
  core::Timestamp started_at{};
  core::Timestamp finished_at{};
  std::int64_t requests = 0;  // same-site requests, against the daily budget
  std::int64_t pages = 0;
  std::int64_t links = 0;
  std::int64_t broken = 0;
  std::optional<double> availability;
};

class LinkStore {
 public:
  // Opens `path` (the govwatch database, already migrated to a schema with link_checks).
  static core::Result<std::unique_ptr<LinkStore>> Open(const std::string& path);
  ~LinkStore();
  LinkStore(const LinkStore&) = delete;
  LinkStore& operator=(const LinkStore&) = delete;

  // The cached check of `url` if it is younger than `ttl` at `now`.
  core::Result<std::optional<LinkCheck>> FreshCheck(const std::string& url, core::Timestamp now,
                                                    std::chrono::seconds ttl);
  // Inserts or replaces cached checks, in one transaction.
  core::Status SaveChecks(const std::vector<std::pair<std::string, LinkCheck>>& checks);
  core::Status RecordRun(const CrawlRun& run);
  // Same-site requests of `site_id`'s crawls started in [from, to).
  core::Result<std::int64_t> RequestsBetween(const std::string& site_id, core::Timestamp from,
                                             core::Timestamp to);
  // The newest crawl of the site, or nullopt.
  core::Result<std::optional<CrawlRun>> LatestRun(const std::string& site_id);

 private:
  explicit LinkStore(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace govwatch::crawl
