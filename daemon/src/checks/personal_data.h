// Personal data (泄露个人信息): citizen ID numbers, mobile numbers and bank card numbers
// published in a page. A finding always shows the number masked (110105********1234,
// 138****5678, 622202*********0123); the full number is never put in a finding, message or log.
//
// Recognised numbers are digit runs not touching other digits or ASCII letters:
//   - ID number: 17 digits + check digit (0-9 or X) per GB 11643 (ISO 7064 MOD 11-2), a birth
//     date that exists, not before 1900 and not after `now`; written whole or as 6 8 4 groups;
//   - mobile: 11 digits 1[3-9]…; whole or as 3 4 4 groups (space or hyphen);
//   - bank card: 16 to 19 digits starting 3/4/5/6/9 with a valid Luhn check digit; whole or in
//     groups of 4; a valid ID number is never also reported as a card.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checks/content_issue.h"
#include "core/time.h"

namespace govwatch::checks {

inline constexpr char kPersonalData[] = "personal_data";

enum class PersonalDataKind { kIdNumber, kMobile, kBankCard };

struct PersonalDataMatch {
  PersonalDataKind kind;
  std::size_t begin = 0;  // byte offsets in the text, separators included
  std::size_t end = 0;
  std::string masked;
};

// True for 18 characters (17 digits + digit or X/x) with a valid MOD 11-2 check digit.
bool IsValidIdChecksum(std::string_view id);
// True when the digits pass the Luhn check.
bool IsLuhnValid(std::string_view digits);
// Masks a number given without separators: ID 6+8*+4, mobile 3+4*+4, card 6+*+4.
std::string MaskNumber(PersonalDataKind kind, std::string_view digits);

// Every personal number in `text`, in order. `now` bounds plausible birth dates.
std::vector<PersonalDataMatch> FindPersonalData(std::string_view text, core::Timestamp now);
// `text` with every personal number replaced by its masked form (for snippets).
std::string MaskPersonalData(std::string_view text, core::Timestamp now);
// One ContentIssue (veto) per personal number.
std::vector<ContentIssue> PersonalDataIssues(std::string_view text, core::Timestamp now);

}  // namespace govwatch::checks
