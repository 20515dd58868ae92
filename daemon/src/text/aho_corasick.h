// Aho-Corasick over bytes, compiled to a full DFA whose columns are byte classes (only bytes
// that occur in some pattern get their own class), so the scan loop is one table load per byte.
// Immutable after Build; Scan is thread-safe.
#pragma once

#include "text/matcher.h"

namespace govwatch::text {

class AhoCorasickMatcher final : public Matcher {
 public:
  static std::unique_ptr<AhoCorasickMatcher> Build(const std::vector<std::string>& patterns);
  void Scan(std::string_view text, MatchSink& sink) const override;
  std::size_t MemoryBytes() const override;

 private:
  // A transition entry is the next state's row offset (state * classes_) with kHasOutput set
  // when that state ends at least one pattern.
  static constexpr std::uint32_t kHasOutput = 0x80000000u;
  std::uint32_t classes_ = 1;
  std::uint8_t class_of_[256] = {};
  std::vector<std::uint32_t> delta_;
  std::vector<std::uint32_t> output_begin_;  // per state, into outputs_ (size states + 1)
  std::vector<std::uint32_t> outputs_;       // pattern indices, own and via suffix links
};

}  // namespace govwatch::text
