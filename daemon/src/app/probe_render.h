// How `govwatch probe` shows a pass: a Chinese table for people, JSON for programs. Pure
// functions of the pass result, so their exact output is asserted by tests.
#pragma once

#include <string>

#include "config/config.h"
#include "core/time.h"
#include "core/time_zone.h"
#include "schedule/poller.h"

namespace govwatch::app {

// Chinese, grouped by site and account, then the findings and a one-line summary.
std::string RenderProbeTable(const config::Config& config, const schedule::PassResult& pass,
                             core::Timestamp now, const core::TimeZone& tz);

// {"now", "targets":[…], "findings":[…], "summary":{…}}; times ISO 8601 in `tz`.
std::string RenderProbeJson(const config::Config& config, const schedule::PassResult& pass,
                            core::Timestamp now, const core::TimeZone& tz);

// Chinese names for a failure reason ("timeout" → "访问超时") and a date provenance
// ("list_date" → "列表日期").
std::string ChineseFailure(const std::string& failure, int http_status);
std::string ChineseProvenance(core::DateProvenance provenance);

// Terminal columns taken by UTF-8 text: CJK and full-width characters count two.
size_t DisplayWidth(std::string_view text);

}  // namespace govwatch::app
