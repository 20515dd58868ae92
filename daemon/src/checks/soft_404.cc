#include "checks/soft_404.h"

#include <array>
#include <cctype>
#include <initializer_list>
#include <vector>

namespace govwatch::checks {
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

constexpr std::array<std::string_view, 27> kMissing = {
    "页面不存在", "网页不存在", "页面未找到", "找不到页面", "找不到该页面", "找不到网页",
    "页面找不到", "找不到您要访问的页面", "该信息已删除", "信息已删除", "信息不存在", "文章不存在",
    "内容不存在", "页面已删除", "已被删除", "已经删除", "无法找到该页", "域名已过期",
    "域名已到期", "链接已失效", "页面已失效", "网页已失效", "信息已失效", "该页面已失效",
    "page not found", "404 not found", "file not found"};
constexpr std::array<std::string_view, 9> kParked = {
    "域名出售", "域名转让", "此域名出售", "该域名正在出售", "域名停放",
    "this domain may be for sale", "this domain is for sale", "buy this domain", "domain parking"};
// Words that make a nearby "404" an error code rather than a number.
constexpr std::array<std::string_view, 10> kErrorWords = {
    "页面", "网页", "错误", "出错", "找不到", "不存在", "not found", "error", "抱歉", "sorry"};
constexpr std::size_t kShortPage = 1500;
// How far (bytes, ≈ 10 Chinese characters) an error word may be from "404" in the body text.
constexpr std::size_t kNearBytes = 30;

bool Digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// "404" at `p` is a counter or serial number: 第404页, 第404号, 404号文, 404条, 404期, 404室.
bool NumberNotCode(std::string_view text, std::size_t p) {
  if (EndsWith(text.substr(0, p), "第")) return true;
  const std::string_view after = text.substr(p + 3);
  if (StartsWith(after, "页面")) return false;  // "404页面" is the error page's own name
  for (std::string_view unit : {"页", "号", "条", "期", "室", "次", "届", "路", "个", "人", "元"}) {
    if (StartsWith(after, unit)) return true;
  }
  return false;
}

// Offsets of "404" used as a code: a token of its own (no digit, '-' or '.' on either side —
// 0954-4041234 is a phone number) that is not a page or serial number.
std::vector<std::size_t> Codes404(std::string_view text) {
  std::vector<std::size_t> out;
  for (std::size_t p = text.find("404"); p != std::string_view::npos; p = text.find("404", p + 1)) {
    const auto boundary = [](char c) { return !Digit(c) && c != '-' && c != '.'; };
    const bool left_ok = p == 0 || boundary(text[p - 1]);
    const bool right_ok = p + 3 >= text.size() || boundary(text[p + 3]);
    if (left_ok && right_ok && !NumberNotCode(text, p)) out.push_back(p);
  }
  return out;
}

bool ErrorWordNear(std::string_view text, std::size_t p) {
  const std::size_t from = p > kNearBytes ? p - kNearBytes : 0;
  const std::string_view window = text.substr(from, p + 3 + kNearBytes - from);
  for (std::string_view w : kErrorWords) {
    if (window.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// A title or heading that is nothing but the code ("404", "404!", "- 404 -").
bool OnlyTheCode(std::string_view text) {
  std::size_t other = 0;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || (static_cast<unsigned char>(c) & 0x80)) {
      ++other;
    }
  }
  return other == 3;  // the three digits themselves
}

template <std::size_t N>
std::optional<std::string_view> FindPhrase(const std::array<std::string_view, N>& phrases,
                                           std::initializer_list<std::string_view> parts) {
  for (std::string_view p : phrases) {
    for (std::string_view part : parts) {
      if (part.find(p) != std::string_view::npos) return p;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Soft404Reason(const extract::PageText& page) {
  const std::string title = LowerAscii(page.title);
  const std::string headings = LowerAscii(page.headings);
  // The body counts only on a short page; the whole page text decides what is short, so a long
  // article whose body is mostly links is not read as a short error page either.
  const bool short_page = CodePoints(page.text) <= kShortPage;
  const std::string message = short_page ? LowerAscii(page.message) : std::string();

  if (auto p = FindPhrase(kParked, {title, headings, message})) {
    return "停放/待售域名页面（" + std::string(*p) + "）";
  }
  if (auto p = FindPhrase(kMissing, {title, headings, message})) {
    return "页面提示“" + std::string(*p) + "”";
  }
  for (std::string_view part : {std::string_view(title), std::string_view(headings)}) {
    for (const std::size_t p : Codes404(part)) {
      if (OnlyTheCode(part) || ErrorWordNear(part, p)) return std::string("页面提示“404”");
    }
  }
  for (const std::size_t p : Codes404(message)) {
    if (ErrorWordNear(message, p)) return std::string("页面提示“404”");
  }
  return std::nullopt;
}

}  // namespace govwatch::checks
