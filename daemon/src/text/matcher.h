// Multi-pattern literal matchers over bytes, built once per lexicon load.
//
// Two engines with the same contract, chosen by measurement (docs/content-checks.md):
// an Aho-Corasick automaton of our own (a full DFA over byte classes) and Hyperscan's literal
// API. Both report every occurrence of every pattern, overlapping ones included.
// Thread-safety: a built Matcher is immutable; Scan may run concurrently from several threads
// (Hyperscan clones its scratch space per call).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace govwatch::text {

enum class MatcherEngine { kAhoCorasick, kHyperscan };
std::string_view ToString(MatcherEngine engine);

// Receives matches: the pattern's index in the build list and the byte offset just past its end.
class MatchSink {
 public:
  virtual ~MatchSink() = default;
  virtual void OnMatch(std::uint32_t pattern, std::size_t end) = 0;
};

class Matcher {
 public:
  virtual ~Matcher() = default;
  // Reports every occurrence in `text`, in non-decreasing order of end offset.
  virtual void Scan(std::string_view text, MatchSink& sink) const = 0;
  // Bytes held by the compiled automaton (for the benchmark's memory figures).
  virtual std::size_t MemoryBytes() const = 0;
};

// Builds a matcher for `patterns` (non-empty, distinct byte strings). Error when the engine
// rejects them (e.g. Hyperscan compile failure).
core::Result<std::unique_ptr<Matcher>> BuildMatcher(MatcherEngine engine,
                                                    const std::vector<std::string>& patterns);

}  // namespace govwatch::text
