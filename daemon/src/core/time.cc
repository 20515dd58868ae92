#include "core/time.h"

#include <charconv>
#include <cstdio>

namespace govwatch::core {
namespace {

using namespace std::chrono;

bool ReadInt(std::string_view& s, size_t digits, int& out) {
  if (s.size() < digits) return false;
  int v = 0;
  for (size_t i = 0; i < digits; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  s.remove_prefix(digits);
  return true;
}

bool Consume(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

}  // namespace

std::string FormatIso8601(Timestamp t, seconds offset, bool use_z) {
  const auto local = t + offset;
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{local - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()));
  std::string out = buf;
  if (offset == seconds{0} && use_z) return out + "Z";
  const long total = offset.count();
  const long abs_minutes = (total < 0 ? -total : total) / 60;
  std::snprintf(buf, sizeof buf, "%c%02ld:%02ld", total < 0 ? '-' : '+', abs_minutes / 60,
                abs_minutes % 60);
  return out + buf;
}

std::string FormatDate(Timestamp t, seconds offset) {
  return FormatIso8601(t, offset).substr(0, 10);
}

std::optional<LocalSeconds> MakeLocal(int year, int month, int day, int hour, int minute,
                                      int second) {
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                           std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
      second > 60) {
    return std::nullopt;
  }
  return local_days{ymd} + hours{hour} + minutes{minute} + seconds{second == 60 ? 59 : second};
}

Result<Timestamp> ParseIso8601(std::string_view text, seconds default_offset) {
  std::string_view s = text;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  auto bad = [&] { return MakeError("invalid ISO 8601 time '" + std::string(text) + "'"); };
  if (!ReadInt(s, 4, y) || !Consume(s, '-') || !ReadInt(s, 2, mo) || !Consume(s, '-') ||
      !ReadInt(s, 2, d)) {
    return bad();
  }
  if (!s.empty() && (s.front() == 'T' || s.front() == ' ')) {
    s.remove_prefix(1);
    if (!ReadInt(s, 2, h) || !Consume(s, ':') || !ReadInt(s, 2, mi)) return bad();
    if (Consume(s, ':') && !ReadInt(s, 2, se)) return bad();
    if (Consume(s, '.') || Consume(s, ',')) {
      while (!s.empty() && s.front() >= '0' && s.front() <= '9') s.remove_prefix(1);
    }
  }
  seconds offset = default_offset;
  if (Consume(s, 'Z') || Consume(s, 'z')) {
    offset = seconds{0};
  } else if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    const int sign = s.front() == '-' ? -1 : 1;
    s.remove_prefix(1);
    int oh = 0, om = 0;
    if (!ReadInt(s, 2, oh)) return bad();
    Consume(s, ':');
    if (!s.empty() && !ReadInt(s, 2, om)) return bad();
    offset = seconds{sign * (oh * 3600 + om * 60)};
  }
  if (!s.empty()) return bad();
  const auto local = MakeLocal(y, mo, d, h, mi, se);
  if (!local) return bad();
  return Timestamp{local->time_since_epoch()} - offset;
}

long DaysBetween(Timestamp from, Timestamp to) {
  return static_cast<long>(floor<days>(to - from).count());
}

Result<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  auto bad = [&] {
    return MakeError("invalid duration '" + std::string(text) +
                     "' (expected e.g. 500ms, 15s, 2m, 1h30m, 7d)");
  };
  if (text.empty()) return bad();
  std::chrono::milliseconds total{0};
  std::string_view s = text;
  while (!s.empty()) {
    long long n = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc{} || ptr == s.data() || n < 0) return bad();
    s.remove_prefix(static_cast<size_t>(ptr - s.data()));
    // Far beyond any sensible setting, and small enough that n × mult × 1000 cannot overflow.
    constexpr long long kMaxCount = 1'000'000'000LL;
    if (n > kMaxCount) return bad();
    if (s.starts_with("ms")) {
      total += milliseconds{n};
      s.remove_prefix(2);
    } else if (!s.empty() && (s.front() == 's' || s.front() == 'm' || s.front() == 'h' ||
                              s.front() == 'd' || s.front() == 'w')) {
      const char unit = s.front();
      s.remove_prefix(1);
      const long long mult = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600
                             : unit == 'd' ? 86400 : 7 * 86400;
      total += milliseconds{n * mult * 1000};
    } else {
      return bad();
    }
  }
  return total;
}

}  // namespace govwatch::core
