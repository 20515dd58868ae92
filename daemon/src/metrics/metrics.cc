#include "metrics/metrics.h"

#include <algorithm>
#include <sstream>
#include <utility>
#include <vector>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/metric_family.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace govwatch::metrics {
namespace {

prometheus::Labels ToLabels(const TargetLabels& t) {
  prometheus::Labels labels;
  // Empty values are left out: Prometheus treats an empty label as absent, and columns have no
  // platform while unattached accounts have no site.
  auto put = [&labels](const char* name, const std::string& value) {
    if (!value.empty()) labels.emplace(name, value);
  };
  put("target", t.target);
  put("site", t.site);
  put("unit", t.unit);
  put("kind", t.kind);
  put("platform", t.platform);
  return labels;
}

std::size_t HashOf(const TargetLabels& t) {
  // Fields joined with a separator no id contains, so ("a", "bc") and ("ab", "c") differ.
  std::string joined;
  joined.reserve(t.target.size() + t.site.size() + t.unit.size() + t.kind.size() +
                 t.platform.size() + 4);
  for (const std::string* field : {&t.target, &t.site, &t.unit, &t.kind, &t.platform}) {
    joined += *field;
    joined += '\x1f';
  }
  return std::hash<std::string>{}(joined);
}

// Probe wall times: from a cached loopback page (ms) to the fetcher's 15 s availability limit and
// beyond (retries, slow hosts).
const prometheus::Histogram::BucketBoundaries& DurationBuckets() {
  static const prometheus::Histogram::BucketBoundaries buckets{0.05, 0.1, 0.25, 0.5, 1,
                                                               2.5,  5,   10,   15,  30};
  return buckets;
}

// Registers a gauge family and remembers it, in registration order, for Serialize.
prometheus::Family<prometheus::Gauge>& GaugeFamily(
    prometheus::Registry& registry, std::vector<const prometheus::Collectable*>& families,
    const char* name, const char* help) {
  auto& family = prometheus::BuildGauge().Name(name).Help(help).Register(registry);
  families.push_back(&family);
  return family;
}

}  // namespace

