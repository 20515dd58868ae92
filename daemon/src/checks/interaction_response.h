// Unanswered public messages (互动回应差, issue 6; DESIGN.md §2 profile.interaction_*).
//
// A message counts when it was submitted within the last profile.interaction_window_days (365)
// before `now`, and it is unanswered: state kUnanswered or kInProgress, or state kUnknown with
// no reply date. Days waited = calendar days in the site's zone from submission to now
// (DaysSinceUpdate); it is reported when > profile.interaction_unanswered_days (90). A message
// replied late (replied_at − submitted_at > 90 days) within the window is also reported — the
// public waited that long. Each is one kVeto finding "interaction_response" naming the message,
// its date and the days waited, with the message (its URL, else title and date) as subject.
// Messages without a submission date are skipped.
//
// Status: kProblem with findings; kOk when messages were read and none qualifies; kUnknown when
// `messages` is empty (nothing could be read: never a pass).
//
// Pure; thread-safe.
#pragma once

#include <vector>

#include "checks/check_result.h"
#include "config/config.h"
#include "extract/messages.h"

namespace govwatch::checks {

inline constexpr char kInteractionResponse[] = "interaction_response";

CheckResult CheckInteractionResponse(const config::Site& site, const config::Column& column,
                                     const config::Profile& profile,
                                     const std::vector<extract::Message>& messages,
                                     core::Timestamp now);

}  // namespace govwatch::checks
