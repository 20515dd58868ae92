// SiteScope: which URLs belong to the site being crawled (recursed into) and which are external
// (checked once, never crawled). Pure; thread-safe after construction.
//
// A URL is the site's own when its scheme is http(s) and its host and effective port equal the
// homepage's, or its host is one of the configured alias hosts (on the default port of its
// scheme). Hosts compare case-insensitively; http and https of the same host are the same site.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace govwatch::crawl {

struct UrlParts {
  std::string scheme;          // "http" or "https"
  std::string host;            // lower case, IPv6 without brackets
  std::string port;            // effective: "80"/"443" when not given
  std::string path_and_query;  // "/a/b?c" ("/" when empty)
};

// nullopt for anything that is not an absolute http(s) URL with a host.
std::optional<UrlParts> SplitUrl(std::string_view url);

// The URL without its fragment ("a.html#top" and "a.html" are one link destination).
std::string_view WithoutFragment(std::string_view url);

// True for hosts under .gov.cn (government domains; the national rule's "outside .gov.cn").
bool IsGovCnHost(std::string_view host);

class SiteScope {
 public:
  SiteScope(std::string_view homepage, const std::vector<std::string>& alias_hosts);
  bool IsInternal(std::string_view url) const;
  // "http://host:port" of the homepage, for robots.txt.
  const std::string& origin() const { return origin_; }
  const std::string& host() const { return host_; }

 private:
  std::string host_;
  std::string port_;
  std::string origin_;
  std::vector<std::string> aliases_;
};

}  // namespace govwatch::crawl
