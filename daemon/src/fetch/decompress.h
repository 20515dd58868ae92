// Content-Encoding decoding (gzip, deflate) with a cap on the DECOMPRESSED size.
//
// The cap is checked while inflating, chunk by chunk, so a gzip bomb (a few KiB that inflate to
// gigabytes) stops at `max_bytes` plus one chunk instead of exhausting memory. Pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace govwatch::fetch {

struct Decompressed {
  enum class Status { kOk, kTooLarge, kCorrupt, kUnsupported };
  Status status = Status::kOk;
  std::string data;    // the decoded bytes when kOk; a prefix otherwise
  std::string detail;  // English, empty when kOk
};

// `encoding` is the Content-Encoding value, case-insensitive: "gzip", "x-gzip", "deflate"
// (zlib-wrapped, or raw deflate as some servers send), "identity" or "" (copied). Anything else
// is kUnsupported.
Decompressed Decompress(std::string_view encoding, std::string_view body, std::uint64_t max_bytes);

}  // namespace govwatch::fetch
