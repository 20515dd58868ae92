#include "checks/url_host.h"

#include <algorithm>
#include <cctype>

namespace govwatch::checks {

std::string UrlHost(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  std::string host(url.substr(0, url.find_first_of("/?#")));
  if (const auto colon = host.rfind(':'); colon != std::string::npos) host.erase(colon);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

}  // namespace govwatch::checks
