// Metrics: govwatch's metric families on a prometheus-cpp registry, and their text exposition.
//
// The composition root owns one Metrics and feeds it plain values (no dependency on schedule/,
// checks/ or store/); web/ serves Serialize() on GET /metrics. Every family has HELP text, uses
// base units, and is labelled only with ids and small enumerations — never a URL — so the number
// of series is bounded by the configuration, not by what the sites publish.
//
// Families (labels in braces; a label whose value is empty is left out, as Prometheus treats an
// empty label as absent):
//   govwatch_target_info{target,site,unit,kind,platform}  gauge, always 1: one series per target
//       carrying its descriptive labels (the "info metric" pattern). The per-target series below
//       carry `target` only; join for the rest, e.g.
//         govwatch_stale * on(target) group_left(site, unit, kind, platform) govwatch_target_info
//   govwatch_last_update_timestamp_seconds{target}  gauge; absent while no update date is known
//       for the target (an alert on `time() - x` must not fire on 0)
//   govwatch_stale{target}              gauge 0/1: the freshness check found the target stale
//   govwatch_probe_success{target}      gauge 0/1: the last probe fetched and parsed
//   govwatch_probe_duration_seconds{kind}      histogram: wall time of probes, by target kind
//   govwatch_open_findings{site,check,severity} gauge: open findings; site is a site or account id
//   govwatch_account_newest_post_timestamp_seconds{target}  gauge: newest non-pinned post
//   govwatch_account_longest_gap_seconds{target}  gauge: longest silence in the last 90 days
//   govwatch_account_posts_7d{target}, govwatch_account_posts_30d{target}  gauge: posts in the
//       last 7 / 30 days (of those the source lists)
//   govwatch_availability_ratio{site}          gauge: successful / all probes over the window
//   govwatch_link_availability_ratio{site}     gauge: working / checked distinct links of the
//       site's latest link-check crawl (issue 6)
//   govwatch_fetches_total{outcome}            counter: outcome "ok", "timeout", "dns", …
//   govwatch_scheduler_lag_seconds             gauge: how late the last due check started
//   govwatch_config_last_reload_successful     gauge 0/1
//   govwatch_config_last_reload_success_timestamp_seconds  gauge
//   govwatch_build_info{version}               gauge, always 1
//   govwatch_targets{kind}                     gauge: configured targets by kind
//   govwatch_notifications_total{channel,result}  counter: outbox deliveries; result "sent",
//       "failed" (a failed attempt) or "dead" (dead-lettered)
//   govwatch_outbox_pending                    gauge: messages waiting in the outbox
//   govwatch_outbox_oldest_pending_seconds     gauge: age of the oldest pending message; 0 if none
//   govwatch_outbox_dead_letters               gauge: dead-lettered messages kept in the outbox
//   govwatch_alerts_firing{severity}           gauge: alerts firing, by severity (alert/)
//
// Why the info pattern: a province has ~122,000 targets and prometheus-cpp stores every series'
// labels as its own std::map; five labels on each of four per-target families cost ~1.8 KB per
// target, most of the daemon's memory (issue 3, peak RSS ≤ 300 MB).
//
// `kind` is the column kind ("news", "notice", …), "homepage" for a site's home page, and
// "account" for a new-media account, whose platform ("wechat", "weibo", …) is in `platform`.
//
// Thread-safety: every method may be called from any thread. prometheus-cpp metrics and family
// add/remove are internally synchronised; the series bookkeeping here, including the callers'
// TargetSeries objects, is changed only under a mutex (a TargetSeries must outlive the calls
// that are given it).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace prometheus {
class Registry;
class Collectable;
class Gauge;
class Counter;
class Histogram;
template <typename T>
class Family;
}  // namespace prometheus

namespace govwatch::metrics {

// The identity of one monitored target (site home page, column or account) as metric labels.
struct TargetLabels {
  std::string target;    // target id: "site/column", site id, or account id
  std::string site;      // site id; empty for accounts that belong to no site
  std::string unit;      // unit id (单位)
  std::string kind;      // column kind, "homepage", or "account"
  std::string platform;  // accounts only: "wechat", "weibo", …; empty otherwise

  friend bool operator==(const TargetLabels&, const TargetLabels&) = default;
};

// (site or account id, check name, severity name) → number of open findings.
using FindingKey = std::tuple<std::string, std::string, std::string>;

class Metrics {
 public:
  // `version` goes into govwatch_build_info.
  explicit Metrics(std::string_view version);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // The whole registry in the Prometheus text exposition format 0.0.4.
  std::string Serialize() const;

  // The per-target series of one target. The caller holds one per target and passes it to every
  // RecordProbe of that target (no lookup map here: at ~122,000 targets a map keyed by id cost
  // ~110 B each). Opaque outside Metrics; a default-constructed one has no series yet. Copying it
  // copies the handles, so keep exactly one live copy per target.
  class TargetSeries {
   public:
    bool empty() const { return info_ == nullptr; }

   private:
    friend class Metrics;
    // A hash of the labels, not a copy, to notice a change.
    std::size_t labels_hash_ = 0;
    prometheus::Gauge* info_ = nullptr;
    prometheus::Gauge* last_update_ = nullptr;  // null while no update date is known
    prometheus::Gauge* stale_ = nullptr;
    prometheus::Gauge* success_ = nullptr;
  };

