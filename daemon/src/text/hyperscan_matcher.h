// Hyperscan's literal API (hs_compile_lit_multi, block mode) behind the Matcher contract.
// Immutable after Build; Scan clones the scratch space per call, so it is thread-safe.
#pragma once

#include "text/matcher.h"

struct hs_database;
struct hs_scratch;

namespace govwatch::text {

class HyperscanMatcher final : public Matcher {
 public:
  static core::Result<std::unique_ptr<HyperscanMatcher>> Build(
      const std::vector<std::string>& patterns);
  ~HyperscanMatcher() override;
  void Scan(std::string_view text, MatchSink& sink) const override;
  std::size_t MemoryBytes() const override;

 private:
  HyperscanMatcher() = default;
  hs_database* db_ = nullptr;
  hs_scratch* prototype_ = nullptr;
};

}  // namespace govwatch::text
