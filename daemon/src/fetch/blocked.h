// Recognises WAF, captcha and anti-bot pages, which must read as "unknown", never as content
// (a captcha page has no dated items; treating it as the column would report it stale).
//
// All signatures live in one table in blocked.cc. Pure function; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace govwatch::fetch {

// `status` is the HTTP status, `body` the UTF-8 body. Returns the name of the matched signature
// (e.g. "安全狗 (safedog)", "Cloudflare challenge"), nullopt for an ordinary page.
std::optional<std::string> DetectBlocked(int status, std::string_view body);

}  // namespace govwatch::fetch
