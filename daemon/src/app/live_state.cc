#include "app/live_state.h"

#include <spdlog/spdlog.h>

#include <algorithm>

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
  std::vector<Slot> next;
  std::map<std::string, int> counts;
  for (const auto& site : config.sites) {
    next.push_back({site.id, &site, nullptr, nullptr, {}, {}, nullptr, {}, {}});
    ++counts["homepage"];
    for (const auto& column : site.columns) {
      next.push_back(
          {site.id + "/" + column.id, &site, &column, nullptr, {}, {}, nullptr, {}, {}});
      ++counts["column"];
    }
  }
  for (const auto& account : config.accounts) {
    next.push_back({account.id, nullptr, nullptr, &account, {}, {}, nullptr, {}, {}});
    ++counts["account"];
  }
  // Sorted by id; should an id repeat (the loader rejects that), the later definition wins.
  std::stable_sort(next.begin(), next.end(),
                   [](const Slot& a, const Slot& b) { return a.id < b.id; });
  std::vector<Slot> unique;
  unique.reserve(next.size());
  for (auto& slot : next) {
    if (!unique.empty() && unique.back().id == slot.id) {
      unique.back() = std::move(slot);
    } else {
      unique.push_back(std::move(slot));
    }
  }
  next = std::move(unique);
  next.shrink_to_fit();
  // Both sorted: one merge carries the state of kept targets over and finds the removed ones.
  // Only ids and states of the old slots are read, never their config pointers (that config may
  // be gone).
  auto n = next.begin();
  for (Slot& old : targets_) {
    while (n != next.end() && n->id < old.id) ++n;
    if (n != next.end() && n->id == old.id) {
      n->last_update = old.last_update;
      n->status = old.status;
      n->last_probe = old.last_probe;
      n->last_probe_outcome = old.last_probe_outcome;
      n->series = old.series;  // the one live copy moves to the new slot
      if (old.is_homepage() && !n->is_homepage()) metrics_.RemoveSite(old.id);
      continue;
    }
    metrics_.RemoveTarget(old.series);
    if (old.is_homepage()) metrics_.RemoveSite(old.id);
    metrics_.RemoveAccount(old.id);
  }
  targets_ = std::move(next);
  std::erase_if(open_, [&](const auto& entry) {
    return Find(std::get<0>(entry.first)) == nullptr;
  });
  metrics_.SetTargetCounts(counts);
  ExportFindings();
}

LiveState::Slot* LiveState::Find(std::string_view id) {
  auto it = std::lower_bound(targets_.begin(), targets_.end(), id,
                             [](const Slot& s, std::string_view key) { return s.id < key; });
  return it != targets_.end() && it->id == id ? &*it : nullptr;
}

void LiveState::LoadOpenFindings(const std::vector<store::StoredFinding>& open) {
  for (const auto& stored : open) {
    const core::Finding& f = stored.finding;
    if (Find(f.target_id) == nullptr) continue;  // left the configuration since
    open_[{f.target_id, f.check, f.subject}] = f;
  }
  ExportFindings();
}

web::TargetStatus LiveState::StatusOf(const Slot& slot) const {
  web::TargetStatus t;
  t.id = slot.id;
  if (slot.account != nullptr) {
    t.kind = "account";
    t.platform = std::string(core::ToString(slot.account->platform));
    t.name = slot.account->name;
    t.unit = slot.account->unit;
    t.url = slot.account->source.url;
  } else if (slot.column != nullptr) {
    t.kind = std::string(core::ToString(slot.column->kind));
    t.name = slot.column->name;
    t.site = slot.site->id;
    t.unit = slot.site->unit;
    t.url = slot.column->url;
  } else {
    t.kind = "homepage";
    t.name = slot.site->name;
    t.site = slot.site->id;
    t.unit = slot.site->unit;
    t.url = slot.site->homepage;
  }
  t.last_update = slot.last_update;
  t.status = slot.status;
  t.last_probe = slot.last_probe;
  if (slot.last_probe_outcome != nullptr) t.last_probe_outcome = *slot.last_probe_outcome;
  return t;
}

std::vector<web::TargetStatus> LiveState::Targets() const {
  std::vector<web::TargetStatus> out;
  out.reserve(targets_.size());
  for (const Slot& slot : targets_) out.push_back(StatusOf(slot));
  return out;
}

metrics::TargetLabels LiveState::LabelsOf(const Slot& slot) {
  if (slot.account != nullptr) {
    return {slot.id, "", slot.account->unit, "account",
            std::string(core::ToString(slot.account->platform))};
  }
  const std::string kind =
      slot.column != nullptr ? std::string(core::ToString(slot.column->kind)) : "homepage";
  return {slot.id, slot.site->id, slot.site->unit, kind, ""};
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
  Slot* t = Find(outcome.target.id);
  if (t == nullptr) return;  // removed by a reload while it ran
  t->last_update = outcome.last_update;
  t->last_probe = outcome.probed_at;
  // Both arms as string_view: with "ok" : std::string the result would be a temporary string,
  // and the view would dangle (found by ASan).
  const std::string_view probe_outcome =
      outcome.readable ? std::string_view("ok") : std::string_view(outcome.failure);
  auto known = outcomes_.find(probe_outcome);
  if (known == outcomes_.end()) known = outcomes_.emplace(probe_outcome).first;
  t->last_probe_outcome = &*known;
  bool stale = false;
  for (const auto& check : checks) {
    Apply(check);
    if (check.availability && check.availability->probes > 0) {
      const auto& a = *check.availability;
      metrics_.SetAvailability(t->site != nullptr ? std::string_view(t->site->id) : "",
                               1.0 - static_cast<double>(a.failures) /
                                         static_cast<double>(a.probes));
    }
    const bool freshness = std::any_of(check.scope.begin(), check.scope.end(),
                                       [](const std::string& c) { return IsFreshnessCheck(c); });
    if (!freshness) continue;
    t->status = check.result.status;
    stale = check.result.status == core::CheckStatus::kProblem;
  }
  if (!outcome.readable) {
    spdlog::warn("{}: {} ({})", outcome.target.id, outcome.failure, outcome.failure_detail);
  }
  if (outcome.account_stats) {
    const auto& a = *outcome.account_stats;
    metrics_.SetAccountStats(outcome.target.id,
                             a.newest_post ? std::optional(UnixSeconds(*a.newest_post))
                                           : std::nullopt,
                             static_cast<double>(a.longest_gap.count()), a.posts_7d, a.posts_30d);
  }
  metrics_.RecordProbe(t->series, LabelsOf(*t), outcome.readable,
                       std::chrono::duration<double>(outcome.elapsed).count(),
                       t->last_update ? std::optional(UnixSeconds(t->last_update->time))
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
