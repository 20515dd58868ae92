// Message rendering: events and digests → subject, plain text and HTML, in Chinese (issue 4).
// Pure: every input is a value (the config for names, `now` for "open for"); no clock, no I/O.
//
// Built-in templates give subjects such as
//   【govwatch 单项否决】固原市人力资源和社会保障局：微信公众号「固原人社」已 9 天未更新
// and bodies with the evidence: the URL, the last update time and where it was read, how long
// the problem has been open, and a link to the status page / API when alerts.status_url is set.
//
// A channel may override the subject and the text body with template files (Channel::
// subject_template / body_template, read by LoadTemplates at the edge). A template is plain text
// with {{name}} placeholders (see kPlaceholders); an unknown name renders as empty text. When the
// body is overridden the HTML part is that text, escaped, in a <pre>.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alert/alert.h"
#include "config/config.h"
#include "core/result.h"

namespace govwatch::alert {

struct Message {
  std::string subject;
  std::string text;
  std::string html;
};

struct Templates {
  std::optional<std::string> subject;
  std::optional<std::string> body;
};

// The placeholders a template may use for an event.
inline constexpr std::array<std::string_view, 15> kPlaceholders = {
    "event",  "severity",    "unit",     "target",   "target_id",
    "check",  "check_name",  "message",  "url",      "last_update",
    "provenance", "open_for", "since",   "status_url", "headline"};

// Replaces each {{name}} (spaces inside the braces allowed) by values[name], or "" when absent.
std::string ExpandTemplate(std::string_view text, const std::map<std::string, std::string>& values);

// The values of kPlaceholders for an event.
std::map<std::string, std::string> EventValues(const Event& event, const config::Config& config,
                                               core::Timestamp now);

Message RenderEvent(const Event& event, const config::Config& config, core::Timestamp now,
                    const Templates& templates = {});

// The daily digest of one unit: its firing non-immediate alerts and those resolved since the
// previous digest. `date` is the local date the digest is for ("2021-07-01").
Message RenderDigest(const std::string& unit_id, const std::string& date,
                     const std::vector<Alert>& firing, const std::vector<Alert>& resolved,
                     const config::Config& config, core::Timestamp now);

// Reads a channel's template files. Error names the file that cannot be read.
core::Result<Templates> LoadTemplates(const config::Channel& channel);

// "3 天 4 小时", "5 小时", "12 分钟".
std::string DurationText(std::chrono::seconds d);
// "2021-06-30 10:00" in `tz`.
std::string LocalTimeText(core::Timestamp t, const core::TimeZone& tz);
std::string HtmlEscape(std::string_view text);

}  // namespace govwatch::alert
