// Silences and maintenance windows: which alerts are muted at a moment (issue 4). Pure.
//
// A silence matches an alert when every non-empty list matches: `targets` (the alert's target
// id, or its site for a column target "site/column"), `units` (the finding's unit), `checks`.
// It is in force between `from` and `until` (each optional) and, for a maintenance window, only
// on its weekly days between `start` and `end` local time in the silence's time zone (the
// alerts' zone, Asia/Shanghai by default); a window whose end is before its start runs past
// midnight into the next day and belongs to the day it starts.
#pragma once

#include <vector>

#include "alert/alert.h"
#include "config/config.h"
#include "core/time_zone.h"

namespace govwatch::alert {

bool SilenceMatches(const config::Silence& silence, const core::Finding& finding);
bool SilenceActive(const config::Silence& silence, core::Timestamp now,
                   const core::TimeZone& default_zone);
// True when any silence matches `finding` and is active at `now`.
bool Silenced(const std::vector<config::Silence>& silences, const core::Finding& finding,
              core::Timestamp now, const core::TimeZone& default_zone);

}  // namespace govwatch::alert