Metrics::Metrics(std::string_view version)
    : registry_(std::make_shared<prometheus::Registry>()),
      last_update_(&GaugeFamily(*registry_, gauge_families_,
                                "govwatch_last_update_timestamp_seconds",
                                "Unix time of the newest dated item of the target (column, "
                                "home page or account); absent while unknown.")),
      stale_(&GaugeFamily(*registry_, gauge_families_, "govwatch_stale",
                          "1 when the freshness check finds the target not updated within its "
                          "limit, else 0.")),
      probe_success_(&GaugeFamily(*registry_, gauge_families_, "govwatch_probe_success",
                                  "1 when the last probe of the target fetched and parsed its "
                                  "page, else 0.")),
      target_info_(&GaugeFamily(*registry_, gauge_families_, "govwatch_target_info",
                                "One series per monitored target with its site, unit, kind and "
                                "platform; always 1. Join on target.")),
      probe_duration_(&prometheus::BuildHistogram()
                           .Name("govwatch_probe_duration_seconds")
                           .Help("Wall time of probes (fetch and parse), by target kind.")
                           .Register(*registry_)),
      open_findings_(&GaugeFamily(*registry_, gauge_families_, "govwatch_open_findings",
                                  "Open findings by site or account, check and severity.")),
      availability_(&GaugeFamily(*registry_, gauge_families_, "govwatch_availability_ratio",
                                 "Successful probes divided by all probes of the site over the "
                                 "rolling availability window.")),
      fetches_(&prometheus::BuildCounter()
                    .Name("govwatch_fetches_total")
                    .Help("HTTP fetches by outcome (ok, timeout, dns, tls, http_status, ...).")
                    .Register(*registry_)),
      link_availability_(&GaugeFamily(*registry_, gauge_families_,
                                      "govwatch_link_availability_ratio",
                                      "Working divided by checked distinct links of the site's "
                                      "latest link-check crawl.")),
      scheduler_lag_(&GaugeFamily(*registry_, gauge_families_, "govwatch_scheduler_lag_seconds",
                                  "How late the most recently started due check began.")
                          .Add({})),
      reload_successful_(&GaugeFamily(*registry_, gauge_families_,
                                      "govwatch_config_last_reload_successful",
                                      "1 when the last configuration load succeeded, else 0.")
                              .Add({})),
      reload_success_time_(&GaugeFamily(*registry_, gauge_families_,
                                        "govwatch_config_last_reload_success_timestamp_seconds",
                                        "Unix time of the last successful configuration load.")
                               .Add({})),
      targets_(&GaugeFamily(*registry_, gauge_families_, "govwatch_targets",
                            "Configured targets by kind.")),
      account_newest_(&GaugeFamily(*registry_, gauge_families_,
                                   "govwatch_account_newest_post_timestamp_seconds",
                                   "Unix time of the account's newest non-pinned post.")),
      account_gap_(&GaugeFamily(*registry_, gauge_families_,
                                "govwatch_account_longest_gap_seconds",
                                "Longest silence between posts (or since the newest) in the "
                                "last 90 days.")),
      account_posts_7d_(&GaugeFamily(*registry_, gauge_families_, "govwatch_account_posts_7d",
                                     "Posts in the last 7 days among those the source lists.")),
      account_posts_30d_(&GaugeFamily(*registry_, gauge_families_, "govwatch_account_posts_30d",
                                      "Posts in the last 30 days among those the source "
                                      "lists.")) {
  GaugeFamily(*registry_, gauge_families_, "govwatch_build_info",
              "Build information; the value is always 1.")
      .Add({{"version", std::string(version)}})
      .Set(1);
  notifications_ = &prometheus::BuildCounter()
                        .Name("govwatch_notifications_total")
                        .Help("Outbox deliveries by channel and result: sent, failed (one failed "
                              "attempt), dead (dead-lettered).")
                        .Register(*registry_);
  outbox_pending_ = &GaugeFamily(*registry_, gauge_families_, "govwatch_outbox_pending",
                                 "Notifications waiting in the outbox.")
                         .Add({});
  outbox_oldest_pending_ =
      &GaugeFamily(*registry_, gauge_families_, "govwatch_outbox_oldest_pending_seconds",
                   "Age of the oldest pending notification in the outbox; 0 when none.")
           .Add({});
  outbox_dead_letters_ = &GaugeFamily(*registry_, gauge_families_, "govwatch_outbox_dead_letters",
                                      "Dead-lettered notifications kept in the outbox.")
                              .Add({});
  alerts_firing_ = &GaugeFamily(*registry_, gauge_families_, "govwatch_alerts_firing",
                                "Alerts firing, by severity (veto, deduction, warning, info).");
}

Metrics::~Metrics() = default;

std::string Metrics::Serialize() const {
  // Family by family rather than Registry::Collect(): a province's per-target families hold
  // ~122,000 series each, and collecting them all at once materialised every series of every
  // family as a ClientMetric with its own label strings (+240 MB at a scrape) before the first
  // byte was written. One family at a time bounds that to the largest family. The order is
  // Registry::Collect's (counters, gauges in registration order, histograms), so the page is the
  // same.
  std::vector<const prometheus::Collectable*> order;
  order.reserve(gauge_families_.size() + 2);
  order.push_back(fetches_);
  order.push_back(notifications_);
  order.insert(order.end(), gauge_families_.begin(), gauge_families_.end());
  order.push_back(probe_duration_);
  std::ostringstream out;
  const prometheus::TextSerializer serializer;
  for (const prometheus::Collectable* family : order) {
    std::vector<prometheus::MetricFamily> collected = family->Collect();
    // prometheus-cpp keeps series in a hash map; sorting by labels makes the page stable between
    // scrapes and across library versions, which people diffing it and golden tests rely on.
    for (auto& f : collected) {
      std::sort(f.metric.begin(), f.metric.end(),
                [](const prometheus::ClientMetric& a, const prometheus::ClientMetric& b) {
                  return a.label < b.label;
                });
    }
    serializer.Serialize(out, collected);
  }
  return std::move(out).str();
}

