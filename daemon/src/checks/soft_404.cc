#include "checks/soft_404.h"

#include <array>
#include <cctype>

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

constexpr std::array<std::string_view, 22> kMissing = {
    "页面不存在", "网页不存在", "页面未找到", "找不到页面", "找不到该页面", "找不到网页",
    "页面找不到", "找不到您要访问的页面", "该信息已删除", "信息已删除", "信息不存在", "文章不存在",
    "内容不存在", "页面已删除", "已被删除", "已经删除", "无法找到该页", "域名已过期",
    "域名已到期", "page not found", "404 not found", "file not found"};
constexpr std::array<std::string_view, 9> kParked = {
    "域名出售", "域名转让", "此域名出售", "该域名正在出售", "域名停放",
    "this domain may be for sale", "this domain is for sale", "buy this domain", "domain parking"};
constexpr std::size_t kShortPage = 1500;

bool Digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// "404" as a token of its own: no digit or '-' on either side (0954-4041234 is a phone number).
bool Has404Token(std::string_view text) {
  for (std::size_t p = text.find("404"); p != std::string_view::npos; p = text.find("404", p + 1)) {
    const bool left_ok = p == 0 || (!Digit(text[p - 1]) && text[p - 1] != '-' && text[p - 1] != '.');
    const bool right_ok = p + 3 >= text.size() ||
                          (!Digit(text[p + 3]) && text[p + 3] != '-' && text[p + 3] != '.');
    if (left_ok && right_ok) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> Soft404Reason(std::string_view page_text) {
  const std::string text = LowerAscii(page_text);
  const bool short_page = CodePoints(text) <= kShortPage;
  // The title leads the page text (extract::ReadPageText); its first ~80 bytes stand in for it.
  const std::string_view head = std::string_view(text).substr(0, 80);
  for (std::string_view p : kParked) {
    if (short_page ? text.find(p) != std::string::npos : head.find(p) != std::string_view::npos) {
      return "停放/待售域名页面（" + std::string(p) + "）";
    }
  }
  for (std::string_view p : kMissing) {
    if (short_page ? text.find(p) != std::string::npos : head.find(p) != std::string_view::npos) {
      return "页面提示“" + std::string(p) + "”";
    }
  }
  if (short_page && Has404Token(text)) {
    for (std::string_view w : {"页面", "错误", "not found", "error", "找不到", "不存在"}) {
      if (text.find(w) != std::string::npos) return std::string("页面提示“404”");
    }
  }
  if (Has404Token(head) && CodePoints(text) <= 3 * kShortPage) {
    if (head.size() <= 16) return std::string("页面提示“404”");  // a title that is just "404"
  }
  return std::nullopt;
}

}  // namespace govwatch::checks
