// FaultyStore: a Store decorator for tests that makes a chosen call fail, so callers' handling
// of store errors can be exercised (STYLE.md: "a store decorator that fails the Nth call").
// Every call is counted, failing or not; a failing call does not reach the wrapped store.
//
// Not thread-safe, like the stores it wraps.
#pragma once

#include "store/store.h"

namespace govwatch::store {

class FaultyStore final : public Store {
 public:
  static constexpr char kInjectedFault[] = "store: injected fault";

  explicit FaultyStore(Store& inner) : inner_(inner) {}

  // The nth call from now (1 = the next one) fails with kInjectedFault; 0 cancels.
  void FailNthCall(int n) { fail_in_ = n; }
  // Calls made so far.
  int calls() const { return calls_; }

  core::Status UpsertTarget(const TargetRecord& target) override;
  core::Result<std::int64_t> RecordObservation(const std::string& target_id,
                                               const Observation& observation,
                                               const std::vector<core::Item>& items) override;
  core::Result<std::optional<core::DatedTime>> LastUpdate(
      const std::string& target_id, const LastUpdateOptions& options) override;
  core::Result<std::int64_t> ItemCount(const std::string& target_id) override;
  core::Result<std::optional<StoredObservation>> LatestObservation(
      const std::string& target_id) override;
  core::Status ReplaceOpenFindings(const std::string& target_id,
                                   const std::vector<std::string>& checks,
                                   const std::vector<core::Finding>& findings,
                                   core::Timestamp now) override;
  core::Result<std::vector<StoredFinding>> Findings(const FindingFilter& filter) override;
  core::Result<ProbeCounts> CountProbes(const std::string& target_id, core::Timestamp from,
                                        core::Timestamp to,
                                        std::chrono::milliseconds slow_as_failure) override;
  core::Result<std::int64_t> MarkNetworkDown(core::Timestamp from, core::Timestamp to) override;
  core::Result<std::int64_t> PruneObservations(core::Timestamp older_than,
                                               int batch_size) override;
  core::Result<std::vector<DailyRollup>> DailyRollups(const std::string& target_id) override;

 private:
  // Counts the call; true when it is the one to fail.
  bool Fails();

  Store& inner_;
  int calls_ = 0;
  int fail_in_ = 0;
};

}  // namespace govwatch::store
