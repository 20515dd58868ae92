// Charset resolution and decoding to UTF-8: everything downstream of fetch is UTF-8.
//
// Order of evidence: byte-order mark (unambiguous, as in the WHATWG encoding standard) → the
// charset parameter of Content-Type → <meta charset> / <meta http-equiv> in the first 4 KiB →
// the XML declaration → uchardet detection → UTF-8. Each declared charset is only used when the
// bytes actually decode in it: government sites often label GBK pages as UTF-8 (or the reverse),
// so a label that fails is skipped and detection decides. GBK, GB2312, x-gbk, CP936 are decoded
// as GB18030, their superset. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace govwatch::fetch {

struct Decoded {
  std::string text;     // UTF-8 (never starts with a BOM)
  std::string charset;  // canonical name used: "UTF-8", "GB18030", "BIG5", "WINDOWS-1252", …
  bool lossy = false;   // no candidate decoded cleanly; invalid bytes became U+FFFD
};

// Canonical iconv name for a charset label ("gbk" → "GB18030", "utf8" → "UTF-8"); nullopt for
// labels we do not know.
std::optional<std::string> CanonicalCharset(std::string_view label);

// The charset parameter of a Content-Type header value, lower case; empty when absent.
std::string CharsetFromContentType(std::string_view content_type);
// The media type of a Content-Type header value, lower case, without parameters.
std::string MediaType(std::string_view content_type);
// Whether bodies of this media type are text to decode ("" counts as text: sniffed).
bool IsTextMediaType(std::string_view media_type);

// The charset declared by <meta charset>, <meta http-equiv=Content-Type content=…> or an XML
// declaration within the first 4 KiB; empty when none.
std::string DeclaredInMarkup(std::string_view bytes);

// Decodes `bytes` to UTF-8 using the evidence order above. `content_type` is the raw header.
Decoded DecodeToUtf8(std::string_view bytes, std::string_view content_type);

// Whether `bytes` is well-formed UTF-8.
bool IsValidUtf8(std::string_view bytes);

}  // namespace govwatch::fetch
