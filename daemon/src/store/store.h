// Store: the durable memory of govwatch — targets, every observation, every item ever seen, and
// the open/resolved findings (DESIGN.md §3). An interface, so that the PostgreSQL backend of
// DESIGN.md §7 is an addition; SqliteStore is the production implementation.
//
// Contract shared by every implementation:
//   - Every operation is atomic: it either happens completely or not at all, also across a
//     crash of the process.
//   - Times are UTC instants with second precision.
//   - Rows refer to targets: UpsertTarget a target before recording anything about it.
//   - Failures (I/O, constraint violations, bad arguments) come back as an Error whose message
//     starts with "store: ".
// Thread-safety: an implementation is not required to be thread-safe; the owner serialises calls
// (DESIGN.md: blocking work runs on a small pool owned by the adapter).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "core/time.h"

namespace govwatch::store {

enum class TargetKind { kSite, kColumn, kAccount };
std::string_view ToString(TargetKind kind);

// Something govwatch observes. A site's homepage is the site target itself.
struct TargetRecord {
  std::string id;      // "site", "site/column" or the account id
  TargetKind kind = TargetKind::kSite;
  std::string parent;  // the site id for a column; "" otherwise
  std::string unit;    // Unit::id
  std::string name;
  std::string url;     // homepage, column URL or account feed URL
};

// One attempt to read a target.
struct Observation {
  static constexpr char kOk[] = "ok";

  core::Timestamp started_at;
  std::chrono::milliseconds duration{0};
  std::string outcome = kOk;        // "ok" or the failure reason ("timeout", "blocked", …)
  std::optional<int> http_status;   // when a response arrived
  std::int64_t bytes = 0;           // body bytes after decompression
  std::string detail;               // free text for people (error text, final URL, …)
  // The failure was the monitoring host's network, not the target's (canary down, or every
  // fetch of that minute failed): availability does not count it. Only for failed observations.
  bool network_down = false;

  bool ok() const { return outcome == kOk; }
};

struct StoredObservation {
  std::int64_t id = 0;
  std::string target_id;
  Observation observation;
  std::optional<std::int64_t> item_count;  // number of items read; nullopt when it failed
};

struct LastUpdateOptions {
  // Count an undated item at the time it was first seen, when that is after the target's first
  // successful observation (then it is a genuinely new item). The homepage rule does not count
  // undated items, so it turns this off.
  bool include_first_seen = true;
  // Count items marked pinned (置顶). Account freshness turns this off.
  bool include_pinned = true;
};

// Availability input: the observations of one target in a time window.
struct ProbeCounts {
  std::int64_t probes = 0;        // observations not flagged network_down
  std::int64_t failures = 0;      // of those: failed, or took at least the slow threshold
  std::int64_t network_down = 0;  // observations excluded as the monitoring host's failure
  std::optional<core::Timestamp> first_probe;  // earliest observation in the window, any kind
};

// Per-day counts kept when raw observations are pruned (UTC days).
struct DailyRollup {
  std::int64_t day = 0;  // days since 1970-01-01 UTC
  std::int64_t probes = 0;
  std::int64_t failures = 0;  // outcome other than "ok" (no slow threshold: it is not known here)
  std::int64_t network_down = 0;
};

struct StoredFinding {
  std::int64_t id = 0;
  core::Finding finding;
  core::Timestamp first_seen_at;
  core::Timestamp last_seen_at;
  std::optional<core::Timestamp> resolved_at;
};

struct FindingFilter {
  std::optional<std::string> target_id = std::nullopt;
  std::optional<std::string> unit_id = std::nullopt;
  std::optional<std::string> check = std::nullopt;
  bool include_resolved = false;
};

class Store {
 public:
  virtual ~Store() = default;

  // Inserts or replaces the target's descriptive fields; its history is kept.
  virtual core::Status UpsertTarget(const TargetRecord& target) = 0;

  // Records one observation and, in the same transaction, the items it read: a new URL is
  // inserted with first_seen = last_seen = observation.started_at; a known URL gets the new
  // title, pinned flag and last_seen, and takes the new date only when the stored one is null
  // or read from a weaker source (see DateStrength). A failed observation must carry no items.
  // Returns the observation's id.
  virtual core::Result<std::int64_t> RecordObservation(const std::string& target_id,
                                                       const Observation& observation,
                                                       const std::vector<core::Item>& items) = 0;

  // The newest update over everything ever seen at the target, with its provenance; nullopt
  // when nothing dated (or counted by first_seen) was ever seen. Survives list pages that drop
  // old items and failed observations, because items are never deleted.
  virtual core::Result<std::optional<core::DatedTime>> LastUpdate(
      const std::string& target_id, const LastUpdateOptions& options) = 0;

  // Distinct items ever seen at the target.
  virtual core::Result<std::int64_t> ItemCount(const std::string& target_id) = 0;

  // The most recent observation (by started_at, then insertion order), or nullopt.
  virtual core::Result<std::optional<StoredObservation>> LatestObservation(
      const std::string& target_id) = 0;

  // Makes `findings` the open findings of `target_id` for the checks in `checks` (all checks
  // when empty — the scope exists because a site's homepage and aggregate checks may run at
  // different times): a finding whose key (target, check, subject) is already open keeps its
  // first_seen and gets the new fields and last_seen = now; a new key opens with first_seen =
  // now; an open finding in scope that is not in `findings` gets resolved_at = now. Error when a
  // finding names another target, a check outside the scope, or repeats a key.
  virtual core::Status ReplaceOpenFindings(const std::string& target_id,
                                           const std::vector<std::string>& checks,
                                           const std::vector<core::Finding>& findings,
                                           core::Timestamp now) = 0;

  // Findings matching the filter, ordered by target, check, subject, first_seen.
  virtual core::Result<std::vector<StoredFinding>> Findings(const FindingFilter& filter) = 0;

  // Counts the target's observations with started_at in [from, to): see ProbeCounts. A
  // successful observation whose duration is >= slow_as_failure counts as a failure (the
  // national rule: a homepage that does not answer within 15 s is unavailable).
  virtual core::Result<ProbeCounts> CountProbes(const std::string& target_id,
                                                core::Timestamp from, core::Timestamp to,
                                                std::chrono::milliseconds slow_as_failure) = 0;

  // Flags every failed observation (any target) with started_at in [from, to) as network_down.
  // Returns how many rows changed. Idempotent.
  virtual core::Result<std::int64_t> MarkNetworkDown(core::Timestamp from, core::Timestamp to) = 0;

  // Deletes at most `batch_size` of the oldest observations with started_at < older_than, in one
  // short transaction that first adds them to the daily roll-ups (so availability history
  // survives). Returns the number deleted: a caller loops while it equals batch_size, letting
  // other work run between batches. Items and findings are never pruned.
  virtual core::Result<std::int64_t> PruneObservations(core::Timestamp older_than,
                                                       int batch_size) = 0;

  // The daily roll-ups of a target, by day ascending.
  virtual core::Result<std::vector<DailyRollup>> DailyRollups(const std::string& target_id) = 0;

  // The open findings matching the filter (its include_resolved is ignored).
  core::Result<std::vector<StoredFinding>> OpenFindings(FindingFilter filter) {
    filter.include_resolved = false;
    return Findings(filter);
  }
};

// Which of two dates for the same item to keep: smaller is stronger. Dates the item's own page
// states (article text, meta tags, script variables) beat list and feed dates, which beat the
// HTTP header (servers regenerate pages) and dates guessed from the URL; first_seen is weakest.
int DateStrength(core::DateProvenance provenance);

}  // namespace govwatch::store
