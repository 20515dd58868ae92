// The crawl settings in force for one site: the `crawl:` section with the site's overrides.
// Pure; thread-safe.
#pragma once

#include "config/config.h"
#include "core/time.h"
#include "crawl/crawler.h"

namespace govwatch::crawl {

bool CrawlEnabled(const config::Config& config, const config::Site& site);
int DailyBudget(const config::Config& config, const config::Site& site);

// Options for a crawl of `site` at `now` with `requests_today` same-site requests already made
// today (UTC day): max_requests is what is left of the daily budget (never negative).
CrawlOptions OptionsFor(const config::Config& config, const config::Site& site,
                        core::Timestamp now, std::int64_t requests_today);

// [start, end) of the UTC day of `now`, the budget's day.
std::pair<core::Timestamp, core::Timestamp> BudgetDay(core::Timestamp now);

}  // namespace govwatch::crawl
