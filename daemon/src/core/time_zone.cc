#include "core/time_zone.h"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace govwatch::core {
namespace {

std::int64_t ReadBigEndian(const std::string& data, size_t pos, size_t bytes) {
  std::uint64_t v = 0;
  for (size_t i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(data[pos + i]);
  if (bytes == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  return static_cast<std::int64_t>(v);
}

// "+08:00", "-0530", "UTC+8", "UTC" → offset seconds; false when not an offset form.
bool ParseFixedOffset(std::string name, std::int32_t& out) {
  if (name == "UTC" || name == "Z" || name == "GMT") {
    out = 0;
    return true;
  }
  if (name.starts_with("UTC") || name.starts_with("GMT")) name = name.substr(3);
  if (name.size() < 2 || (name[0] != '+' && name[0] != '-')) return false;
  const int sign = name[0] == '-' ? -1 : 1;
  std::string digits;
  for (size_t i = 1; i < name.size(); ++i) {
    if (name[i] == ':') continue;
    if (name[i] < '0' || name[i] > '9') return false;
    digits += name[i];
  }
  int h = 0, m = 0;
  if (digits.size() <= 2) {
    h = std::stoi(digits);
  } else if (digits.size() == 4) {
    h = std::stoi(digits.substr(0, 2));
    m = std::stoi(digits.substr(2));
  } else {
    return false;
  }
  if (h > 14 || m > 59) return false;
  out = sign * (h * 3600 + m * 60);
  return true;
}

}  // namespace

TimeZone::TimeZone() : name_("Asia/Shanghai") {}

TimeZone TimeZone::Fixed(std::chrono::seconds offset, std::string name) {
  TimeZone tz;
  tz.name_ = std::move(name);
  tz.initial_offset_ = static_cast<std::int32_t>(offset.count());
  return tz;
}

Result<TimeZone> TimeZone::Load(const std::string& name) {
  std::int32_t fixed = 0;
  if (ParseFixedOffset(name, fixed)) return Fixed(std::chrono::seconds{fixed}, name);
  if (name.empty() || name.find("..") != std::string::npos || name.front() == '/') {
    return MakeError("unknown time zone '" + name + "'");
  }
  std::ifstream in("/usr/share/zoneinfo/" + name, std::ios::binary);
  if (!in) return MakeError("unknown time zone '" + name + "'");
  const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto invalid = [&] { return MakeError("time zone '" + name + "': not a valid TZif file"); };
  if (data.size() < 44 || data.compare(0, 4, "TZif") != 0) return invalid();

  // Version 1 block with 32-bit times; version 2+ files repeat it with 64-bit times.
  auto counts_at = [&](size_t header, std::int64_t c[6]) {
    for (int i = 0; i < 6; ++i) c[i] = ReadBigEndian(data, header + 20 + 4 * i, 4);
  };
  std::int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  size_t header = 0;
  counts_at(header, c);
  size_t time_size = 4;
  if (data[4] >= '2') {
    const size_t v1_len = c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
    header = 44 + v1_len;
    if (data.size() < header + 44 || data.compare(header, 4, "TZif") != 0) return invalid();
    counts_at(header, c);
    time_size = 8;
  }
  const auto timecnt = static_cast<size_t>(c[3]);
  const auto typecnt = static_cast<size_t>(c[4]);
  const size_t times_at = header + 44;
  const size_t indices_at = times_at + timecnt * time_size;
  const size_t types_at = indices_at + timecnt;
  if (typecnt == 0 || data.size() < types_at + typecnt * 6) return invalid();

  TimeZone tz;
  tz.name_ = name;
  auto offset_of_type = [&](size_t type) {
    return static_cast<std::int32_t>(ReadBigEndian(data, types_at + type * 6, 4));
  };
  tz.initial_offset_ = offset_of_type(0);
  for (size_t i = 0; i < timecnt; ++i) {
    const auto type = static_cast<unsigned char>(data[indices_at + i]);
    if (type >= typecnt) return invalid();
    tz.transitions_.push_back({ReadBigEndian(data, times_at + i * time_size, time_size),
                               offset_of_type(type)});
  }
  // Times after the last transition use its offset; the POSIX footer rule (future DST) is not
  // read, which is exact for China's zones and every zone without DST.
  return tz;
}

std::chrono::seconds TimeZone::OffsetAt(Timestamp utc) const {
  const std::int64_t t = utc.time_since_epoch().count();
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t,
                             [](std::int64_t v, const Transition& tr) { return v < tr.at; });
  if (it == transitions_.begin()) return std::chrono::seconds{initial_offset_};
  return std::chrono::seconds{std::prev(it)->offset};
}

Timestamp TimeZone::ToUtc(LocalSeconds local) const {
  // Guess with the offset at (local - offset), then correct once; exact outside gaps/overlaps.
  const Timestamp guess{local.time_since_epoch()};
  auto offset = OffsetAt(guess - std::chrono::seconds{initial_offset_});
  offset = OffsetAt(guess - offset);
  return guess - offset;
}

long CalendarDaysBetween(Timestamp from, Timestamp to, const TimeZone& tz) {
  using std::chrono::days;
  const auto first = std::chrono::floor<days>(tz.ToLocal(from));
  const auto last = std::chrono::floor<days>(tz.ToLocal(to));
  return static_cast<long>((last - first).count());
}

}  // namespace govwatch::core
