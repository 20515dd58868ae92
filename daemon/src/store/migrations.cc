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

// Issue 6: the link-check crawl. link_checks caches the result of checking one external URL
// (checked once, re-checked after crawl.external_check_ttl); crawl_runs records each crawl of a
// site, for the daily page budget and the link availability ratio. Read and written by
// crawl/link_store.h over its own connection.
constexpr std::string_view kLinkChecks = R"sql(
CREATE TABLE link_checks (
  url TEXT PRIMARY KEY,
  checked_at INTEGER NOT NULL,
  status INTEGER NOT NULL,           -- HTTP status of the last response; 0 when none
  failure TEXT NOT NULL,             -- fetch::FailureReason name; 'none' when reachable
  detail TEXT NOT NULL DEFAULT '',
  destination_class TEXT NOT NULL DEFAULT ''  -- gambling/porn/parked; '' when none or unread
) STRICT;

CREATE TABLE crawl_runs (
  id INTEGER PRIMARY KEY,
  site_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  requests INTEGER NOT NULL,         -- same-site requests, counted against the daily budget
  pages INTEGER NOT NULL,            -- pages parsed
  links INTEGER NOT NULL,            -- distinct link destinations checked
  broken INTEGER NOT NULL,
  availability REAL                  -- (links - broken) / links; NULL when no link was checked
) STRICT;
-- The daily budget and the latest ratio of a site.
CREATE INDEX crawl_runs_by_site_time ON crawl_runs(site_id, started_at);
)sql";

// Issue 4: the notification outbox (notify/outbox.h). One row per (channel, dedup_key); state
// pending → sent | dead. Pending rows are due from next_attempt_at on.
constexpr std::string_view kOutbox = R"sql(
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  dedup_key TEXT NOT NULL,
  recipients TEXT NOT NULL DEFAULT '',  -- Notification::to, one address per line
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  done_at INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  UNIQUE (channel, dedup_key)
) STRICT;
-- Deliverer: due pending messages in id order; Stats: oldest pending.
CREATE INDEX outbox_pending_due ON outbox(next_attempt_at) WHERE state = 'pending';
-- Stats, List, PruneSent by state.
CREATE INDEX outbox_by_state ON outbox(state, done_at);
)sql";

// Issue 4: alert lifecycle state (alert/alert_store.h). One row per episode of a finding key;
// at most one active (pending or firing) row per key. alert_meta holds the engine's small
// bookkeeping (the last daily digest date).
constexpr std::string_view kAlerts = R"sql(
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  target_id TEXT NOT NULL,
  check_name TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  unit_id TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  evidence_url TEXT NOT NULL DEFAULT '',
  last_update_at INTEGER,
  last_update_provenance TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
  started_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  observations INTEGER NOT NULL,
  fired_at INTEGER,
  resolved_at INTEGER,
  notified INTEGER NOT NULL DEFAULT 0,
  reminders INTEGER NOT NULL DEFAULT 0,
  next_reminder_at INTEGER,
  UNIQUE (target_id, check_name, subject, started_at)
) STRICT;
-- Active alerts by target (every observation); at most one per key.
CREATE UNIQUE INDEX alerts_active_key ON alerts(target_id, check_name, subject)
  WHERE state <> 'resolved';
-- govwatch alerts --state/--unit, digests.
CREATE INDEX alerts_by_state_unit ON alerts(state, unit_id);
CREATE INDEX alerts_by_resolved_at ON alerts(resolved_at) WHERE resolved_at IS NOT NULL;

CREATE TABLE alert_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
)sql";

// Issue 8: article pages of column items (store/article_store.h) — the input of the disclosure
// statistics (by 来源 unit), the policy-interpretation check (文号, title, text) and content
// checks. One row per (column target, URL), also when the fetch failed (fetch_outcome), so a
// failing page is not fetched again every run.
constexpr std::string_view kArticles = R"sql(
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

// Integration round: Finding::details, the labelled parts of a finding (JSON object of strings,
// in the check's order) that tables read instead of parsing the message (report annex 6); and
// articles by site, for the policy-interpretation step of the daemon.
constexpr std::string_view kFindingDetails = R"sql(
ALTER TABLE findings ADD COLUMN details TEXT NOT NULL DEFAULT '';
-- Site checks over stored articles (policy interpretation after each article stage).
CREATE INDEX articles_by_site ON articles(site_id);
)sql";

constexpr std::array<Migration, 7> kMigrations{{
    {1, "targets, observations, items, findings", kV1},
    {2, "observations.network_down, observation_daily", kV2},
    {3, "link_checks, crawl_runs", kLinkChecks},
    {4, "outbox (notifications)", kOutbox},
    {5, "alerts, alert_meta", kAlerts},
    {6, "articles", kArticles},
    {7, "findings.details, articles_by_site", kFindingDetails},
}};

}  // namespace

std::span<const Migration> SqliteMigrations() { return kMigrations; }

}  // namespace govwatch::store
