// Soft-404 (issue 6, 错链): a page answered 200 whose own message says it does not exist —
// 页面不存在, 找不到, 404, 该信息已删除, 链接已失效, 域名已过期 — or a parked-domain page (域名出售,
// "This domain may be for sale", parking services).
//
// Only the page's main message counts (extract::PageText): its title, its <h1>/<h2>, and the
// body text outside links and menus when that text is short (≤ 1,500 code points: error pages
// are short). Link texts describe other pages — a list entry "已失效" or "第404页" says nothing
// about the page it is on — and a long article that mentions such a phrase is no error page.
// "404" counts only as an error code: a token of its own (not inside 0954-4041234), not a page
// or serial number (第404页, 404号), and either the whole title/heading or within a few
// characters of an error word (页面, 错误, not found, 找不到, 不存在, …).
//
// Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "extract/links.h"

namespace govwatch::checks {

// The reason in Chinese ("页面提示“页面不存在”", "停放/待售域名页面（域名出售）"), or nullopt.
std::optional<std::string> Soft404Reason(const extract::PageText& page);

}  // namespace govwatch::checks
