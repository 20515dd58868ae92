#include "checks/personal_data.h"

#include <chrono>

namespace govwatch::checks {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A run of digit groups separated by single spaces or hyphens.
struct DigitRun {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string digits;              // separators removed; may end with X
  std::vector<std::size_t> groups;  // lengths of the groups
};

bool PlausibleBirthDate(std::string_view yyyymmdd, core::Timestamp now) {
  const int year = std::stoi(std::string(yyyymmdd.substr(0, 4)));
  const int month = std::stoi(std::string(yyyymmdd.substr(4, 2)));
  const int day = std::stoi(std::string(yyyymmdd.substr(6, 2)));
  if (year < 1900) return false;
  const auto local = core::MakeLocal(year, month, day);
  if (!local) return false;
  // Compare as civil dates; UTC is close enough for a plausibility bound.
  return std::chrono::sys_seconds(local->time_since_epoch()) <= now;
}

bool GroupsAre(const std::vector<std::size_t>& groups, std::initializer_list<std::size_t> want) {
  return groups.size() == want.size() && std::equal(groups.begin(), groups.end(), want.begin());
}

bool GroupsOfFour(const std::vector<std::size_t>& groups) {
  if (groups.size() < 4) return false;
  for (std::size_t i = 0; i + 1 < groups.size(); ++i) {
    if (groups[i] != 4) return false;
  }
  return groups.back() >= 1 && groups.back() <= 4;
}

std::optional<PersonalDataMatch> Classify(const DigitRun& run, core::Timestamp now) {
  const std::string& d = run.digits;
  const bool whole = run.groups.size() == 1;
  const bool ends_with_x = !d.empty() && (d.back() == 'X' || d.back() == 'x');
  if (d.size() == 18 && (whole || GroupsAre(run.groups, {6, 8, 4})) && IsValidIdChecksum(d) &&
      PlausibleBirthDate(std::string_view(d).substr(6, 8), now)) {
    return PersonalDataMatch{PersonalDataKind::kIdNumber, run.begin, run.end,
                             MaskNumber(PersonalDataKind::kIdNumber, d)};
  }
  if (ends_with_x) return std::nullopt;
  if (d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' &&
      (whole || GroupsAre(run.groups, {3, 4, 4}))) {
    return PersonalDataMatch{PersonalDataKind::kMobile, run.begin, run.end,
                             MaskNumber(PersonalDataKind::kMobile, d)};
  }
  if (d.size() >= 16 && d.size() <= 19 && std::string_view("34569").find(d[0]) != std::string_view::npos &&
      (whole || GroupsOfFour(run.groups)) && IsLuhnValid(d)) {
    return PersonalDataMatch{PersonalDataKind::kBankCard, run.begin, run.end,
                             MaskNumber(PersonalDataKind::kBankCard, d)};
  }
  return std::nullopt;
}

std::string_view CategoryOf(PersonalDataKind kind) {
  switch (kind) {
    case PersonalDataKind::kIdNumber: return "id_number";
    case PersonalDataKind::kMobile: return "mobile";
    case PersonalDataKind::kBankCard: return "bank_card";
  }
  return "";
}

std::string_view ChineseNameOf(PersonalDataKind kind) {
  switch (kind) {
    case PersonalDataKind::kIdNumber: return "身份证号码";
    case PersonalDataKind::kMobile: return "手机号码";
    case PersonalDataKind::kBankCard: return "银行卡号";
  }
  return "";
}

}  // namespace

bool IsValidIdChecksum(std::string_view id) {
  if (id.size() != 18) return false;
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (!IsDigit(id[i])) return false;
    sum += (id[i] - '0') * kWeights[i];
  }
  const char last = id[17] == 'x' ? 'X' : id[17];
  return kCheck[sum % 11] == last;
}

bool IsLuhnValid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (!IsDigit(*it)) return false;
    int v = *it - '0';
    if (twice) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    twice = !twice;
  }
  return sum % 10 == 0;
}

std::string MaskNumber(PersonalDataKind kind, std::string_view digits) {
  std::size_t keep_head = 6;
  std::size_t keep_tail = 4;
  if (kind == PersonalDataKind::kMobile) keep_head = 3;
  if (digits.size() <= keep_head + keep_tail) return std::string(digits.size(), '*');
  return std::string(digits.substr(0, keep_head)) +
         std::string(digits.size() - keep_head - keep_tail, '*') +
         std::string(digits.substr(digits.size() - keep_tail));
}

std::vector<PersonalDataMatch> FindPersonalData(std::string_view text, core::Timestamp now) {
  std::vector<PersonalDataMatch> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i]) || (i > 0 && (IsDigit(text[i - 1]) || IsAsciiLetter(text[i - 1])))) {
      ++i;
      continue;
    }
    DigitRun run;
    run.begin = i;
    std::size_t group = 0;
    std::size_t j = i;
    while (j < text.size()) {
      if (IsDigit(text[j])) {
        run.digits.push_back(text[j]);
        ++group;
        ++j;
      } else if ((text[j] == 'X' || text[j] == 'x') && run.digits.size() == 17) {
        run.digits.push_back(text[j]);
        ++group;
        ++j;
        break;  // the check digit ends an ID number
      } else if ((text[j] == ' ' || text[j] == '-') && group > 0 && j + 1 < text.size() &&
                 IsDigit(text[j + 1])) {
        run.groups.push_back(group);
        group = 0;
        ++j;
      } else {
        break;
      }
    }
    run.groups.push_back(group);
    run.end = j;
    const bool touches = j < text.size() && (IsDigit(text[j]) || IsAsciiLetter(text[j]));
    if (!touches && run.digits.size() <= 19) {
      if (auto m = Classify(run, now)) out.push_back(std::move(*m));
    }
    // Also try the first group alone ("手机 13812345678 2021" reads as one run otherwise).
    if (out.empty() || out.back().begin != run.begin) {
      if (run.groups.size() > 1) {
        DigitRun first;
        first.begin = run.begin;
        first.digits = run.digits.substr(0, run.groups[0]);
        first.groups = {run.groups[0]};
        first.end = run.begin + run.groups[0];
        if (auto m = Classify(first, now)) {
          out.push_back(std::move(*m));
          i = first.end;
          continue;
        }
      }
    }
    i = j > i ? j : i + 1;
  }
  return out;
}

std::string MaskPersonalData(std::string_view text, core::Timestamp now) {
  std::string out;
  std::size_t pos = 0;
  for (const auto& m : FindPersonalData(text, now)) {
    out.append(text.substr(pos, m.begin - pos));
    out.append(m.masked);
    pos = m.end;
  }
  out.append(text.substr(pos));
  return out;
}

std::vector<ContentIssue> PersonalDataIssues(std::string_view text, core::Timestamp now) {
  std::vector<ContentIssue> out;
  for (const auto& m : FindPersonalData(text, now)) {
    ContentIssue issue;
    issue.check = kPersonalData;
    issue.begin = m.begin;
    issue.end = m.end;
    issue.wrong = m.masked;
    issue.category = CategoryOf(m.kind);
    issue.category_zh = ChineseNameOf(m.kind);
    issue.severity = core::Severity::kVeto;
    out.push_back(std::move(issue));
  }
  return out;
}

}  // namespace govwatch::checks
