// The value checks of the configuration loader, as small pure functions so each is unit-tested
// on its own. Each returns nullopt / a value on success and a message fragment on failure; the
// loader adds the key name and the position.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"

namespace govwatch::config {

// Ids of units, sites, columns, accounts and profiles: [a-z0-9][a-z0-9_-]*. They appear in
// metric labels, URLs of the status page and finding keys, so they stay plain ASCII.
bool IsValidId(std::string_view id);
inline constexpr std::string_view kIdRule =
    "ids use a-z, 0-9, '_' and '-', and start with a letter or digit";

// An addr-spec without quoted local parts or IP-literal domains: local@example.gov.cn, where
// the domain has at least two labels. That is what the SMTP notifier can send to.
bool IsValidEmail(std::string_view email);

// nullopt when `url` is an absolute http:// or https:// URL with a host; else the reason.
std::optional<std::string> CheckHttpUrl(std::string_view url);

// A domain of a block list (crawl.illegal_domains): lower-cased, without a leading "*." or "."
// and a trailing "."; letters, digits, '-', '_' and '.' only (IDNs in punycode). A host matches
// an entry when it equals it or ends with "." + entry, so "a.com" never matches "china.com".
// Error: the reason, e.g. "expected a domain such as bad.example, got 'http://x/'".
core::Result<std::string> NormalizeDomain(std::string_view text);

// "10MiB", "512KiB", "1GiB", "10MB" (10^6), "1500B" or a plain integer of bytes.
core::Result<std::uint64_t> ParseByteSize(std::string_view text);

// A listen address of the daemon's web endpoints, as parsed from `web.listen`.
struct ListenAddress {
  std::string host;        // as written, without brackets: "127.0.0.1", "::1", "localhost"
  std::uint16_t port = 0;  // 0 asks the kernel for a free port (tests)
  bool loopback = false;   // 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104 or "localhost"
};
// "HOST:PORT" with HOST an IPv4 literal or "localhost", or "[IPv6]:PORT"; PORT 0–65535. Host
// names other than localhost are refused: the listener binds before DNS is worth trusting, and
// an address that resolves differently later would silently move the endpoint.
// Error: the reason, without the text ("port must be a number from 0 to 65535, got '70000'").
core::Result<ListenAddress> ParseListenAddress(std::string_view text);

// Edit distance (insert, delete, substitute, swap adjacent) over bytes; enough for ASCII keys.
size_t EditDistance(std::string_view a, std::string_view b);
// The candidate closest to `word` when it is close enough to be a likely typo, else nullopt.
std::optional<std::string> ClosestMatch(std::string_view word,
                                        std::span<const std::string_view> candidates);

// `${NAME}` → the variable's value, `${NAME:-default}` → its value or `default` when unset or
// empty, `$$` → `$`. Any other `$` is kept as is.
struct EnvExpansion {
  std::string value;
  std::optional<std::string> error;  // set on an unset variable without default, or bad syntax
  size_t error_offset = 0;           // byte offset of the offending `${` in the input
};
EnvExpansion ExpandEnv(std::string_view text,
                       const std::function<std::optional<std::string>(const std::string&)>& env);

// Compiles XPath expressions with libxml2, remembering each distinct expression's outcome:
// a province config has ~100,000 columns but only a handful of distinct XPaths.
// Not thread-safe; one per load.
class XPathChecker {
 public:
  // nullopt when `expr` compiles; else libxml2's reason ("Invalid expression").
  std::optional<std::string> Check(const std::string& expr);

 private:
  std::unordered_map<std::string, std::optional<std::string>> cache_;
};

}  // namespace govwatch::config