  // The outcome of one probe of the target `series` belongs to. The first call creates its series;
  // labels that changed since the last call (kind or site edited in a reload) replace its
  // govwatch_target_info series. The duration is observed into the histogram of `labels.kind`.
  // `last_update_unix` nullopt removes the last-update series: no date is known.
  void RecordProbe(TargetSeries& series, const TargetLabels& labels, bool success,
                   double duration_seconds, std::optional<double> last_update_unix, bool stale);
  // Removes every per-target series of `series` (its target left the configuration) and empties
  // it. No-op if it is empty.
  void RemoveTarget(TargetSeries& series);

  // Replaces govwatch_open_findings with `open`: keys absent from `open` (resolved findings)
  // disappear, keys with a count of 0 are exported as 0.
  void SetOpenFindings(const std::map<FindingKey, int>& open);

  // Sets one series of govwatch_open_findings; a count of 0 or less removes it. For callers that
  // track the counts themselves and change a few per event (the daemon, per target run).
  void SetOpenFindingCount(const FindingKey& key, int count);

  // Adds one to govwatch_fetches_total{outcome}.
  void CountFetch(std::string_view outcome);
  void SetSchedulerLag(double seconds);
  // ratio in [0, 1]; RemoveSite drops it when the site leaves the configuration.
  void SetAvailability(std::string_view site, double ratio);
  void RemoveSite(std::string_view site);
  // ratio in [0, 1] from the site's latest link-check crawl; RemoveSite drops it too.
  void SetLinkAvailability(std::string_view site, double ratio);
  // The account statistics of one account target (issue 7); newest_post_unix nullopt removes
  // that series. RemoveAccount drops all four when the account leaves the configuration.
  void SetAccountStats(std::string_view target, std::optional<double> newest_post_unix,
                       double longest_gap_seconds, int posts_7d, int posts_30d);
  void RemoveAccount(std::string_view target);
  // A configuration (re)load finished at `unix_time`: sets the success flag, and the success
  // timestamp only when `ok`.
  void RecordReload(bool ok, double unix_time);
  // Replaces govwatch_targets with the given counts by kind.
  void SetTargetCounts(const std::map<std::string, int>& by_kind);

  // Outbox delivery (notify/). Adds one to govwatch_notifications_total{channel,result}, or only
  // creates the series when `count` is false (so a channel's series exist at 0 from the start).
  void CountNotification(std::string_view channel, std::string_view result, bool count = true);
  void SetOutbox(double pending, double oldest_pending_seconds, double dead_letters);

  // Alerts (alert/): sets govwatch_alerts_firing{severity} for every severity given.
  void SetAlertsFiring(const std::map<std::string, int>& by_severity);

 private:
  prometheus::Histogram& DurationLocked(const std::string& kind);

  std::shared_ptr<prometheus::Registry> registry_;
  // Every gauge family in registration order (Serialize walks families one at a time).
  std::vector<const prometheus::Collectable*> gauge_families_;
  prometheus::Family<prometheus::Gauge>* last_update_;
  prometheus::Family<prometheus::Gauge>* stale_;
  prometheus::Family<prometheus::Gauge>* probe_success_;
  prometheus::Family<prometheus::Gauge>* target_info_;
  prometheus::Family<prometheus::Histogram>* probe_duration_;
  prometheus::Family<prometheus::Gauge>* open_findings_;
  prometheus::Family<prometheus::Gauge>* availability_;
  prometheus::Family<prometheus::Counter>* fetches_;
  prometheus::Family<prometheus::Gauge>* link_availability_;
  prometheus::Gauge* scheduler_lag_;
  prometheus::Gauge* reload_successful_;
  prometheus::Gauge* reload_success_time_;
  prometheus::Family<prometheus::Gauge>* targets_;
  prometheus::Family<prometheus::Gauge>* account_newest_;
  prometheus::Family<prometheus::Gauge>* account_gap_;
  prometheus::Family<prometheus::Gauge>* account_posts_7d_;
  prometheus::Family<prometheus::Gauge>* account_posts_30d_;

  mutable std::mutex mutex_;  // guards the maps below and callers' TargetSeries
  std::map<std::string, prometheus::Histogram*, std::less<>> duration_series_;  // by kind
  std::map<FindingKey, prometheus::Gauge*> finding_series_;
  std::map<std::string, prometheus::Gauge*, std::less<>> availability_series_;
  std::map<std::string, prometheus::Gauge*> target_count_series_;
  std::map<std::string, prometheus::Gauge*, std::less<>> link_availability_series_;

  // Outbox delivery; set in the constructor body.
  prometheus::Family<prometheus::Counter>* notifications_ = nullptr;
  prometheus::Gauge* outbox_pending_ = nullptr;
  prometheus::Gauge* outbox_oldest_pending_ = nullptr;
  prometheus::Gauge* outbox_dead_letters_ = nullptr;
  // Alerts; set in the constructor body.
  prometheus::Family<prometheus::Gauge>* alerts_firing_ = nullptr;
  struct AccountSeries {
    prometheus::Gauge* newest = nullptr;  // null while no post date is known
    prometheus::Gauge* gap = nullptr;
    prometheus::Gauge* posts_7d = nullptr;
    prometheus::Gauge* posts_30d = nullptr;
  };
  std::map<std::string, AccountSeries, std::less<>> account_series_;
};

}  // namespace govwatch::metrics
