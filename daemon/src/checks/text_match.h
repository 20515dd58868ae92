// Tolerant text keys for matching what people write in different ways: 文号 with 〔〕, [], (),
// （） or 【】 and stray spaces, titles with or without quotes and punctuation, full-width digits.
// A key keeps letters, digits and CJK ideographs, drops punctuation and white space, folds
// full-width ASCII to ASCII and ASCII letters to lower case; two texts match when one key
// contains the other.
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace govwatch::checks {

// "固政规发〔2021〕3 号" → "固政规发20213号"; "《固原市 突发事件…》" → "固原市突发事件…".
std::string MatchKey(std::string_view text);

// The titles quoted with 《…》 in `text`, in order (nested quotes give the outer title).
std::vector<std::string> QuotedTitles(std::string_view text);

// The names a policy document goes by in an interpretation: its quoted titles 《…》, and its own
// title with the issuer's "…关于" prefix and the "印发…的通知" wrapper removed:
// "固原市人民政府办公室关于印发《固原市防汛抗旱应急预案》等21部…的通知" →
// {"固原市防汛抗旱应急预案", "印发《固原市防汛抗旱应急预案》等21部…的通知"…}. Keys shorter than
// four characters are dropped (they would match anything).
std::vector<std::string> DocumentTitleKeys(std::string_view title);

}  // namespace govwatch::checks
