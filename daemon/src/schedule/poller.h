// Poller: one pass over a set of targets — fetch, extract, store, check (DESIGN.md §3). The
// `govwatch probe` command runs one pass; the daemon's scheduler (issue 3) runs passes per target
// on a timetable.
//
// The only I/O is behind the two seams it is given: a FetchFn (production: fetch::FetchAll) and
// a store::Store. Extraction and checks are the pure functions of `extract` and `checks`.
// Thread-safety: none; one pass at a time per Store.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks/account_observation.h"
#include "checks/account_stats.h"
#include "checks/availability.h"
#include "checks/check_result.h"
#include "checks/site_aggregate.h"
#include "checks/source_error.h"
#include "config/config.h"
#include "core/model.h"
#include "core/result.h"
#include "core/time.h"
#include "extract/messages.h"
#include "fetch/http_client.h"
#include "sources/source.h"
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
  // Account targets (issue 7): what the account rules read (posts with texts and links, the
  // Weibo profile, the WeChat menu, link probes), and the statistics for metrics (filled by the
  // store step, from this read and the stored last update).
  std::optional<checks::AccountObservation> account;
  std::optional<checks::AccountStats> account_stats;
  // Interaction columns (issue 6, 互动回应差): the message list read from this response; nullopt
  // when none was read (unreadable or unchanged page), with the reason in messages_failure.
  std::optional<std::vector<extract::Message>> messages;
  std::string messages_failure;
};

struct PassResult {
  std::vector<TargetOutcome> outcomes;   // in target order
  std::vector<core::Finding> findings;   // every open finding of the pass, site by site, then
                                         // the content findings of articles and posts
  int unknown_checks = 0;                // checks that answered "unknown"
};

using FetchFn = std::function<std::vector<fetch::Response>(std::vector<fetch::Request>)>;
// Reads accounts through their sources (production: sources::ReadAccounts); results in order.
using AccountReadFn =
    std::function<std::vector<sources::AccountRead>(std::vector<const config::Account*>)>;

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

// Consecutive unreadable reads per account, for the source_error check. The scheduler keeps one
// for its lifetime; a probe pass starts one from the store (Seed). Not thread-safe.
class SourceHealthBook {
 public:
  // A read of `account` ended: readable resets its count, a failure adds one.
  void Record(const config::Account& account, bool readable, const std::string& reason,
              core::Timestamp now);
  // A lower bound from history (1 when the latest stored observation failed), so a pass sees
  // failures that began earlier; ignored once the account has a record.
  void Seed(const config::Account& account, int failures, const std::string& reason);
  // The health of every account of `config` on `platform` that has a record.
  std::vector<checks::SourceHealth> For(const config::Config& config,
                                        core::Platform platform) const;

 private:
  struct Entry {
    int failures = 0;
    std::string reason;
    std::optional<core::Timestamp> since;
  };
  std::map<std::string, Entry> entries_;
};

// Like RunPass, with every account target read through `read_accounts` (the source adapters)
// instead of `fetch`, the account rules run on each account observation, and the source_error
// check per platform of the accounts in `targets`, counted in `health`.
core::Result<PassResult> RunPass(const config::Config& config, const std::vector<Target>& targets,
                                 const FetchFn& fetch, const AccountReadFn& read_accounts,
                                 SourceHealthBook& health, store::Store& store,
                                 core::Timestamp now);
// The same, then the article stage (schedule/articles.h) for each readable column target.
core::Result<PassResult> RunPass(const config::Config& config, const std::vector<Target>& targets,
                                 const FetchFn& fetch, const AccountReadFn& read_accounts,
                                 SourceHealthBook& health, store::Store& store, core::Timestamp now,
                                 const ArticleOptions& articles);

// Pure: an account target's outcome from its source's read. `items_seen_before` is the store's
// item count before this read: a readable read with no post where posts existed before is
// unreadable ("empty_list") — a list that empties is a broken source, not a silent account.
TargetOutcome ReadAccount(const Target& target, sources::AccountRead read, core::Timestamp now,
                          std::int64_t items_seen_before);

// The store step for an account outcome from ReadAccount (used by RunPass and the scheduler):
// applies the empty-list rule against the store, then records like RememberOutcome and fills
// o.account_stats. Error only when the store fails.
core::Status RememberAccountOutcome(store::Store& store, TargetOutcome& o, std::int64_t bytes,
                                    const std::string& final_url, core::Timestamp now,
                                    bool network_down = false);


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

// Pure: the interaction_response check (互动回应差) of an interaction column's outcome; nullopt
// for other targets. `unknown` when the message list could not be read.
std::optional<TargetCheck> CheckInteraction(const config::Config& config, const TargetOutcome& o,
                                            core::Timestamp now);

// Pure: the site aggregate over one outcome per column of `site`, as a TargetCheck on the site.
TargetCheck CheckSite(const config::Config& config, const config::Site& site,
                      const std::vector<checks::ColumnOutcome>& columns);

// Pure: the account rules beyond freshness for one account outcome — account_closed,
// account_duplicate, account_commercial, and wechat_menu / weibo_profile_link when the source
// read a menu / profile. One TargetCheck per rule (scope = that rule).
std::vector<TargetCheck> CheckAccountRules(const config::Config& config, const TargetOutcome& o);

// Pure: the source_error check of `platform` as a TargetCheck on its pseudo target.
TargetCheck CheckSourceHealth(const config::Config& config, const SourceHealthBook& health,
                              core::Platform platform);

// The store step for CheckSourceHealth: upserts the pseudo target, replaces its findings.
core::Status RememberSourceHealth(store::Store& store, const TargetCheck& check,
                                  core::Platform platform, core::Timestamp now);

}  // namespace govwatch::schedule
