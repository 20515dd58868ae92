// Poller: one pass over a set of targets — fetch, extract, store, check (DESIGN.md §3). The
// `govwatch probe` command runs one pass; the daemon's scheduler (issue 3) runs passes per target
// on a timetable.
//
// The only I/O is behind the two seams it is given: a FetchFn (production: fetch::FetchAll) and
// a store::Store. Extraction and checks are the pure functions of `extract` and `checks`.
// Thread-safety: none; one pass at a time per Store.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "checks/availability.h"
#include "checks/check_result.h"
#include "checks/site_aggregate.h"
#include "config/config.h"
#include "core/model.h"
#include "core/result.h"
#include "core/time.h"
#include "fetch/http_client.h"
#include "store/store.h"

namespace govwatch::schedule {

// One URL that is read on its own: a site's homepage, a column list page or an account feed.
struct Target {
  store::TargetKind kind = store::TargetKind::kSite;
  std::string id;  // store/finding id: "site", "site/column" or the account id
  const config::Site* site = nullptr;        // homepage and column targets
  const config::Column* column = nullptr;    // column targets
  const config::Account* account = nullptr;  // account targets
  std::string url;
};

// Expands target ids given on a command line: "all", a site id (its homepage and every column),
// "SITE/COLUMN", an account id. Duplicates are dropped, order is kept. Error names every unknown
// id. The pointers refer into `config`, which must outlive the targets.
core::Result<std::vector<Target>> ResolveTargets(const config::Config& config,
                                                 const std::vector<std::string>& ids);

// What one target looked like in this pass.
struct TargetOutcome {
  Target target;
  core::Timestamp probed_at{};  // when the fetch was judged (the pass's `now`)
  bool readable = false;
  std::string failure;         // when !readable: "timeout", "blocked", "http_status", "parse", …
  std::string failure_detail;  // English, for logs and JSON
  int http_status = 0;
  std::chrono::milliseconds elapsed{0};
  // The failure was the monitoring host's network (schedule/network_watch.h), not the target's;
  // set by the scheduler, read by the alert engine's upstream grouping.
  bool network_down = false;
  std::vector<core::Item> items;                // read in this pass
  std::optional<core::DatedTime> last_update;   // from the store: over all history
  std::int64_t items_ever_seen = 0;
};

struct PassResult {
  std::vector<TargetOutcome> outcomes;   // in target order
  std::vector<core::Finding> findings;   // every open finding of the pass, site by site
  int unknown_checks = 0;                // checks that answered "unknown"
};

using FetchFn = std::function<std::vector<fetch::Response>(std::vector<fetch::Request>)>;

struct ArticleOptions;  // schedule/articles.h

// Reads every target through `fetch`, records observations and items, runs the freshness checks
// (site aggregates only for sites whose homepage and columns were all in `targets`) and makes
// their findings the open ones in the store. Error only when the store fails.
core::Result<PassResult> RunPass(const config::Config& config, const std::vector<Target>& targets,
                                 const FetchFn& fetch, store::Store& store, core::Timestamp now);
// The same, then the article stage (schedule/articles.h) for each readable column target.
core::Result<PassResult> RunPass(const config::Config& config, const std::vector<Target>& targets,
                                 const FetchFn& fetch, store::Store& store, core::Timestamp now,
                                 const ArticleOptions& articles);

// The pure step between fetch and store: turns a response into items, or a failure. A page
// that was fetched but is a feed that does not parse, or a list page with an invalid configured
// XPath, is a failure ("parse").
TargetOutcome ReadResponse(const Target& target, const fetch::Response& response,
                           core::Timestamp now);

// The store step for one target (used by RunPass and the scheduler): upserts the target, records
// the observation (with its items when readable; `network_down` only marks a failure) and fills
// o.last_update and o.items_ever_seen from the store. Error only when the store fails.
core::Status RememberOutcome(store::Store& store, TargetOutcome& o,
                             const fetch::Response& response, core::Timestamp now,
                             bool network_down = false);

// The freshness verdict for one remembered outcome, and where its findings belong.
struct TargetCheck {
  std::string target_id;           // the target whose open findings `result` replaces
  std::vector<std::string> scope;  // the checks those findings replace
  checks::CheckResult result;
  std::optional<checks::ColumnOutcome> column;  // column targets: input of the site aggregate
  // Availability checks: the probe counts the verdict was made from (for the ratio metric).
  std::optional<checks::AvailabilityInput> availability;
};

// Pure: homepage, column (freshness + blank) or account freshness for `o`.
TargetCheck CheckOutcome(const config::Config& config, const TargetOutcome& o,
                         core::Timestamp now);

// Pure: the site aggregate over one outcome per column of `site`, as a TargetCheck on the site.
TargetCheck CheckSite(const config::Config& config, const config::Site& site,
                      const std::vector<checks::ColumnOutcome>& columns);

}  // namespace govwatch::schedule
