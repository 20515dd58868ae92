#include "store/faulty_store.h"

namespace govwatch::store {
namespace {
core::Error Fault() { return core::MakeError(FaultyStore::kInjectedFault); }
}  // namespace

bool FaultyStore::Fails() {
  ++calls_;
  if (fail_in_ <= 0) return false;
  return --fail_in_ == 0;
}

core::Status FaultyStore::UpsertTarget(const TargetRecord& target) {
  if (Fails()) return Fault();
  return inner_.UpsertTarget(target);
}

core::Result<std::int64_t> FaultyStore::RecordObservation(const std::string& target_id,
                                                          const Observation& observation,
                                                          const std::vector<core::Item>& items) {
  if (Fails()) return Fault();
  return inner_.RecordObservation(target_id, observation, items);
}

core::Result<std::optional<core::DatedTime>> FaultyStore::LastUpdate(
    const std::string& target_id, const LastUpdateOptions& options) {
  if (Fails()) return Fault();
  return inner_.LastUpdate(target_id, options);
}

core::Result<std::int64_t> FaultyStore::ItemCount(const std::string& target_id) {
  if (Fails()) return Fault();
  return inner_.ItemCount(target_id);
}

core::Result<std::optional<StoredObservation>> FaultyStore::LatestObservation(
    const std::string& target_id) {
  if (Fails()) return Fault();
  return inner_.LatestObservation(target_id);
}

core::Status FaultyStore::ReplaceOpenFindings(const std::string& target_id,
                                              const std::vector<std::string>& checks,
                                              const std::vector<core::Finding>& findings,
                                              core::Timestamp now) {
  if (Fails()) return Fault();
  return inner_.ReplaceOpenFindings(target_id, checks, findings, now);
}

core::Result<std::vector<StoredFinding>> FaultyStore::Findings(const FindingFilter& filter) {
  if (Fails()) return Fault();
  return inner_.Findings(filter);
}

core::Result<ProbeCounts> FaultyStore::CountProbes(const std::string& target_id,
                                                   core::Timestamp from, core::Timestamp to,
                                                   std::chrono::milliseconds slow_as_failure) {
  if (Fails()) return Fault();
  return inner_.CountProbes(target_id, from, to, slow_as_failure);
}

core::Result<std::int64_t> FaultyStore::MarkNetworkDown(core::Timestamp from,
                                                        core::Timestamp to) {
  if (Fails()) return Fault();
  return inner_.MarkNetworkDown(from, to);
}

core::Result<std::int64_t> FaultyStore::PruneObservations(core::Timestamp older_than,
                                                          int batch_size) {
  if (Fails()) return Fault();
  return inner_.PruneObservations(older_than, batch_size);
}

core::Result<std::vector<DailyRollup>> FaultyStore::DailyRollups(const std::string& target_id) {
  if (Fails()) return Fault();
  return inner_.DailyRollups(target_id);
}

}  // namespace govwatch::store
