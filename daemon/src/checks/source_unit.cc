#include "checks/source_unit.h"

#include "checks/text_match.h"

namespace govwatch::checks {
namespace {

std::size_t Chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Labels sites print before the unit; they are not part of its name.
constexpr std::string_view kLabels[] = {"信息来源", "来源", "发布机构", "发布单位", "供稿单位",
                                        "发文机关", "作者"};

}  // namespace

UnitMatcher::UnitMatcher(const std::vector<config::Unit>& units) {
  for (const auto& unit : units) {
    auto add = [&](std::string_view text) {
      std::string key = MatchKey(text);
      if (key.empty()) return;
      const std::size_t chars = Chars(key);
      names_.push_back(Name{std::move(key), chars, unit.id});
    };
    add(unit.name);
    for (const auto& alias : unit.aliases) add(alias);
  }
}

std::optional<std::string> UnitMatcher::Match(std::string_view source) const {
  std::string key = MatchKey(source);
  for (std::string_view label : kLabels) {
    const std::string label_key = MatchKey(label);
    if (key.starts_with(label_key)) {
      key.erase(0, label_key.size());
      break;
    }
  }
  if (key.empty()) return std::nullopt;
  for (const Name& n : names_) {
    if (n.key == key) return n.unit_id;
  }
  const std::size_t source_chars = Chars(key);
  const Name* best = nullptr;
  std::size_t best_len = 0;
  bool tie = false;
  for (const Name& n : names_) {
    std::size_t len = 0;
    if (n.chars >= 3 && key.ends_with(n.key)) {
      len = n.chars;
    } else if (source_chars >= 3 && n.key.ends_with(key)) {
      len = source_chars;
    }
    if (len == 0) continue;
    if (len > best_len) {
      best = &n;
      best_len = len;
      tie = false;
    } else if (len == best_len && best != nullptr && best->unit_id != n.unit_id) {
      tie = true;
    }
  }
  if (best == nullptr || tie) return std::nullopt;
  return best->unit_id;
}

}  // namespace govwatch::checks
