// Soft-404 (issue 6, 错链): a page answered 200 whose text says it does not exist — 页面不存在,
// 找不到, 404, 该信息已删除, 域名已过期 — or a parked-domain page (域名出售, "This domain may be for
// sale", parking services).
//
// `page_text` is extract::ReadPageText(html).text (title first). Phrases count anywhere in a
// short page (≤ 1,500 code points: error pages are short) and in the title of any page; a bare
// "404" counts only as a token of its own (not inside 0954-4041234) next to an error word
// (页面/错误/not found) or as the whole title. Long article pages that merely mention such a
// phrase are not soft-404s.
//
// Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace govwatch::checks {

// The reason in Chinese ("页面提示“页面不存在”", "停放/待售域名页面（域名出售）"), or nullopt.
std::optional<std::string> Soft404Reason(std::string_view page_text);

}  // namespace govwatch::checks
