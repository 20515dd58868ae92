#include "app/live_state.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "checks/account_freshness.h"
#include "checks/column_freshness.h"
#include "checks/homepage_freshness.h"

namespace govwatch::app {
namespace {

bool IsFreshnessCheck(std::string_view check) {
  return check == checks::kHomepageFreshness || check == checks::kColumnFreshness ||
         check == checks::kBlankColumn || check == checks::kAccountFreshness;
}

double UnixSeconds(core::Timestamp t) {
  return static_cast<double>(t.time_since_epoch().count());
}

}  // namespace

LiveState::LiveState(metrics::Metrics& metrics) : metrics_(metrics) {}

void LiveState::SetConfig(const config::Config& config) {
  std::map<std::string, web::TargetStatus> next;
  auto keep = [&](web::TargetStatus t) {
    if (auto old = targets_.find(t.id); old != targets_.end()) {
      t.last_update = old->second.last_update;
      t.status = old->second.status;
      t.last_probe = old->second.last_probe;
      t.last_probe_outcome = old->second.last_probe_outcome;
    }
    next[t.id] = std::move(t);
  };
  std::map<std::string, int> counts;
  for (const auto& site : config.sites) {
    keep({site.id, "homepage", "", site.name, site.id, site.unit, site.homepage, {}, {}, {}, {}});
    ++counts["homepage"];
    for (const auto& column : site.columns) {
      keep({site.id + "/" + column.id, std::string(core::ToString(column.kind)), "", column.name,
            site.id, site.unit, column.url, {}, {}, {}, {}});
      ++counts["column"];
    }
  }
  for (const auto& account : config.accounts) {
    keep({account.id, "account", std::string(core::ToString(account.platform)), account.name, "",
          account.unit, account.source.url, {}, {}, {}, {}});
    ++counts["account"];
  }
  for (const auto& [id, t] : targets_) {
    if (!next.contains(id)) metrics_.RemoveTarget(id);
  }
  std::set<std::string> sites;
  for (const auto& site : config.sites) sites.insert(site.id);
  for (const auto& [id, t] : targets_) {
    if (t.kind == "homepage" && !sites.contains(id)) metrics_.RemoveSite(id);
  }
  targets_ = std::move(next);
  std::erase_if(open_, [&](const auto& entry) {
    const std::string& target = std::get<0>(entry.first);
    return !targets_.contains(target);
  });
  metrics_.SetTargetCounts(counts);
  ExportFindings();
}

void LiveState::LoadOpenFindings(const std::vector<store::StoredFinding>& open) {
  for (const auto& stored : open) {
    const core::Finding& f = stored.finding;
    if (!targets_.contains(f.target_id)) continue;  // left the configuration since
    open_[{f.target_id, f.check, f.subject}] = f;
  }
  ExportFindings();
}

std::vector<web::TargetStatus> LiveState::Targets() const {
  std::vector<web::TargetStatus> out;
  out.reserve(targets_.size());
  for (const auto& [id, t] : targets_) out.push_back(t);
  return out;
}

metrics::TargetLabels LiveState::LabelsOf(const web::TargetStatus& t) const {
  return {t.id, t.site, t.unit, t.kind, t.platform};
}

metrics::FindingKey LiveState::CountKey(const core::Finding& f) {
  return {f.target_id.substr(0, f.target_id.find('/')), f.check,
          std::string(core::ToString(f.severity))};
}

void LiveState::Apply(const schedule::TargetCheck& check) {
  // An unknown verdict neither opens nor resolves (the scheduler stores nothing for it either).
  if (check.result.status == core::CheckStatus::kUnknown) return;
  const std::set<std::string> scope(check.scope.begin(), check.scope.end());
  std::set<metrics::FindingKey> changed;
  // The target's open findings in scope: a range of the map, not a scan of all findings.
  std::map<Key, core::Finding> before;
  for (auto it = open_.lower_bound({check.target_id, "", ""});
       it != open_.end() && std::get<0>(it->first) == check.target_id;) {
    if (scope.empty() || scope.contains(std::get<1>(it->first))) {
      const auto key = CountKey(it->second);
      --counts_[key];
      changed.insert(key);
      before.insert(open_.extract(it++));
    } else {
      ++it;
    }
  }
  for (const auto& f : check.result.findings) {
    const Key key{f.target_id, f.check, f.subject};
    if (!before.contains(key)) {
      spdlog::info("finding opened: {} {} [{}] {}", f.target_id, f.check,
                   core::ToString(f.severity), f.message);
    }
    if (const auto [it, inserted] = open_.insert_or_assign(key, f); inserted) {
      const auto count_key = CountKey(f);
      ++counts_[count_key];
      changed.insert(count_key);
    }
  }
  for (const auto& [key, f] : before) {
    if (!open_.contains(key)) {
      spdlog::info("finding resolved: {} {} {}", std::get<0>(key), std::get<1>(key),
                   std::get<2>(key));
    }
  }
  for (const auto& key : changed) {
    const int count = counts_[key];
    metrics_.SetOpenFindingCount(key, count);
    if (count <= 0) counts_.erase(key);
  }
}

void LiveState::ExportFindings() {
  counts_.clear();
  for (const auto& [key, f] : open_) ++counts_[CountKey(f)];
  metrics_.SetOpenFindings(counts_);
}

void LiveState::OnTargetDone(const schedule::TargetOutcome& outcome,
                             const std::vector<schedule::TargetCheck>& checks) {
  ++probes_done_;
  auto it = targets_.find(outcome.target.id);
  if (it == targets_.end()) return;  // removed by a reload while it ran
  web::TargetStatus& t = it->second;
  t.last_update = outcome.last_update;
  t.last_probe = outcome.probed_at;
  t.last_probe_outcome = outcome.readable ? "ok" : outcome.failure;
  bool stale = false;
  for (const auto& check : checks) {
    Apply(check);
    if (check.availability && check.availability->probes > 0) {
      const auto& a = *check.availability;
      metrics_.SetAvailability(t.site, 1.0 - static_cast<double>(a.failures) /
                                                 static_cast<double>(a.probes));
    }
    const bool freshness = std::any_of(check.scope.begin(), check.scope.end(),
                                       [](const std::string& c) { return IsFreshnessCheck(c); });
    if (!freshness) continue;
    t.status = check.result.status;
    stale = check.result.status == core::CheckStatus::kProblem;
  }
  if (!outcome.readable) {
    spdlog::warn("{}: {} ({})", outcome.target.id, outcome.failure, outcome.failure_detail);
  }
  metrics_.RecordProbe(LabelsOf(t), outcome.readable,
                       std::chrono::duration<double>(outcome.elapsed).count(),
                       t.last_update ? std::optional(UnixSeconds(t.last_update->time))
                                     : std::nullopt,
                       stale);
}

void LiveState::OnFetch(std::string_view outcome) { metrics_.CountFetch(outcome); }

void LiveState::OnLag(std::chrono::milliseconds lag) {
  metrics_.SetSchedulerLag(std::chrono::duration<double>(lag).count());
}

void LiveState::OnSiteFindings(const schedule::TargetCheck& aggregate) { Apply(aggregate); }

void LiveState::OnError(std::string_view target_id, const core::Error& error) {
  spdlog::error("{}: {}", target_id, error.message);
}

void LiveState::OnPruned(std::int64_t rows) {
  if (rows > 0) spdlog::info("pruned {} old observations", rows);
}

}  // namespace govwatch::app
