// Message lists of interaction columns (政民互动, 留言, 咨询, 信箱) for 互动回应差 (issue 6): each
// message's title, URL, submission date and reply state/date.
//
// With configured XPaths (MessageSelectors.item_xpath) exactly those nodes are read. Without,
// three common layouts are detected:
//  - tables with a header row naming the columns: 标题/主题, 留言时间/提交时间/来信时间,
//    回复时间/答复时间/办结时间, 状态/办理状态/回复状态;
//  - lists (li/div/dl rows) with a link, a date and a state label 已回复/已答复/已办结 ·
//    未回复/未答复/待回复 · 办理中/处理中/受理中, and optionally a second, labelled reply date
//    (回复时间：…);
//  - detail blocks (one message per block): 留言标题：…, 留言时间：…, 回复时间：… / 回复内容：….
// State: an explicit label wins; else a reply date means replied; else "回复内容" text means
// replied; else unknown.
//
// Pure; thread-safe. Error only for an invalid configured XPath.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "extract/extract.h"

namespace govwatch::extract {

enum class ReplyState { kUnknown, kReplied, kUnanswered, kInProgress };
std::string_view ToString(ReplyState s);     // "unknown", "replied", "unanswered", "in_progress"
std::string_view ChineseName(ReplyState s);  // 未知, 已回复, 未回复, 办理中

struct Message {
  std::string title;
  std::string url;  // absolute; "" when the message has no link
  std::optional<core::Timestamp> submitted_at;
  std::optional<core::Timestamp> replied_at;
  ReplyState state = ReplyState::kUnknown;
};

// Configured selectors (config::Column: item_xpath, title_xpath, date_xpath for the submission
// date, reply_date_xpath, reply_state_xpath). Relative ones are evaluated on each item.
struct MessageSelectors {
  std::optional<std::string> item_xpath;
  std::optional<std::string> title_xpath;
  std::optional<std::string> submitted_xpath;
  std::optional<std::string> replied_xpath;
  std::optional<std::string> state_xpath;
};

core::Result<std::vector<Message>> ExtractMessages(std::string_view html, const Context& ctx,
                                                   const MessageSelectors& sel = {});

}  // namespace govwatch::extract