prometheus::Histogram& Metrics::DurationLocked(const std::string& kind) {
  auto it = duration_series_.find(kind);
  if (it == duration_series_.end()) {
    it = duration_series_
             .emplace(kind, &probe_duration_->Add({{"kind", kind}}, DurationBuckets()))
             .first;
  }
  return *it->second;
}

void Metrics::RecordProbe(TargetSeries& series, const TargetLabels& labels, bool success,
                          double duration_seconds, std::optional<double> last_update_unix,
                          bool stale) {
  const std::size_t hash = HashOf(labels);
  std::lock_guard lock(mutex_);
  if (series.info_ == nullptr) {
    const prometheus::Labels l{{"target", labels.target}};
    series.stale_ = &stale_->Add(l);
    series.success_ = &probe_success_->Add(l);
    series.info_ = &target_info_->Add(ToLabels(labels));
    series.info_->Set(1);
    series.labels_hash_ = hash;
  } else if (series.labels_hash_ != hash) {
    // Kind, site, unit or platform changed in a reload: only the info series carries them.
    target_info_->Remove(series.info_);
    series.info_ = &target_info_->Add(ToLabels(labels));
    series.info_->Set(1);
    series.labels_hash_ = hash;
  }
  series.stale_->Set(stale ? 1 : 0);
  series.success_->Set(success ? 1 : 0);
  DurationLocked(labels.kind).Observe(duration_seconds);
  if (last_update_unix) {
    if (series.last_update_ == nullptr) {
      series.last_update_ = &last_update_->Add({{"target", labels.target}});
    }
    series.last_update_->Set(*last_update_unix);
  } else if (series.last_update_ != nullptr) {
    last_update_->Remove(series.last_update_);
    series.last_update_ = nullptr;
  }
}

void Metrics::RemoveTarget(TargetSeries& series) {
  std::lock_guard lock(mutex_);
  if (series.info_ == nullptr) return;
  target_info_->Remove(series.info_);
  if (series.last_update_ != nullptr) last_update_->Remove(series.last_update_);
  stale_->Remove(series.stale_);
  probe_success_->Remove(series.success_);
  series = TargetSeries{};
}

void Metrics::SetOpenFindings(const std::map<FindingKey, int>& open) {
  std::lock_guard lock(mutex_);
  for (auto it = finding_series_.begin(); it != finding_series_.end();) {
    if (open.contains(it->first)) {
      ++it;
    } else {
      open_findings_->Remove(it->second);
      it = finding_series_.erase(it);
    }
  }
  for (const auto& [key, count] : open) {
    auto [it, inserted] = finding_series_.try_emplace(key, nullptr);
    if (inserted) {
      const auto& [site, check, severity] = key;
      it->second = &open_findings_->Add({{"site", site}, {"check", check}, {"severity", severity}});
    }
    it->second->Set(count);
  }
}

void Metrics::SetOpenFindingCount(const FindingKey& key, int count) {
  std::lock_guard lock(mutex_);
  auto it = finding_series_.find(key);
  if (count <= 0) {
    if (it != finding_series_.end()) {
      open_findings_->Remove(it->second);
      finding_series_.erase(it);
    }
    return;
  }
  if (it == finding_series_.end()) {
    const auto& [site, check, severity] = key;
    it = finding_series_
             .emplace(key, &open_findings_->Add(
                               {{"site", site}, {"check", check}, {"severity", severity}}))
             .first;
  }
  it->second->Set(count);
}

void Metrics::CountFetch(std::string_view outcome) {
  // Family::Add returns the existing counter for known labels; outcomes are a small fixed set.
  fetches_->Add({{"outcome", std::string(outcome)}}).Increment();
}

void Metrics::SetSchedulerLag(double seconds) { scheduler_lag_->Set(seconds); }

void Metrics::SetAvailability(std::string_view site, double ratio) {
  std::lock_guard lock(mutex_);
  auto it = availability_series_.find(site);
  if (it == availability_series_.end()) {
    it = availability_series_
             .emplace(std::string(site), &availability_->Add({{"site", std::string(site)}}))
             .first;
  }
  it->second->Set(ratio);
}

