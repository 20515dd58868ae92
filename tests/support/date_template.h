// Template expansion for fixture pages, so demo and test pages can be dated relative to "now"
// (a column updated 9 days ago stays 9 days old whenever the demo runs).
//
//   {{date:-9d}}             → 2021-06-30             (the date 9 days before now, UTC+8)
//   {{date:-9d:%Y年%m月%d日}} → 2021年06月30日          (strftime format; may contain ':')
//   {{unix:-2h}}             → 1625000000             (unix seconds)
//   {{rfc822:-9d}}           → Wed, 30 Jun 2021 10:00:00 +0800
//   {{iso:-9d}}              → 2021-06-30T10:00:00+08:00
//   {{port}}                 → the server's port
// The offset is empty (now) or a signed sequence of days and hours: -9d, +2h, -3d12h, -200d.
// Dates are in Asia/Shanghai (UTC+8, no DST). Anything else between braces is left as it is.
// Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/time.h"

namespace govwatch::testing {

std::string ExpandTemplates(std::string_view text, core::Timestamp now, std::uint16_t port);

}  // namespace govwatch::testing
