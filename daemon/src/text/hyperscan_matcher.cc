#include "text/hyperscan_matcher.h"

#include <hs/hs.h>

#include "text/aho_corasick.h"

#include <cassert>
#include <limits>

namespace govwatch::text {
namespace {

int OnHyperscanMatch(unsigned int id, unsigned long long /*from*/, unsigned long long to,
                     unsigned int /*flags*/, void* context) {
  static_cast<MatchSink*>(context)->OnMatch(id, static_cast<std::size_t>(to));
  return 0;  // continue scanning
}

}  // namespace

core::Result<std::unique_ptr<HyperscanMatcher>> HyperscanMatcher::Build(
    const std::vector<std::string>& patterns) {
  if (patterns.empty()) return core::MakeError("hyperscan: no patterns");
  std::vector<const char*> expressions;
  std::vector<std::size_t> lengths;
  std::vector<unsigned> flags(patterns.size(), 0);
  std::vector<unsigned> ids;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    expressions.push_back(patterns[i].data());
    lengths.push_back(patterns[i].size());
    ids.push_back(static_cast<unsigned>(i));
  }
  auto m = std::unique_ptr<HyperscanMatcher>(new HyperscanMatcher());
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr,
                           &m->db_, &error) != HS_SUCCESS) {
    std::string message = "hyperscan: cannot compile the lexicon";
    if (error != nullptr) {
      message += std::string(": ") + error->message + " (pattern " +
                 std::to_string(error->expression) + ")";
      hs_free_compile_error(error);
    }
    return core::MakeError(message);
  }
  if (hs_alloc_scratch(m->db_, &m->prototype_) != HS_SUCCESS) {
    return core::MakeError("hyperscan: cannot allocate scratch space");
  }
  return m;
}

HyperscanMatcher::~HyperscanMatcher() {
  if (prototype_ != nullptr) hs_free_scratch(prototype_);
  if (db_ != nullptr) hs_free_database(db_);
}

void HyperscanMatcher::Scan(std::string_view text, MatchSink& sink) const {
  hs_scratch_t* scratch = nullptr;
  if (hs_clone_scratch(prototype_, &scratch) != HS_SUCCESS) {
    assert(false && "hs_clone_scratch failed");
    return;
  }
  // Block mode takes an unsigned length; Scanner hands over chunks far below 4 GiB.
  assert(text.size() <= std::numeric_limits<unsigned>::max());
  hs_scan(db_, text.data(), static_cast<unsigned>(text.size()), 0, scratch, OnHyperscanMatch,
          &sink);
  hs_free_scratch(scratch);
}

std::size_t HyperscanMatcher::MemoryBytes() const {
  std::size_t db = 0;
  std::size_t scratch = 0;
  hs_database_size(db_, &db);
  hs_scratch_size(prototype_, &scratch);
  return db + scratch;
}

std::string_view ToString(MatcherEngine engine) {
  return engine == MatcherEngine::kHyperscan ? "hyperscan" : "aho-corasick";
}

core::Result<std::unique_ptr<Matcher>> BuildMatcher(MatcherEngine engine,
                                                    const std::vector<std::string>& patterns) {
  if (engine == MatcherEngine::kAhoCorasick) {
    return std::unique_ptr<Matcher>(AhoCorasickMatcher::Build(patterns));
  }
  auto hs = HyperscanMatcher::Build(patterns);
  if (!hs) return hs.error();
  return std::unique_ptr<Matcher>(std::move(*hs));
}

}  // namespace govwatch::text
