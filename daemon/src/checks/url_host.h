// The host of an absolute URL, for the account rules that judge where a link points (government
// site, shop, gambling host). Pure string work: the rules see links as posted, often malformed,
// and a link that does not parse simply has no host.
#pragma once

#include <string>
#include <string_view>

namespace govwatch::checks {

// Lower-case host of "scheme://host[:port]/…"; "" when `url` has no "://".
std::string UrlHost(std::string_view url);

}  // namespace govwatch::checks
