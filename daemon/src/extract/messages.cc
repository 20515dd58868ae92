#include "extract/messages.h"

#include <array>
#include <unordered_map>

#include "extract/common.h"
#include "extract/html.h"
#include "extract/url.h"
#include "text/date_parse.h"

namespace govwatch::extract {

std::string_view ToString(ReplyState s) {
  switch (s) {
    case ReplyState::kUnknown: return "unknown";
    case ReplyState::kReplied: return "replied";
    case ReplyState::kUnanswered: return "unanswered";
    case ReplyState::kInProgress: return "in_progress";
  }
  return "unknown";
}

std::string_view ChineseName(ReplyState s) {
  switch (s) {
    case ReplyState::kUnknown: return "未知";
    case ReplyState::kReplied: return "已回复";
    case ReplyState::kUnanswered: return "未回复";
    case ReplyState::kInProgress: return "办理中";
  }
  return "未知";
}

namespace {

bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

template <std::size_t N>
bool ContainsAny(std::string_view hay, const std::array<std::string_view, N>& words) {
  for (std::string_view w : words) {
    if (Contains(hay, w)) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 8> kUnanswered = {
    "未回复", "未答复", "待回复", "未办结", "待处理", "未处理", "待答复", "未反馈"};
constexpr std::array<std::string_view, 6> kInProgress = {
    "办理中", "处理中", "受理中", "已受理", "转办中", "正在办理"};
constexpr std::array<std::string_view, 7> kReplied = {
    "已回复", "已答复", "已办结", "已处理", "已反馈", "已完成", "办结"};

// The state a label names; "未回复" is checked before "已回复" family words it could overlap.
ReplyState StateOf(std::string_view text) {
  if (ContainsAny(text, kUnanswered)) return ReplyState::kUnanswered;
  if (ContainsAny(text, kInProgress)) return ReplyState::kInProgress;
  if (ContainsAny(text, kReplied)) return ReplyState::kReplied;
  return ReplyState::kUnknown;
}

constexpr std::array<std::string_view, 6> kSubmittedHeads = {
    "留言时间", "提交时间", "来信时间", "咨询时间", "留言日期", "来信日期"};
constexpr std::array<std::string_view, 6> kRepliedHeads = {
    "回复时间", "答复时间", "办结时间", "回复日期", "答复日期", "反馈时间"};
constexpr std::array<std::string_view, 4> kStateHeads = {"状态", "办理情况", "是否回复", "处理情况"};
constexpr std::array<std::string_view, 5> kTitleHeads = {"标题", "主题", "事项", "留言内容", "信件"};

std::optional<core::Timestamp> DateIn(std::string_view text, const Context& ctx) {
  return text::ParseChineseDate(text, ctx.now, ctx.tz);
}

// The first date after any of `labels` in `text`.
template <std::size_t N>
std::optional<core::Timestamp> DateAfter(std::string_view text,
                                         const std::array<std::string_view, N>& labels,
                                         const Context& ctx) {
  for (std::string_view label : labels) {
    const std::size_t p = text.find(label);
    if (p == std::string_view::npos) continue;
    std::string_view rest = text.substr(p + label.size());
    const auto dates = text::FindDates(rest, ctx.now, ctx.tz);
    // The date must follow the label closely ("回复时间：2021-05-01"), not a later field's.
    if (!dates.empty() && dates.front().begin <= 12) return dates.front().utc;
  }
  return std::nullopt;
}

const xmlNode* FirstLink(const xmlNode* n) {
  const xmlNode* found = nullptr;
  Walk(n, [&](const xmlNode* c) {
    if (found == nullptr && IsNamed(c, "a") && !Attr(c, "href").empty()) found = c;
    return found == nullptr;
  });
  return found;
}

void FillLink(Message& m, const xmlNode* scope, const std::string& base) {
  if (const xmlNode* a = FirstLink(scope)) {
    if (m.title.empty()) {
      m.title = Attr(a, "title").empty() ? Text(a) : CollapseSpaces(Attr(a, "title"));
    }
    m.url = ResolveUrl(base, Attr(a, "href")).value_or("");
  }
}

// When no label says otherwise, a reply date means replied.
void SettleState(Message& m) {
  if (m.state == ReplyState::kUnknown && m.replied_at) m.state = ReplyState::kReplied;
}

std::vector<const xmlNode*> ElementChildren(const xmlNode* n, std::initializer_list<std::string_view> names) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    for (std::string_view name : names) {
      if (IsNamed(c, name)) {
        out.push_back(c);
        break;
      }
    }
  }
  return out;
}

std::vector<const xmlNode*> Rows(const xmlNode* table) {
  std::vector<const xmlNode*> rows;
  Walk(table, [&](const xmlNode* n) {
    if (n != table && IsNamed(n, "table")) return false;  // nested tables are their own
    if (IsNamed(n, "tr")) {
      rows.push_back(n);
      return false;
    }
    return true;
  });
  return rows;
}

// Layout 1: a table whose header row names the columns.
std::vector<Message> FromTables(const xmlNode* root, const std::string& base, const Context& ctx) {
  std::vector<Message> out;
  Walk(root, [&](const xmlNode* n) {
    if (!IsNamed(n, "table")) return true;
    const auto rows = Rows(n);
    for (std::size_t h = 0; h < rows.size(); ++h) {
      const auto heads = ElementChildren(rows[h], {"th", "td"});
      int title = -1, submitted = -1, replied = -1, state = -1;
      for (std::size_t i = 0; i < heads.size(); ++i) {
        const std::string t = Text(heads[i]);
        if (t.size() > 30) continue;
        const int idx = static_cast<int>(i);
        if (submitted < 0 && ContainsAny(t, kSubmittedHeads)) {
          submitted = idx;
        } else if (replied < 0 && ContainsAny(t, kRepliedHeads)) {
          replied = idx;
        } else if (state < 0 && ContainsAny(t, kStateHeads)) {
          state = idx;
        } else if (title < 0 && ContainsAny(t, kTitleHeads)) {
          title = idx;
        }
      }
      if (submitted < 0 || (replied < 0 && state < 0)) continue;
      for (std::size_t r = h + 1; r < rows.size(); ++r) {
        const auto cells = ElementChildren(rows[r], {"td", "th"});
        auto cell = [&](int i) -> const xmlNode* {
          return i >= 0 && static_cast<std::size_t>(i) < cells.size() ? cells[static_cast<std::size_t>(i)] : nullptr;
        };
        if (cell(submitted) == nullptr) continue;
        Message m;
        if (const xmlNode* c = cell(title)) {
          m.title = Text(c);
          FillLink(m, c, base);
        } else {
          FillLink(m, rows[r], base);
        }
        m.submitted_at = DateIn(Text(cell(submitted)), ctx);
        if (const xmlNode* c = cell(replied)) m.replied_at = DateIn(Text(c), ctx);
        if (const xmlNode* c = cell(state)) m.state = StateOf(Text(c));
        SettleState(m);
        if (m.submitted_at || !m.title.empty()) out.push_back(std::move(m));
      }
      break;
    }
    return false;
  });
  return out;
}

constexpr std::array<std::string_view, 6> kSubmittedLabels = {
    "留言时间", "提交时间", "来信时间", "咨询时间", "留言日期", "来信日期"};
constexpr std::array<std::string_view, 3> kTitleLabels = {"留言标题", "信件标题", "咨询标题"};
constexpr std::array<std::string_view, 4> kReplyContentLabels = {"回复内容", "答复内容", "回复意见", "答复意见"};

std::size_t Count(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t p = text.find(needle); p != std::string_view::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

std::size_t SubmittedLabelCount(std::string_view text) {
  std::size_t n = 0;
  for (std::string_view l : kSubmittedLabels) n += Count(text, l);
  return n;
}

// Layout 2: one block per message with labelled fields (留言标题：… 留言时间：… 回复时间：…).
std::vector<Message> FromDetailBlocks(const xmlNode* root, const std::string& base,
                                      const Context& ctx) {
  std::vector<Message> out;
  std::unordered_map<const xmlNode*, std::size_t> counts;
  Walk(root, [&](const xmlNode* n) {
    if (!IsElement(n)) return false;
    const std::size_t c = SubmittedLabelCount(Text(n));
    if (c == 0) return false;
    counts[n] = c;
    if (c > 1) return true;
    // The largest element holding exactly one message: its parent holds more (or is the page).
    const xmlNode* p = n->parent;
    const bool parent_has_more = p == nullptr || !IsElement(p) || counts[p] > 1;
    if (!parent_has_more) return false;
    const std::string text = Text(n, TextMode::kBlocks);
    Message m;
    for (std::string_view label : kTitleLabels) {
      const std::size_t at = text.find(label);
      if (at == std::string::npos) continue;
      std::string_view rest = std::string_view(text).substr(at + label.size());
      while (rest.starts_with("：") || rest.starts_with(":") || rest.starts_with(" ")) {
        rest.remove_prefix(rest.starts_with("：") ? 3 : 1);
      }
      m.title = CollapseSpaces(rest.substr(0, rest.find('\n')));
      break;
    }
    FillLink(m, n, base);
    m.submitted_at = DateAfter(text, kSubmittedLabels, ctx);
    m.replied_at = DateAfter(text, kRepliedHeads, ctx);
    m.state = StateOf(text);
    if (m.state == ReplyState::kUnknown && !m.replied_at) {
      for (std::string_view label : kReplyContentLabels) {
        const std::size_t at = text.find(label);
        if (at == std::string::npos) continue;
        std::string rest = CollapseSpaces(std::string_view(text).substr(at + label.size()));
        if (rest.starts_with("：")) rest = rest.substr(3);
        if (rest.starts_with(":")) rest = rest.substr(1);
        rest = CollapseSpaces(rest);
        if (!rest.empty() && !rest.starts_with("暂无") && !rest.starts_with("无")) {
          m.state = ReplyState::kReplied;
        }
        break;
      }
    }
    SettleState(m);
    if (m.submitted_at) out.push_back(std::move(m));
    return false;
  });
  return out;
}

// Layout 3: repeated rows (li, dd, p, div, tr) with a link, a date and a state label.
std::vector<Message> FromLabelledRows(const xmlNode* root, const std::string& base,
                                      const Context& ctx) {
  std::vector<Message> out;
  Walk(root, [&](const xmlNode* n) {
    if (!IsElement(n)) return false;
    const std::string_view name = Name(n);
    if (name != "li" && name != "dd" && name != "dl" && name != "p" && name != "div" && name != "tr") {
      return true;
    }
    const std::string text = Text(n);
    const ReplyState state = StateOf(text);
    if (state == ReplyState::kUnknown || FirstLink(n) == nullptr) return true;
    // Exactly one message per row: more than one link with its own state means a container.
    std::size_t states = 0;
    for (std::string_view w : kUnanswered) states += Count(text, w);
    for (std::string_view w : kInProgress) states += Count(text, w);
    for (std::string_view w : {"已回复", "已答复", "已办结"}) states += Count(text, w);
    if (states > 1) return true;
    const auto dates = text::FindDates(text, ctx.now, ctx.tz);
    if (dates.empty()) return true;
    Message m;
    FillLink(m, n, base);
    m.state = state;
    m.submitted_at = DateAfter(text, kSubmittedLabels, ctx);
    m.replied_at = DateAfter(text, kRepliedHeads, ctx);
    if (!m.submitted_at) {
      // Unlabelled: the first date not claimed by a reply label.
      for (const auto& d : dates) {
        if (m.replied_at && d.utc == *m.replied_at) continue;
        m.submitted_at = d.utc;
        break;
      }
    }
    SettleState(m);
    out.push_back(std::move(m));
    return false;
  });
  return out;
}

core::Result<std::optional<XPath>> Compile(const std::optional<std::string>& expression) {
  if (!expression) return std::optional<XPath>();
  auto compiled = XPath::Compile(*expression);
  if (!compiled.ok()) return compiled.error();
  return std::optional<XPath>(std::move(compiled).value());
}

}  // namespace

core::Result<std::vector<Message>> ExtractMessages(std::string_view html, const Context& ctx,
                                                   const MessageSelectors& sel) {
  auto item = Compile(sel.item_xpath);
  auto title = Compile(sel.title_xpath);
  auto submitted = Compile(sel.submitted_xpath);
  auto replied = Compile(sel.replied_xpath);
  auto state = Compile(sel.state_xpath);
  for (auto* r : {&item, &title, &submitted, &replied, &state}) {
    if (!r->ok()) return r->error();
  }
  DocPtr doc = ParseHtml(html);
  const xmlNode* root = Root(doc.get());
  std::vector<Message> out;
  if (root == nullptr) return out;
  const std::string base = DocumentBase(doc.get(), ctx.base_url);

  if (item.value()) {
    for (const xmlNode* node : item.value()->Nodes(doc.get())) {
      Message m;
      const std::string text = Text(node);
      if (title.value()) m.title = CollapseSpaces(title.value()->String(doc.get(), node));
      FillLink(m, node, base);
      m.submitted_at = submitted.value()
                           ? DateIn(submitted.value()->String(doc.get(), node), ctx)
                           : DateAfter(text, kSubmittedLabels, ctx);
      if (!submitted.value() && !m.submitted_at) m.submitted_at = DateIn(text, ctx);
      m.replied_at = replied.value() ? DateIn(replied.value()->String(doc.get(), node), ctx)
                                     : DateAfter(text, kRepliedHeads, ctx);
      m.state = StateOf(state.value() ? state.value()->String(doc.get(), node) : text);
      SettleState(m);
      out.push_back(std::move(m));
    }
    return out;
  }
  out = FromTables(root, base, ctx);
  if (out.empty()) out = FromDetailBlocks(root, base, ctx);
  if (out.empty()) out = FromLabelledRows(root, base, ctx);
  return out;
}

}  // namespace govwatch::extract
