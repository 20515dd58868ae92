#include "text/date_parse.h"

#include <array>
#include <cctype>
#include <chrono>
#include <cstdint>

namespace govwatch::text {

using core::Timestamp;
namespace {

using namespace std::chrono;
using core::LocalSeconds;

// The text after NormalizeWidth plus, for every byte of it, the offset of the original byte it
// came from, so matches can be reported in the caller's offsets.
struct Normalized {
  std::string s;
  std::vector<std::size_t> origin;  // size s.size() + 1
};

Normalized NormalizeWithOffsets(std::string_view in) {
  Normalized out;
  out.s.reserve(in.size());
  out.origin.reserve(in.size() + 1);
  std::size_t i = 0;
  while (i < in.size()) {
    const auto b0 = static_cast<unsigned char>(in[i]);
    if (b0 == 0xEF && i + 2 < in.size()) {
      const auto b1 = static_cast<unsigned char>(in[i + 1]);
      const auto b2 = static_cast<unsigned char>(in[i + 2]);
      // U+FF01..U+FF3F = EF BC 81..BF, U+FF40..U+FF5E = EF BD 80..9E.
      int cp = -1;
      if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) cp = 0xFF00 + (b2 - 0x80);
      if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) cp = 0xFF40 + (b2 - 0x80);
      if (cp >= 0) {
        out.s.push_back(static_cast<char>(cp - 0xFEE0));
        out.origin.push_back(i);
        i += 3;
        continue;
      }
    }
    if (b0 == 0xE3 && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0x80 &&
        static_cast<unsigned char>(in[i + 2]) == 0x80) {
      out.s.push_back(' ');
      out.origin.push_back(i);
      i += 3;
      continue;
    }
    if (b0 == 0xC2 && i + 1 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0xA0) {
      out.s.push_back(' ');
      out.origin.push_back(i);
      i += 2;
      continue;
    }
    out.s.push_back(in[i]);
    out.origin.push_back(i);
    ++i;
  }
  out.origin.push_back(in.size());
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

constexpr std::string_view kNian = "年";
constexpr std::string_view kYue = "月";
constexpr std::string_view kRi = "日";
constexpr std::string_view kHao = "号";
constexpr std::string_view kShi = "时";
constexpr std::string_view kDian = "点";
constexpr std::string_view kFen = "分";
constexpr std::string_view kMiao = "秒";

// Labels that mark a publication date, longest first so label_begin covers the whole label.
constexpr std::array<std::string_view, 14> kLabels = {
    "发布时间", "发布日期", "成文日期", "更新时间", "发文日期", "印发日期", "发表时间",
    "生成日期", "公开日期", "创建时间", "时间", "日期", "发布", "更新"};

class Scanner {
 public:
  Scanner(const std::string& s, std::size_t pos) : s_(s), pos_(pos) {}
  std::size_t pos() const { return pos_; }
  void set_pos(std::size_t p) { pos_ = p; }
  char Peek(std::size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }
  // Reads 1..max_digits digits, failing when more digits follow (a longer number is not a date
  // part).
  bool Number(int min_digits, int max_digits, int& value) {
    std::size_t p = pos_;
    int v = 0, n = 0;
    while (p < s_.size() && IsDigit(s_[p])) {
      if (++n > max_digits) return false;
      v = v * 10 + (s_[p] - '0');
      ++p;
    }
    if (n < min_digits) return false;
    value = v;
    pos_ = p;
    return true;
  }
  bool Literal(std::string_view lit) {
    if (s_.compare(pos_, lit.size(), lit) != 0) return false;
    pos_ += lit.size();
    return true;
  }
  bool Char(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  void SkipSpaces(int max) {
    while (max-- > 0 && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) {
      ++pos_;
    }
  }

 private:
  const std::string& s_;
  std::size_t pos_;
};

struct RawDate {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  bool has_year = false, has_time = false;
  std::size_t end = 0;
};

// An optional time right after a date: " 10:30", "10:30:15", "T10:30", " 10时30分(15秒)".
void MatchTime(const std::string& s, std::size_t pos, RawDate& date) {
  Scanner sc(s, pos);
  if (!sc.Char('T')) sc.SkipSpaces(3);
  int h = 0, m = 0, sec = 0;
  if (!sc.Number(1, 2, h)) return;
  if (sc.Char(':')) {
    if (!sc.Number(2, 2, m)) return;
    const std::size_t before_seconds = sc.pos();
    if (!(sc.Char(':') && sc.Number(2, 2, sec))) {
      sc.set_pos(before_seconds);
      sec = 0;
    }
    if (IsDigit(sc.Peek())) return;
  } else if (sc.Literal(kShi) || sc.Literal(kDian)) {
    if (!sc.Number(1, 2, m) || !sc.Literal(kFen)) return;
    const std::size_t before_seconds = sc.pos();
    if (!(sc.Number(1, 2, sec) && sc.Literal(kMiao))) {
      sc.set_pos(before_seconds);
      sec = 0;
    }
  } else {
    return;
  }
  if (h > 23 || m > 59 || sec > 59) return;
  date.hour = h;
  date.minute = m;
  date.second = sec;
  date.has_time = true;
  date.end = sc.pos();
}

// A date starting at `pos`, which must be the first digit of a number.
std::optional<RawDate> MatchDateAt(const std::string& s, std::size_t pos) {
  if (pos > 0) {
    const char prev = s[pos - 1];
    if (IsDigit(prev) || IsAsciiAlpha(prev) || prev == '_') return std::nullopt;
    // "1.2021.06.30", "0954-2021-06-30": a number that continues an earlier number.
    if ((prev == '.' || prev == '-' || prev == '/' || prev == ':') && pos > 1 &&
        IsDigit(s[pos - 2])) {
      return std::nullopt;
    }
  }
  Scanner sc(s, pos);
  RawDate d;
  int first = 0;
  if (!sc.Number(1, 4, first)) return std::nullopt;
  const std::size_t first_len = sc.pos() - pos;
  if (first_len == 4) {
    if (first < 1949 || first > 2100) return std::nullopt;
    d.year = first;
    d.has_year = true;
    const char sep = sc.Peek();
    if (sep == '-' || sep == '/' || sep == '.') {
      sc.Char(sep);
      if (!sc.Number(1, 2, d.month) || !sc.Char(sep) || !sc.Number(1, 2, d.day)) {
        return std::nullopt;
      }
      // "2021.06.30.1" and "2021-06-30-2" are identifiers, not dates.
      if ((sc.Peek() == '.' || sc.Peek() == '-' || sc.Peek() == '/') && IsDigit(sc.Peek(1))) {
        return std::nullopt;
      }
    } else if (sc.Literal(kNian)) {
      sc.SkipSpaces(1);
      if (!sc.Number(1, 2, d.month)) return std::nullopt;
      sc.SkipSpaces(1);
      if (!sc.Literal(kYue)) return std::nullopt;
      sc.SkipSpaces(1);
      if (!sc.Number(1, 2, d.day)) return std::nullopt;
      sc.SkipSpaces(1);
      if (!sc.Literal(kRi) && !sc.Literal(kHao)) {
        if (IsDigit(sc.Peek())) return std::nullopt;
      }
    } else {
      return std::nullopt;
    }
  } else if (first_len <= 2) {
    d.month = first;
    const char sep = sc.Peek();
    if (sep == '-' || sep == '/') {
      // Year-less numeric dates need two-digit fields: "06-30" is a date, "3-5" (第3-5条) not.
      if (first_len != 2) return std::nullopt;
      sc.Char(sep);
      const std::size_t day_start = sc.pos();
      if (!sc.Number(2, 2, d.day) || sc.pos() - day_start != 2) return std::nullopt;
      if ((sc.Peek() == '-' || sc.Peek() == '/' || sc.Peek() == '.') && IsDigit(sc.Peek(1))) {
        return std::nullopt;
      }
    } else if (sc.Literal(kYue)) {
      if (!sc.Number(1, 2, d.day)) return std::nullopt;
      if (!sc.Literal(kRi) && !sc.Literal(kHao)) return std::nullopt;
    } else {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  d.end = sc.pos();
  MatchTime(s, d.end, d);
  return d;
}

std::optional<LocalSeconds> ToLocal(const RawDate& d, Timestamp now, const core::TimeZone& tz) {
  if (d.has_year) return core::MakeLocal(d.year, d.month, d.day, d.hour, d.minute, d.second);
  const auto today = floor<days>(tz.ToLocal(now));
  int year = static_cast<int>(year_month_day{today}.year());
  // Not in the future: this year, or the latest earlier year where the date exists (2-29).
  for (int tries = 0; tries < 8; ++tries, --year) {
    const auto local = core::MakeLocal(year, d.month, d.day, d.hour, d.minute, d.second);
    if (local && floor<days>(*local) <= today) return local;
  }
  return std::nullopt;
}

std::optional<std::size_t> LabelBefore(const std::string& s, std::size_t begin) {
  std::size_t p = begin;
  while (p > 0 && s[p - 1] == ' ') --p;
  if (p == 0 || s[p - 1] != ':') return std::nullopt;
  --p;
  while (p > 0 && s[p - 1] == ' ') --p;
  const std::string_view head(s.data(), p);
  for (const std::string_view label : kLabels) {
    if (head.ends_with(label)) return p - label.size();
  }
  return std::nullopt;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string NormalizeWidth(std::string_view text) { return NormalizeWithOffsets(text).s; }

std::vector<DateMatch> FindDates(std::string_view text, Timestamp now, const core::TimeZone& tz) {
  std::vector<DateMatch> out;
  const Normalized n = NormalizeWithOffsets(text);
  const std::string& s = n.s;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!IsDigit(s[i])) {
      ++i;
      continue;
    }
    const auto raw = MatchDateAt(s, i);
    if (raw) {
      if (const auto local = ToLocal(*raw, now, tz)) {
        DateMatch m;
        m.begin = n.origin[i];
        m.end = n.origin[raw->end];
        m.local = *local;
        m.utc = tz.ToUtc(*local);
        m.has_year = raw->has_year;
        m.has_time = raw->has_time;
        if (const auto label = LabelBefore(s, i)) m.label_begin = n.origin[*label];
        out.push_back(m);
      }
      // An invalid date ("2021年2月29日") is skipped whole, so its tail is not read as "2月29日".
      i = raw->end;
      continue;
    }
    while (i < s.size() && IsDigit(s[i])) ++i;  // the rest of this number cannot start a date
  }
  return out;
}

std::optional<Timestamp> ParseChineseDate(std::string_view text, Timestamp now,
                                          const core::TimeZone& tz) {
  const auto all = FindDates(text, now, tz);
  if (all.empty()) return std::nullopt;
  return all.front().utc;
}

std::optional<DateMatch> FindLabelledDate(std::string_view text, Timestamp now,
                                          const core::TimeZone& tz) {
  for (const DateMatch& m : FindDates(text, now, tz)) {
    if (m.label_begin) return m;
  }
  return std::nullopt;
}

std::optional<Timestamp> ParseUnixTimestamp(std::string_view text) {
  text = Trim(text);
  if (text.size() < 9 || text.size() > 13 || text.size() == 11) return std::nullopt;
  std::int64_t v = 0;
  for (const char c : text) {
    if (!IsDigit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (text.size() >= 12) v /= 1000;
  // 1995-01-01 .. 2100-01-01: anything else is an id, not a time.
  if (v < 788918400 || v > 4102444800) return std::nullopt;
  return Timestamp{seconds{v}};
}

std::optional<Timestamp> ParseRfc822(std::string_view text, const core::TimeZone& tz) {
  // Split on spaces and commas.
  std::vector<std::string_view> tok;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != ',' && text[i] != '\t') ++i;
    if (i > start) tok.push_back(text.substr(start, i - start));
  }
  std::size_t k = 0;
  auto lower = [](std::string_view t) {
    std::string r(t);
    for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return r;
  };
  auto number = [](std::string_view t, int& v) {
    if (t.empty() || t.size() > 4) return false;
    v = 0;
    for (const char c : t) {
      if (!IsDigit(c)) return false;
      v = v * 10 + (c - '0');
    }
    return true;
  };
  if (k < tok.size() && IsAsciiAlpha(tok[k].front())) ++k;  // day name
  int day = 0, year = 0, month = 0;
  if (k + 3 > tok.size() || !number(tok[k], day)) return std::nullopt;
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string mon = lower(tok[k + 1]);
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (mon.starts_with(kMonths[m])) month = static_cast<int>(m) + 1;
  }
  if (month == 0 || !number(tok[k + 2], year)) return std::nullopt;
  if (tok[k + 2].size() == 2) year += year < 50 ? 2000 : 1900;
  k += 3;
  int h = 0, mi = 0, se = 0;
  if (k < tok.size()) {
    const std::string_view t = tok[k];
    if (t.size() < 5 || t[2] != ':' || !number(t.substr(0, 2), h) || !number(t.substr(3, 2), mi)) {
      return std::nullopt;
    }
    if (t.size() == 8 && t[5] == ':') {
      if (!number(t.substr(6, 2), se)) return std::nullopt;
    } else if (t.size() != 5) {
      return std::nullopt;
    }
    ++k;
  }
  const auto local = core::MakeLocal(year, month, day, h, mi, se);
  if (!local) return std::nullopt;
  if (k >= tok.size()) return tz.ToUtc(*local);
  const std::string zone = lower(tok[k]);
  int offset_minutes = 0;
  if (zone == "gmt" || zone == "ut" || zone == "utc" || zone == "z") {
    offset_minutes = 0;
  } else if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 5) {
    int hhmm = 0;
    if (!number(std::string_view(zone).substr(1), hhmm)) return std::nullopt;
    offset_minutes = (hhmm / 100) * 60 + hhmm % 100;
    if (zone[0] == '-') offset_minutes = -offset_minutes;
  } else {
    static constexpr std::array<std::pair<std::string_view, int>, 8> kZones = {{
        {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
        {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7},
    }};
    bool found = false;
    for (const auto& [name, hours] : kZones) {
      if (zone == name) {
        offset_minutes = hours * 60;
        found = true;
      }
    }
    if (!found) return std::nullopt;
  }
  return Timestamp{local->time_since_epoch()} - minutes{offset_minutes};
}

std::optional<Timestamp> ParseMachineDate(std::string_view text, Timestamp now,
                                          const core::TimeZone& tz, bool allow_unix) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  if (allow_unix) {
    if (const auto t = ParseUnixTimestamp(text)) return t;
  }
  // An RFC 3339 time with an explicit offset gives the same instant whatever default offset is
  // passed; one without an offset is a civil time and is read in the site's zone below.
  const auto a = core::ParseIso8601(text, seconds{0});
  const auto b = core::ParseIso8601(text, seconds{3600});
  if (a.ok() && b.ok() && *a == *b) return *a;
  if (const auto t = ParseRfc822(text, tz)) return t;
  return ParseChineseDate(text, now, tz);
}

std::optional<Timestamp> FindUrlDate(std::string_view url, const core::TimeZone& tz) {
  // Only the path: hosts and query strings carry ids, not dates.
  std::size_t path_start = 0;
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos) {
    path_start = url.find('/', scheme + 3);
    if (path_start == std::string_view::npos) return std::nullopt;
  }
  std::string_view path = url.substr(path_start);
  if (const auto q = path.find_first_of("?#"); q != std::string_view::npos) {
    path = path.substr(0, q);
  }
  struct Run {
    std::size_t begin, len;
    int value;
  };
  std::vector<Run> runs;
  for (std::size_t i = 0; i < path.size();) {
    if (!IsDigit(path[i])) {
      ++i;
      continue;
    }
    Run r{i, 0, 0};
    while (i < path.size() && IsDigit(path[i])) {
      if (r.len < 9) r.value = r.value * 10 + (path[i] - '0');
      ++r.len;
      ++i;
    }
    runs.push_back(r);
  }
  auto make = [&](int y, int m, int d) -> std::optional<Timestamp> {
    if (y < 1995 || y > 2100) return std::nullopt;
    const auto local = core::MakeLocal(y, m, d);
    if (!local) return std::nullopt;
    return tz.ToUtc(*local);
  };
  auto sep_between = [&](const Run& a, const Run& b) {
    return b.begin == a.begin + a.len + 1 ? path[a.begin + a.len] : '\0';
  };
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const Run& r = runs[k];
    if (r.len == 8) {  // t20210630_, /20210630/
      if (const auto t = make(r.value / 10000, r.value / 100 % 100, r.value % 100)) return t;
    }
    if (k + 1 >= runs.size()) continue;
    const Run& n1 = runs[k + 1];
    const char s1 = sep_between(r, n1);
    if (r.len == 6 && s1 == '/' && n1.len == 2) {  // /202106/30/
      if (const auto t = make(r.value / 100, r.value % 100, n1.value)) return t;
    }
    if (r.len == 4 && s1 == '/' && n1.len == 4) {  // /2021/0630/
      if (const auto t = make(r.value, n1.value / 100, n1.value % 100)) return t;
    }
    if (r.len == 4 && (s1 == '/' || s1 == '-') && n1.len <= 2 && k + 2 < runs.size()) {
      const Run& n2 = runs[k + 2];  // /2021/6/30/, /2021-06/30/, /2021-06-30/
      const char s2 = sep_between(n1, n2);
      if ((s2 == '/' || s2 == '-') && n2.len <= 2) {
        if (const auto t = make(r.value, n1.value, n2.value)) return t;
      }
    }
  }
  return std::nullopt;
}

}  // namespace govwatch::text
