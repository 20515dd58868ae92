#include "date_template.h"

#include <ctime>
#include <optional>

namespace govwatch::testing {
namespace {

constexpr std::chrono::hours kShanghai{8};

std::optional<std::chrono::seconds> ParseOffset(std::string_view s) {
  std::chrono::seconds total{0};
  if (s.empty()) return total;
  int sign = 1;
  if (s.front() == '-' || s.front() == '+') {
    sign = s.front() == '-' ? -1 : 1;
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  while (!s.empty()) {
    long n = 0;
    size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') n = n * 10 + (s[i++] - '0');
    if (i == 0 || i >= s.size() || i > 6) return std::nullopt;
    if (s[i] == 'd') {
      total += std::chrono::days(n);
    } else if (s[i] == 'h') {
      total += std::chrono::hours(n);
    } else {
      return std::nullopt;
    }
    s.remove_prefix(i + 1);
  }
  return sign * total;
}

std::string Strftime(core::Timestamp t, const std::string& format) {
  const auto local = t + kShanghai;  // fields of the UTC+8 wall clock
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(local - day);
  std::tm tm{};
  tm.tm_year = static_cast<int>(ymd.year()) - 1900;
  tm.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
  tm.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
  tm.tm_hour = static_cast<int>(hms.hours().count());
  tm.tm_min = static_cast<int>(hms.minutes().count());
  tm.tm_sec = static_cast<int>(hms.seconds().count());
  tm.tm_wday = static_cast<int>(std::chrono::weekday(day).c_encoding());
  char buf[256];
  const size_t n = std::strftime(buf, sizeof buf, format.c_str(), &tm);
  return std::string(buf, n);
}

// The expansion of the text between "{{" and "}}", or nullopt to leave it alone.
std::optional<std::string> Expand(std::string_view expr, core::Timestamp now, std::uint16_t port) {
  if (expr == "port") return std::to_string(port);
  const size_t colon = expr.find(':');
  const std::string_view kind = expr.substr(0, colon);
  std::string_view rest = colon == std::string_view::npos ? "" : expr.substr(colon + 1);
  std::string_view offset_text = rest;
  std::optional<std::string> format;
  if (kind == "date") {
    const size_t c2 = rest.find(':');
    if (c2 != std::string_view::npos) {
      offset_text = rest.substr(0, c2);
      format = std::string(rest.substr(c2 + 1));
    }
  }
  const std::optional<std::chrono::seconds> offset = ParseOffset(offset_text);
  if (!offset) return std::nullopt;
  const core::Timestamp t = now + *offset;
  if (kind == "date") return Strftime(t, format.value_or("%Y-%m-%d"));
  if (kind == "unix") return std::to_string(t.time_since_epoch().count());
  if (kind == "rfc822") return Strftime(t, "%a, %d %b %Y %H:%M:%S +0800");
  if (kind == "iso") return core::FormatIso8601(t, kShanghai);
  return std::nullopt;
}

}  // namespace

std::string ExpandTemplates(std::string_view text, core::Timestamp now, std::uint16_t port) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    const size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    if (auto value = Expand(text.substr(open + 2, close - open - 2), now, port)) {
      out += *value;
    } else {
      out.append(text.substr(open, close + 2 - open));
    }
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace govwatch::testing
