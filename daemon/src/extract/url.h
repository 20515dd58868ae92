// Resolving links found in pages against the page's URL (RFC 3986, with boost::url).
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace govwatch::extract {

// The absolute URL of `href` as written in a page whose URL (or <base href>) is `base`.
// Characters that real pages leave unencoded (spaces, Chinese, '|', …) are percent-encoded
// first. nullopt for links that lead nowhere as a document: empty, "#…", javascript:, mailto:,
// tel:, data:. When `base` is empty or not an absolute URL, a relative `href` is returned as
// written (cleaned), since there is nothing to resolve against.
std::optional<std::string> ResolveUrl(std::string_view base, std::string_view href);

}  // namespace govwatch::extract
