// The shared vocabulary of DESIGN.md §1 as plain value types: what every module passes around.
// No behaviour beyond names and parsing of the enumerations.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.h"

namespace govwatch::core {

// Where a date came from; printed in findings and stored with every update time (DESIGN.md §3).
enum class DateProvenance {
  kListDate,          // printed next to the link in a list page
  kMetaPubdate,       // <meta name="PubDate"> and friends
  kArticleDate,       // printed in the article body (发布时间：…)
  kScriptVar,         // a script variable, e.g. WeChat's var ct = "1581516874"
  kFeedDate,          // RSS/Atom/JSON Feed entry date
  kHttpLastModified,  // the Last-Modified response header
  kUrlDate,           // only the URL has a date (…/t20210630_123.html); weakest
  kFirstSeen,         // no date anywhere: when govwatch first saw the item
};
std::string_view ToString(DateProvenance p);
std::optional<DateProvenance> ParseDateProvenance(std::string_view s);

// 栏目类型. Thresholds for freshness depend on it (DESIGN.md §2).
enum class ColumnKind {
  kHomepage, kNews, kNotice, kPolicy, kInterpretation, kPersonnel, kPlanning, kInteraction,
  kService, kDisclosure, kOther,
};
std::string_view ToString(ColumnKind k);
std::optional<ColumnKind> ParseColumnKind(std::string_view s);
// The Chinese name used in messages: 动态要闻, 通知公告, …
std::string_view ChineseName(ColumnKind k);

enum class Platform { kWechat, kWeibo, kDouyin, kToutiao, kKuaishou, kBilibili, kOther };
std::string_view ToString(Platform p);
std::optional<Platform> ParsePlatform(std::string_view s);
std::string_view ChineseName(Platform p);  // 微信公众号, 新浪微博, 抖音, …

// 单项否决 / 扣分 / 预警 / 提示, most severe first.
enum class Severity { kVeto, kDeduction, kWarning, kInfo };
std::string_view ToString(Severity s);
std::string_view ChineseName(Severity s);

// A dated moment with the place it was read from.
struct DatedTime {
  Timestamp time;
  DateProvenance provenance = DateProvenance::kFirstSeen;
};

// One entry in a list page or feed (信息).
struct Item {
  std::string title;
  std::string url;  // absolute
  std::optional<Timestamp> published;  // nullopt: no date found
  DateProvenance provenance = DateProvenance::kFirstSeen;  // meaningful only when published
  bool pinned = false;  // 置顶: excluded from "newest" for accounts
};

// Outcome of one check on one subject.
enum class CheckStatus { kOk, kProblem, kUnknown };

// 问题: one problem found by a check, with evidence.
struct Finding {
  std::string target_id;  // site, column ("site/column") or account id
  std::string unit_id;
  std::string check;      // e.g. "column_freshness"
  std::string subject;    // what within the target, e.g. the column id; "" for the target itself
  Severity severity = Severity::kInfo;
  std::string message;    // Chinese, for people
  std::string evidence_url;
  std::optional<DatedTime> last_update;
  // Labelled parts of the finding for tables, in the check's order, so that readers (the
  // report's annex 6: 错误 / 建议 / 位置) never parse `message`. Keys are English identifiers
  // documented by the check that sets them (content checks: wrong, suggestion, category,
  // position, snippet); empty for most checks.
  std::vector<std::pair<std::string, std::string>> details;

  // The value of details key `key`, or "".
  const std::string& Detail(std::string_view key) const;
};

}  // namespace govwatch::core
