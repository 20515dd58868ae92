#include "crawl/site_scope.h"

#include <algorithm>
#include <cctype>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace govwatch::crawl {

std::optional<UrlParts> SplitUrl(std::string_view url) {
  auto parsed = boost::urls::parse_uri(WithoutFragment(url));
  if (!parsed) return std::nullopt;
  const boost::urls::url_view& u = *parsed;
  UrlParts parts;
  parts.scheme = std::string(u.scheme());
  std::transform(parts.scheme.begin(), parts.scheme.end(), parts.scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (parts.scheme != "http" && parts.scheme != "https") return std::nullopt;
  parts.host = std::string(u.encoded_host());
  if (parts.host.empty()) return std::nullopt;
  if (parts.host.front() == '[' && parts.host.size() > 2)
    parts.host = parts.host.substr(1, parts.host.size() - 2);
  std::transform(parts.host.begin(), parts.host.end(), parts.host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  parts.port = u.has_port() && !u.port().empty() ? std::string(u.port())
                                                 : (parts.scheme == "https" ? "443" : "80");
  parts.path_and_query = std::string(u.encoded_target());
  if (parts.path_and_query.empty() || parts.path_and_query.front() != '/')
    parts.path_and_query.insert(0, "/");
  return parts;
}

std::string_view WithoutFragment(std::string_view url) {
  return url.substr(0, url.find('#'));
}

bool IsGovCnHost(std::string_view host) {
  return host == "gov.cn" || host.ends_with(".gov.cn");
}

SiteScope::SiteScope(std::string_view homepage, const std::vector<std::string>& alias_hosts)
    : aliases_(alias_hosts) {
  if (auto parts = SplitUrl(homepage)) {
    host_ = parts->host;
    port_ = parts->port;
    origin_ = parts->scheme + "://" +
              (host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_) + ":" + port_;
  }
}

bool SiteScope::IsInternal(std::string_view url) const {
  const auto parts = SplitUrl(url);
  if (!parts || host_.empty()) return false;
  // http→https upgrades keep the host: the default ports of both schemes are the site's.
  const bool default_port = parts->port == "80" || parts->port == "443";
  const bool home_default = port_ == "80" || port_ == "443";
  if (parts->host == host_) return parts->port == port_ || (default_port && home_default);
  return default_port &&
         std::find(aliases_.begin(), aliases_.end(), parts->host) != aliases_.end();
}

}  // namespace govwatch::crawl
