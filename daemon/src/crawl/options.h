// The crawl settings in force for one site: the `crawl:` section with the site's overrides.
// Pure; thread-safe.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "config/config.h"
#include "core/result.h"
#include "core/time.h"
#include "crawl/crawler.h"

namespace govwatch::crawl {

bool CrawlEnabled(const config::Config& config, const config::Site& site);
int DailyBudget(const config::Config& config, const config::Site& site);

// Options for a crawl of `site` at `now` with `requests_today` same-site requests already made
// today (UTC day): max_requests is what is left of the daily budget (never negative).
CrawlOptions OptionsFor(const config::Config& config, const config::Site& site,
                        core::Timestamp now, std::int64_t requests_today);

// The known illegal domains of `settings`: the `illegal_domains` list and, when set, the lines
// of `illegal_domains_file` (one domain a line; blank lines and '#' comments skipped; each
// normalised by config::NormalizeDomain). Reads the file on every call. Error when the file
// cannot be read or a line is not a domain: "crawl.illegal_domains_file: FILE:LINE: …".
core::Result<std::set<std::string>> IllegalDomains(const config::CrawlSettings& settings);
// The same over the file's text (pure); `file` names it in errors.
core::Result<std::set<std::string>> ParseIllegalDomains(std::string_view text,
                                                        std::string_view file);

// [start, end) of the UTC day of `now`, the budget's day.
std::pair<core::Timestamp, core::Timestamp> BudgetDay(core::Timestamp now);

}  // namespace govwatch::crawl
