// Clock: the scheduler's seam for wall-clock time (STYLE.md: interfaces only where there is I/O or
// time). SystemClock is the production clock; tests use a fake.
//
// Thread-safety: SystemClock is thread-safe; fakes need not be (the scheduler reads the clock on
// its io_context thread only).
#pragma once

#include <chrono>

namespace govwatch::schedule {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace govwatch::schedule
