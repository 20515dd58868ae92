#include "fetch/decompress.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace govwatch::fetch {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// window_bits: 15 + 32 = zlib or gzip header auto-detected; -15 = raw deflate.
Decompressed Inflate(std::string_view body, std::uint64_t max_bytes, int window_bits) {
  Decompressed out;
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) {
    out.status = Decompressed::Status::kCorrupt;
    out.detail = "zlib initialisation failed";
    return out;
  }
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  zs.avail_in = static_cast<uInt>(body.size());
  std::array<char, 64 * 1024> chunk;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk.data());
    zs.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      // Z_BUF_ERROR with no input left means a truncated stream.
      out.status = Decompressed::Status::kCorrupt;
      out.detail = std::string("corrupt compressed body: ") + (zs.msg ? zs.msg : "truncated");
      break;
    }
    const size_t produced = chunk.size() - zs.avail_out;
    if (out.data.size() + produced > max_bytes) {
      out.status = Decompressed::Status::kTooLarge;
      out.detail = "decompressed body exceeds " + std::to_string(max_bytes) + " bytes";
      break;
    }
    out.data.append(chunk.data(), produced);
    if (rc == Z_STREAM_END && zs.avail_in > 0 && window_bits > 0) {
      // Concatenated gzip members (RFC 1952 allows them): continue with the next member.
      const std::uint64_t used = body.size() - zs.avail_in;
      inflateReset(&zs);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data() + used));
      rc = Z_OK;
    }
    if (rc == Z_OK && zs.avail_in == 0 && produced == 0) {
      out.status = Decompressed::Status::kCorrupt;
      out.detail = "corrupt compressed body: truncated";
      break;
    }
  }
  inflateEnd(&zs);
  return out;
}

}  // namespace

Decompressed Decompress(std::string_view encoding, std::string_view body, std::uint64_t max_bytes) {
  const std::string enc = Lower(encoding);
  if (enc.empty() || enc == "identity") {
    Decompressed out;
    if (body.size() > max_bytes) {
      out.status = Decompressed::Status::kTooLarge;
      out.detail = "body exceeds " + std::to_string(max_bytes) + " bytes";
      return out;
    }
    out.data.assign(body);
    return out;
  }
  if (enc == "gzip" || enc == "x-gzip") return Inflate(body, max_bytes, 15 + 32);
  if (enc == "deflate") {
    // RFC 9110 says zlib-wrapped, but enough servers send raw deflate that browsers accept both.
    Decompressed zlib = Inflate(body, max_bytes, 15 + 32);
    if (zlib.status != Decompressed::Status::kCorrupt) return zlib;
    return Inflate(body, max_bytes, -15);
  }
  Decompressed out;
  out.status = Decompressed::Status::kUnsupported;
  out.detail = "unsupported Content-Encoding: " + std::string(encoding);
  return out;
}

}  // namespace govwatch::fetch
