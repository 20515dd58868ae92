#include "crawl/robots.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace govwatch::crawl {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Glob match of a robots pattern against a path: '*' any run, '$' at the end anchors.
bool Matches(std::string_view pattern, std::string_view path) {
  bool anchored = false;
  if (!pattern.empty() && pattern.back() == '$') {
    anchored = true;
    pattern.remove_suffix(1);
  }
  // Iterative wildcard match with backtracking to the last '*'.
  std::size_t p = 0, s = 0;
  std::optional<std::size_t> star;
  std::size_t star_s = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_s = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (p == pattern.size() && !anchored) {
      return true;  // a prefix match is enough
    } else if (star) {
      p = *star + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

std::string ProductToken(std::string_view user_agent) {
  static constexpr std::array<std::string_view, 6> kSpiders = {
      "baiduspider", "googlebot", "bingbot", "360spider", "sogou", "yisouspider"};
  const std::string lower = Lower(user_agent);
  for (std::string_view spider : kSpiders) {
    if (const auto at = lower.find(spider); at != std::string::npos) {
      return std::string(user_agent.substr(at, spider.size()));
    }
  }
  const auto end = user_agent.find_first_of("/ ;(");
  return std::string(user_agent.substr(0, end));
}

RobotsRules RobotsRules::Parse(std::string_view text, std::string_view user_agent) {
  const std::string token = Lower(ProductToken(user_agent));
  struct Group {
    std::vector<std::string> agents;
    std::vector<Rule> rules;
  };
  std::vector<Group> groups;
  bool in_agent_lines = false;  // consecutive User-agent lines share one group
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = Lower(Trim(line.substr(0, colon)));
    const std::string_view value = Trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!in_agent_lines) groups.emplace_back();
      in_agent_lines = true;
      groups.back().agents.push_back(Lower(value));
    } else if (key == "allow" || key == "disallow") {
      in_agent_lines = false;
      if (groups.empty()) continue;  // rules before any User-agent line belong to nobody
      // "Disallow:" with no path allows everything: it adds no rule.
      if (value.empty()) continue;
      groups.back().rules.push_back(Rule{key == "allow", std::string(value)});
    } else {
      in_agent_lines = false;  // sitemap, crawl-delay, …: end the agent list
    }
  }
  RobotsRules out;
  const Group* chosen = nullptr;
  std::size_t chosen_length = 0;
  for (const Group& g : groups) {
    for (const std::string& agent : g.agents) {
      if (agent == "*") {
        if (chosen == nullptr) chosen = &g;
      } else if (!token.empty() && token.starts_with(agent) && agent.size() > chosen_length) {
        chosen = &g;
        chosen_length = agent.size();
      }
    }
  }
  if (chosen != nullptr) {
    // Several groups for the same agent are merged (RFC 9309 §2.2.1).
    for (const Group& g : groups) {
      const bool same = std::any_of(g.agents.begin(), g.agents.end(), [&](const std::string& a) {
        return chosen_length == 0 ? a == "*" : a.size() == chosen_length && token.starts_with(a);
      });
      if (same) out.rules_.insert(out.rules_.end(), g.rules.begin(), g.rules.end());
    }
  }
  return out;
}

bool RobotsRules::Allowed(std::string_view path) const {
  if (path.empty()) path = "/";
  if (path == "/robots.txt") return true;
  const Rule* best = nullptr;
  for (const Rule& rule : rules_) {
    if (!Matches(rule.pattern, path)) continue;
    if (best == nullptr || rule.pattern.size() > best->pattern.size() ||
        (rule.pattern.size() == best->pattern.size() && rule.allow)) {
      best = &rule;
    }
  }
  return best == nullptr || best->allow;
}

}  // namespace govwatch::crawl
