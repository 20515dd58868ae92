// LiveState: what the running daemon knows now — each target's latest outcome and the open
// findings — built from the scheduler's events. It feeds /metrics (through metrics::Metrics) and
// the JSON API (/api/v1/targets), and logs what matters to operators.
//
// Memory: one compact slot per target (a province has ~122,000): pointers into the Config given
// to SetConfig instead of copies of its names, units and URLs; TargetStatus is built only when
// Targets() is asked for. So the Config passed to SetConfig must stay alive and unmodified until
// the next SetConfig (or the LiveState's end) — the daemon's root owns it, and calls SetConfig
// again right after swapping in a reloaded one.
//
// Thread-safety: none; lives on the daemon's io_context thread, like the scheduler that calls it.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "config/config.h"
#include "metrics/metrics.h"
#include "schedule/scheduler.h"
#include "store/store.h"
#include "web/api.h"

namespace govwatch::app {

class LiveState final : public schedule::Listener {
 public:
  explicit LiveState(metrics::Metrics& metrics);

  // Adopts a (new) configuration: targets it lacks are forgotten (with their series and open
  // findings), new ones appear as not yet probed. Keeps pointers into `config` (see above); the
  // previous config may already be gone when this is called.
  void SetConfig(const config::Config& config);
  // The open findings the store held at start-up, so a restart shows them at once.
  void LoadOpenFindings(const std::vector<store::StoredFinding>& open);

  std::vector<web::TargetStatus> Targets() const;
  std::size_t open_findings() const { return open_.size(); }
  int probes_done() const { return probes_done_; }

  // schedule::Listener
  void OnTargetDone(const schedule::TargetOutcome& outcome,
                    const std::vector<schedule::TargetCheck>& checks) override;
  void OnFetch(std::string_view outcome) override;
  void OnLag(std::chrono::milliseconds lag) override;
  void OnSiteFindings(const schedule::TargetCheck& aggregate) override;
  void OnError(std::string_view target_id, const core::Error& error) override;
  void OnPruned(std::int64_t rows) override;

 private:
  // (target, check, subject) → the open finding.
  using Key = std::tuple<std::string, std::string, std::string>;

  void Apply(const schedule::TargetCheck& check);
  // Recounts every open finding into govwatch_open_findings (after a config change or a load);
  // per run, Apply adjusts only the counts it changed, so a run costs O(its findings).
  void ExportFindings();
  static metrics::FindingKey CountKey(const core::Finding& f);
  // One target: what it is (pointers into the current config: site for homepage and column
  // targets, column for columns, account for accounts) and its latest outcome.
  struct Slot {
    std::string id;
    const config::Site* site = nullptr;
    const config::Column* column = nullptr;
    const config::Account* account = nullptr;
    std::optional<core::DatedTime> last_update;
    std::optional<core::Timestamp> last_probe;
    const std::string* last_probe_outcome = nullptr;  // into outcomes_; null before a probe
    core::CheckStatus status = core::CheckStatus::kUnknown;
    metrics::Metrics::TargetSeries series;  // its per-target metric series

    bool is_homepage() const { return site != nullptr && column == nullptr; }
  };
  Slot* Find(std::string_view id);
  web::TargetStatus StatusOf(const Slot& slot) const;
  static metrics::TargetLabels LabelsOf(const Slot& slot);

  metrics::Metrics& metrics_;
  std::vector<Slot> targets_;  // sorted by id (binary search; changes only in SetConfig)
  // Probe outcomes ("ok", "timeout", …): a small set, stored once, pointed to by the slots.
  std::set<std::string, std::less<>> outcomes_;
  std::map<Key, core::Finding> open_;
  std::map<metrics::FindingKey, int> counts_;  // what govwatch_open_findings shows
  int probes_done_ = 0;
};

}  // namespace govwatch::app
