#include "crawl/url_set.h"

namespace govwatch::crawl {

std::uint64_t UrlFingerprint(std::string_view url) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : url) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  // FNV's low bits mix poorly for short common prefixes; a final avalanche (splitmix64) spreads
  // them before the table takes the low bits as the slot.
  hash ^= hash >> 30;
  hash *= 0xbf58476d1ce4e5b9ULL;
  hash ^= hash >> 27;
  hash *= 0x94d049bb133111ebULL;
  hash ^= hash >> 31;
  return hash == 0 ? 1 : hash;
}

bool UrlSet::Contains(std::string_view url) const {
  if (slots_.empty()) return false;
  const std::uint64_t fp = UrlFingerprint(url);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = fp & mask;; i = (i + 1) & mask) {
    if (slots_[i] == 0) return false;
    if (slots_[i] == fp) return true;
  }
}

bool UrlSet::InsertFingerprint(std::uint64_t fp) {
  if (fp == 0) fp = 1;
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = fp & mask;; i = (i + 1) & mask) {
    if (slots_[i] == fp) return false;
    if (slots_[i] == 0) {
      slots_[i] = fp;
      ++size_;
      return true;
    }
  }
}

void UrlSet::Grow() {
  std::vector<std::uint64_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  const std::size_t mask = slots_.size() - 1;
  for (const std::uint64_t fp : old) {
    if (fp == 0) continue;
    std::size_t i = fp & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = fp;
  }
}

}  // namespace govwatch::crawl
