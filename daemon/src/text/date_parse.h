// Finding and parsing the dates that Chinese government pages print: 2021-06-30, 2021/6/30,
// 2021.06.30, 2021年6月30日, each with an optional time (10:30, 10:30:15, 10时30分), year-less
// forms ([06-30], 06-30, 6月30日), labels (发布时间：, 日期:), full-width digits and punctuation
// (２０２１－０６－３０); plus unix timestamps (script variables), RFC 822 (RSS) and RFC 3339.
//
// All functions are pure: the clock (`now`) and the site's time zone are arguments, so results
// are reproducible in tests. Page dates are civil times in the site's zone; they are converted to
// UTC with TimeZone::ToUtc. Thread-safe (no shared state).
//
// False positives are avoided on purpose: phone numbers (0954-2032456), 文号 (〔2021〕3号),
// version numbers (v2.1.3, 1.2021.06.30), prices (12.30元), compact digit runs (20210630) and
// year-less dates with single digits (第3-5条) are not dates here. Invalid calendar dates
// (2021-02-30, 25:00) are rejected.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "core/time_zone.h"

namespace govwatch::text {

// One date found in a text.
struct DateMatch {
  std::size_t begin = 0;  // byte offset of the first byte of the date (labels excluded)
  std::size_t end = 0;    // byte offset one past its last byte (time included when present)
  core::LocalSeconds local{};  // civil time in the site's zone, midnight when no time was given
  core::Timestamp utc{};       // `local` converted with tz.ToUtc
  bool has_year = false;       // false: year inferred from `now` (not in the future)
  bool has_time = false;
  // Offset of a label (发布时间, 发布日期, 成文日期, 更新时间, 日期, 时间 …) followed by ':' or '：'
  // directly before the date; nullopt when the date is not labelled.
  std::optional<std::size_t> label_begin;
};

// Every date in `text`, in order of appearance, non-overlapping. Year-less dates get the year
// that makes them not later than `now`'s civil date in `tz` (now = 2021-01-05, "12-30" →
// 2020-12-30); 2-29 goes back to the latest leap year that keeps it in the past.
std::vector<DateMatch> FindDates(std::string_view text, core::Timestamp now,
                                 const core::TimeZone& tz);

// The first date found anywhere in `text` (not only a whole-string match, so "发布时间：2021-06-30
// 来源：…" and "[06-30]" both work), as a UTC instant; nullopt when there is none.
std::optional<core::Timestamp> ParseChineseDate(std::string_view text, core::Timestamp now,
                                                const core::TimeZone& tz);

// The first date in `text` that is preceded by a label such as 发布时间：; nullopt when none.
std::optional<DateMatch> FindLabelledDate(std::string_view text, core::Timestamp now,
                                          const core::TimeZone& tz);

// A unix timestamp as a whole string (surrounding spaces allowed): 9–10 digits are seconds,
// 12–13 digits milliseconds. nullopt for anything else or values before 1995 / after 2100.
std::optional<core::Timestamp> ParseUnixTimestamp(std::string_view text);

// RFC 822 / RFC 1123 as used by RSS pubDate: "Wed, 30 Jun 2021 10:00:00 +0800", "30 Jun 2021
// 10:00 GMT", 2- or 4-digit years, zones GMT/UT/UTC/Z/EST…PDT/±hhmm; without a zone the time is
// read in `tz`. nullopt when the text is not of that form.
std::optional<core::Timestamp> ParseRfc822(std::string_view text, const core::TimeZone& tz);

// A machine-readable date as found in feeds and <meta> tags: RFC 3339 with offset, RFC 822, or
// anything ParseChineseDate accepts ("2021-06-30 10:00" read in `tz`); a unix timestamp when
// allow_unix is true. nullopt when nothing parses.
std::optional<core::Timestamp> ParseMachineDate(std::string_view text, core::Timestamp now,
                                                const core::TimeZone& tz, bool allow_unix = false);

// A date embedded in a URL path by CMSs: TRS "t20210630_123.html", "/202106/t20210630_…",
// "/2021-06/30/", "/2021/0630/", "/20210630/". Midnight in `tz`; nullopt when none.
std::optional<core::Timestamp> FindUrlDate(std::string_view url, const core::TimeZone& tz);

// Full-width ASCII (U+FF01–U+FF5E) → ASCII and the ideographic space (U+3000) and no-break space
// (U+00A0) → ' '; every other byte unchanged. Used before matching numbers in Chinese text.
std::string NormalizeWidth(std::string_view text);

}  // namespace govwatch::text
