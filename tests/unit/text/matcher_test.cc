// Both matchers against a naive reference (every occurrence of every pattern) on random inputs.
#include "text/matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <tuple>

namespace govwatch::text {
namespace {

class Collect final : public MatchSink {
 public:
  void OnMatch(std::uint32_t pattern, std::size_t end) override { got.emplace(pattern, end); }
  std::set<std::pair<std::uint32_t, std::size_t>> got;
};

std::set<std::pair<std::uint32_t, std::size_t>> Naive(const std::vector<std::string>& patterns,
                                                       const std::string& text) {
  std::set<std::pair<std::uint32_t, std::size_t>> out;
  for (std::uint32_t p = 0; p < patterns.size(); ++p) {
    for (std::size_t pos = text.find(patterns[p]); pos != std::string::npos;
         pos = text.find(patterns[p], pos + 1)) {
      out.emplace(p, pos + patterns[p].size());
    }
  }
  return out;
}

TEST(Matcher, BothEnginesAgreeWithTheNaiveReferenceOnRandomInputs) {
  // A small alphabet of ASCII and Chinese pieces makes overlaps and shared prefixes frequent.
  const std::vector<std::string> alphabet = {"a", "b", "内", "蒙", "古", "\xE4", "。"};
  std::mt19937 rng(42);
  auto random_string = [&](std::size_t max_pieces) {
    std::string s;
    const std::size_t n = 1 + rng() % max_pieces;
    for (std::size_t i = 0; i < n; ++i) s += alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int round = 0; round < 60; ++round) {
    std::set<std::string> unique;
    while (unique.size() < 1 + rng() % 30) unique.insert(random_string(4));
    const std::vector<std::string> patterns(unique.begin(), unique.end());
    const std::string text = random_string(300);
    const auto want = Naive(patterns, text);
    for (MatcherEngine engine : {MatcherEngine::kAhoCorasick, MatcherEngine::kHyperscan}) {
      auto matcher = BuildMatcher(engine, patterns);
      ASSERT_TRUE(matcher) << matcher.error().message;
      Collect sink;
      (*matcher)->Scan(text, sink);
      EXPECT_EQ(sink.got, want) << ToString(engine) << " round " << round;
    }
  }
}

TEST(Matcher, ReportsOverlappingAndNestedOccurrences) {
  const std::vector<std::string> patterns = {"内蒙", "内蒙古", "蒙古", "古"};
  for (MatcherEngine engine : {MatcherEngine::kAhoCorasick, MatcherEngine::kHyperscan}) {
    auto matcher = BuildMatcher(engine, patterns);
    ASSERT_TRUE(matcher);
    Collect sink;
    (*matcher)->Scan("内蒙古", sink);
    EXPECT_EQ(sink.got.size(), 4u) << ToString(engine);
  }
}

}  // namespace
}  // namespace govwatch::text