void Metrics::SetLinkAvailability(std::string_view site, double ratio) {
  std::lock_guard lock(mutex_);
  auto it = link_availability_series_.find(site);
  if (it == link_availability_series_.end()) {
    it = link_availability_series_
             .emplace(std::string(site), &link_availability_->Add({{"site", std::string(site)}}))
             .first;
  }
  it->second->Set(ratio);
}

void Metrics::RemoveSite(std::string_view site) {
  std::lock_guard lock(mutex_);
  if (auto link = link_availability_series_.find(site); link != link_availability_series_.end()) {
    link_availability_->Remove(link->second);
    link_availability_series_.erase(link);
  }
  auto it = availability_series_.find(site);
  if (it == availability_series_.end()) return;
  availability_->Remove(it->second);
  availability_series_.erase(it);
}

void Metrics::SetAccountStats(std::string_view target, std::optional<double> newest_post_unix,
                              double longest_gap_seconds, int posts_7d, int posts_30d) {
  std::lock_guard lock(mutex_);
  auto it = account_series_.find(target);
  if (it == account_series_.end()) {
    const std::map<std::string, std::string> labels = {{"target", std::string(target)}};
    AccountSeries series;
    series.gap = &account_gap_->Add(labels);
    series.posts_7d = &account_posts_7d_->Add(labels);
    series.posts_30d = &account_posts_30d_->Add(labels);
    it = account_series_.emplace(std::string(target), series).first;
  }
  AccountSeries& series = it->second;
  if (newest_post_unix) {
    if (series.newest == nullptr) series.newest = &account_newest_->Add({{"target", it->first}});
    series.newest->Set(*newest_post_unix);
  } else if (series.newest != nullptr) {
    account_newest_->Remove(series.newest);
    series.newest = nullptr;
  }
  series.gap->Set(longest_gap_seconds);
  series.posts_7d->Set(posts_7d);
  series.posts_30d->Set(posts_30d);
}

void Metrics::RemoveAccount(std::string_view target) {
  std::lock_guard lock(mutex_);
  auto it = account_series_.find(target);
  if (it == account_series_.end()) return;
  if (it->second.newest != nullptr) account_newest_->Remove(it->second.newest);
  account_gap_->Remove(it->second.gap);
  account_posts_7d_->Remove(it->second.posts_7d);
  account_posts_30d_->Remove(it->second.posts_30d);
  account_series_.erase(it);
}

void Metrics::RecordReload(bool ok, double unix_time) {
  reload_successful_->Set(ok ? 1 : 0);
  if (ok) reload_success_time_->Set(unix_time);
}

void Metrics::SetTargetCounts(const std::map<std::string, int>& by_kind) {
  std::lock_guard lock(mutex_);
  for (auto it = target_count_series_.begin(); it != target_count_series_.end();) {
    if (by_kind.contains(it->first)) {
      ++it;
    } else {
      targets_->Remove(it->second);
      it = target_count_series_.erase(it);
    }
  }
  for (const auto& [kind, count] : by_kind) {
    auto [it, inserted] = target_count_series_.try_emplace(kind, nullptr);
    if (inserted) it->second = &targets_->Add({{"kind", kind}});
    it->second->Set(count);
  }
}

void Metrics::CountNotification(std::string_view channel, std::string_view result, bool count) {
  // Family::Add returns the existing series for equal labels, under the family's own lock.
  auto& counter =
      notifications_->Add({{"channel", std::string(channel)}, {"result", std::string(result)}});
  if (count) counter.Increment();
}

void Metrics::SetOutbox(double pending, double oldest_pending_seconds, double dead_letters) {
  outbox_pending_->Set(pending);
  outbox_oldest_pending_->Set(oldest_pending_seconds);
  outbox_dead_letters_->Set(dead_letters);
}

void Metrics::SetAlertsFiring(const std::map<std::string, int>& by_severity) {
  // Family::Add returns the existing series for equal labels, under the family's own lock.
  for (const auto& [severity, count] : by_severity) {
    alerts_firing_->Add({{"severity", severity}}).Set(count);
  }
}

}  // namespace govwatch::metrics
