// robots.txt (RFC 9309) for the crawler: which paths a user agent may fetch.
//
// Pure; thread-safe. Groups are chosen by product token: the group whose User-agent line is a
// case-insensitive prefix of our token ("govwatch" for "govwatch/0.1 (...)"), else the "*"
// group, else everything is allowed. Within a group the longest matching rule wins, Allow on a
// tie; `*` matches any run of characters and a trailing `$` anchors the end. Lines that are not
// understood are ignored, as the RFC asks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace govwatch::crawl {

class RobotsRules {
 public:
  // Everything allowed (no robots.txt, or it could not be read as text).
  RobotsRules() = default;
  // `user_agent` is the full User-Agent header; its first token picks the group.
  static RobotsRules Parse(std::string_view robots_txt, std::string_view user_agent);

  // `path_and_query` as requested: "/a/b?c=d" (percent-encoding as in the URL).
  bool Allowed(std::string_view path_and_query) const;
  std::size_t rule_count() const { return rules_.size(); }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;
  };
  std::vector<Rule> rules_;
};

// The product token of a User-Agent header: "govwatch" for "govwatch/0.1 (+…)", "Baiduspider"
// for "Mozilla/5.0 (compatible; Baiduspider/2.0; …)" (known spider names inside the comment win).
std::string ProductToken(std::string_view user_agent);

}  // namespace govwatch::crawl
