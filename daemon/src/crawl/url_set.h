// UrlSet: the crawler's memory of URLs already queued, as 64-bit fingerprints in an
// open-addressing table — 8 bytes per URL at a load of at most 1/2, instead of a std::string and
// a node per URL (a 1,000,000-link site costs ~16 MB, not ~100 MB).
//
// A fingerprint collision makes two URLs one: the second is skipped. With 64-bit FNV-1a
// fingerprints the chance over a million URLs is about 3·10⁻⁸, which a link checker accepts.
//
// Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace govwatch::crawl {

// 64-bit FNV-1a of `url`, never 0 (0 marks an empty slot).
std::uint64_t UrlFingerprint(std::string_view url);

class UrlSet {
 public:
  // True when `url` was not in the set (it is now).
  bool Insert(std::string_view url) { return InsertFingerprint(UrlFingerprint(url)); }
  bool Contains(std::string_view url) const;
  bool InsertFingerprint(std::uint64_t fingerprint);
  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(std::uint64_t); }

 private:
  void Grow();
  std::vector<std::uint64_t> slots_;  // size a power of two; 0 = empty
  std::size_t size_ = 0;
};

}  // namespace govwatch::crawl
