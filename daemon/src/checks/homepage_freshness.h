// Homepage freshness (首页更新): DESIGN.md §2 — no new item on the homepage for
// homepage_stale_days (default 14) is a veto, from homepage_warn_days (default 10) a warning.
// Items without a date count as not updated, so only dated items and dated history count.
//
// Pure function; thread-safe.
#pragma once

#include "checks/check_result.h"
#include "config/config.h"

namespace govwatch::checks {

inline constexpr char kHomepageFreshness[] = "homepage_freshness";

// `homepage.stored_last_update` should come from the store with undated items excluded; a value
// with provenance kFirstSeen is ignored, because undated items do not count on the homepage.
//
// kUnknown (no finding) when the homepage could not be read. Otherwise one finding on the site
// (subject "") when days since the newest dated item > stale threshold (kVeto) or >= warn
// threshold (kWarning), or when no dated item exists at all (kVeto): the message then says
// that no dated item was found.
CheckResult CheckHomepageFreshness(const config::Site& site, const config::Profile& profile,
                                   const SourceState& homepage, core::Timestamp now);

}  // namespace govwatch::checks
