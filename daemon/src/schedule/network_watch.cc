#include "schedule/network_watch.h"

namespace govwatch::schedule {

core::Timestamp NetworkWatch::MinuteOf(core::Timestamp at) {
  return std::chrono::floor<std::chrono::minutes>(at);
}

NetworkWatch::Minute& NetworkWatch::At(core::Timestamp at) {
  const std::int64_t key = MinuteOf(at).time_since_epoch().count() / 60;
  Minute& minute = minutes_[key];
  while (!minutes_.empty() && minutes_.begin()->first <= key - kMinutesKept) {
    minutes_.erase(minutes_.begin());
  }
  return minute;
}

bool NetworkWatch::Update(Minute& minute) {
  if (minute.down) return false;
  minute.down = minute.canary_failed ||
                (minute.fetches >= kMinFetches && minute.network_failures == minute.fetches);
  return minute.down;
}

bool NetworkWatch::RecordFetch(core::Timestamp at, bool network_failure) {
  Minute& minute = At(at);
  ++minute.fetches;
  if (network_failure) ++minute.network_failures;
  return Update(minute);
}

bool NetworkWatch::RecordCanary(core::Timestamp at, bool ok) {
  Minute& minute = At(at);
  if (!ok) minute.canary_failed = true;
  return Update(minute);
}

bool NetworkWatch::Down(core::Timestamp at) const {
  auto it = minutes_.find(MinuteOf(at).time_since_epoch().count() / 60);
  return it != minutes_.end() && it->second.down;
}

}  // namespace govwatch::schedule
