// Text helpers shared by the platform parsers: the plain text of a post's HTML and the links it
// carries. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace govwatch::sources {

// Tags removed (<br> → newline), the common entities decoded, whitespace runs collapsed.
std::string PlainText(std::string_view html);

// Absolute http(s) URLs in `html_or_text`: href="…" values and bare URLs in the text, plus bare
// host names of government sites ("www.nxgy.gov.cn" → "http://www.nxgy.gov.cn"). Weibo's
// outbound wrapper (weibo.cn/sinaurl?u=…) is unwrapped to its destination. Unique, in order.
std::vector<std::string> FindLinks(std::string_view html_or_text);

// The lower-case host of an absolute URL, "" when there is none.
std::string HostOf(std::string_view url);

// Percent-decoding (for query values).
std::string PercentDecode(std::string_view s);

}  // namespace govwatch::sources
