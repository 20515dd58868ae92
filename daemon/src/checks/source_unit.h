// UnitMatcher: maps the 来源 / 发布机构 printed on an article ("来源：市应急局", "固原市应急管理局
// 发布") to a configured unit (config::Unit), by its name and aliases, tolerantly:
//   1. the MatchKey (text_match.h) of the source equals that of a name or alias;
//   2. else the longest name or alias whose key is a suffix of the source's key ("固原市应急管理局"
//      ends with the alias "市应急管理局") or that ends with the source's key ("应急管理局" is the
//      end of "市应急管理局"), at least three characters long;
//   3. a tie between two units at the same length is ambiguous: no match.
// Sources naming several units are not split; they match the unit named last, if any.
//
// Immutable after construction; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace govwatch::checks {

class UnitMatcher {
 public:
  explicit UnitMatcher(const std::vector<config::Unit>& units);
  // The Unit::id for `source`, or nullopt when no unit matches (or the match is ambiguous).
  std::optional<std::string> Match(std::string_view source) const;

 private:
  struct Name {
    std::string key;
    std::size_t chars = 0;
    std::string unit_id;
  };
  std::vector<Name> names_;
};

}  // namespace govwatch::checks
