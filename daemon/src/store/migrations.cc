#include "store/migrations.h"

#include <array>

namespace govwatch::store {
namespace {

constexpr std::string_view kV1 = R"sql(
CREATE TABLE targets (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('site', 'column', 'account')),
  parent TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE observations (
  id INTEGER PRIMARY KEY,
  target_id TEXT NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  started_at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  http_status INTEGER,
  bytes INTEGER NOT NULL DEFAULT 0,
  item_count INTEGER,
  detail TEXT NOT NULL DEFAULT ''
) STRICT;
-- LatestObservation.
CREATE INDEX observations_by_target_time ON observations(target_id, started_at);
-- LastUpdate: the first successful observation of a target.
CREATE INDEX observations_ok_by_target_time ON observations(target_id, started_at)
  WHERE outcome = 'ok';

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  target_id TEXT NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  published_at INTEGER,
  provenance TEXT,
  pinned INTEGER NOT NULL DEFAULT 0,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  UNIQUE (target_id, url)
) STRICT;
-- LastUpdate: newest dated item.
CREATE INDEX items_by_target_published ON items(target_id, published_at);
-- LastUpdate: newest undated item.
CREATE INDEX items_undated_by_target_first_seen ON items(target_id, first_seen_at)
  WHERE published_at IS NULL;

CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  target_id TEXT NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL DEFAULT '',
  check_name TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  evidence_url TEXT NOT NULL DEFAULT '',
  last_update_at INTEGER,
  last_update_provenance TEXT,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  resolved_at INTEGER
) STRICT;
-- At most one open finding per key (DESIGN.md §6); also ReplaceOpenFindings by target.
CREATE UNIQUE INDEX findings_open_key ON findings(target_id, check_name, subject)
  WHERE resolved_at IS NULL;
-- Findings filtered by unit (digests, reports).
CREATE INDEX findings_by_unit ON findings(unit_id, resolved_at);
)sql";

// Issue 3: availability and retention. `network_down` marks a failed observation that the
// monitoring host's own network caused (see schedule/network_watch.h); availability does not
// charge it to the site. observation_daily keeps per-day probe counts of pruned observations.
constexpr std::string_view kV2 = R"sql(
ALTER TABLE observations ADD COLUMN network_down INTEGER NOT NULL DEFAULT 0;
-- PruneObservations and MarkNetworkDown: observations by time across targets.
CREATE INDEX observations_by_time ON observations(started_at);

CREATE TABLE observation_daily (
  target_id TEXT NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  day INTEGER NOT NULL,            -- UTC day number: started_at / 86400
  probes INTEGER NOT NULL,         -- observations not flagged network_down
  failures INTEGER NOT NULL,       -- of those, outcome <> 'ok'
  network_down INTEGER NOT NULL,   -- observations flagged network_down
  PRIMARY KEY (target_id, day)
) STRICT;
)sql";

// Issue 8: article pages of column items (store/article_store.h) — the input of the disclosure
// statistics (by 来源 unit), the policy-interpretation check (文号, title, text) and content
// checks. One row per (column target, URL), also when the fetch failed (fetch_outcome), so a
// failing page is not fetched again every run.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  target_id TEXT NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  site_id TEXT NOT NULL,
  url TEXT NOT NULL,
  list_title TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  published_at INTEGER,
  provenance TEXT,
  source_raw TEXT NOT NULL DEFAULT '',
  source_unit TEXT NOT NULL DEFAULT '',  -- Unit::id the 来源 matched; '' when none did
  doc_number TEXT NOT NULL DEFAULT '',   -- normalised 文号
  body TEXT NOT NULL DEFAULT '',
  fetch_outcome TEXT NOT NULL,           -- 'ok' or the fetch failure reason
  fetched_at INTEGER NOT NULL,
  UNIQUE (target_id, url)
) STRICT;
-- Reports: articles of a period.
CREATE INDEX articles_by_published ON articles(published_at);
)sql";

constexpr std::array<Migration, 3> kMigrations{{
    {1, "targets, observations, items, findings", kV1},
    {2, "observations.network_down, observation_daily", kV2},
    {3, "articles", kV3},
}};

}  // namespace

std::span<const Migration> SqliteMigrations() { return kMigrations; }

}  // namespace govwatch::store
