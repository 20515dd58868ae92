// Bare Hyperscan literal scan, the reference of content_speed.sh: compiles PATTERNS (one literal
// a line) with hs_compile_lit_multi and scans FILE in block mode as one buffer, writing
// "end_offset<TAB>pattern_id" per match to stdout. No normalisation, no categories, no
// suppression: the floor govwatch's Scanner is measured against.
// Usage: hs_literal_scan PATTERNS FILE
#include <hs/hs.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

struct Output {
  std::string buf;
  std::size_t matches = 0;
};

int OnMatch(unsigned int id, unsigned long long, unsigned long long to, unsigned int, void* ctx) {
  auto* out = static_cast<Output*>(ctx);
  ++out->matches;
  out->buf += std::to_string(to);
  out->buf += '\t';
  out->buf += std::to_string(id);
  out->buf += '\n';
  if (out->buf.size() > (1 << 16)) {
    std::fwrite(out->buf.data(), 1, out->buf.size(), stdout);
    out->buf.clear();
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fputs("usage: hs_literal_scan PATTERNS FILE\n", stderr);
    return 2;
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> patterns;
  std::ifstream pin(argv[1]);
  for (std::string line; std::getline(pin, line);) {
    if (!line.empty()) patterns.push_back(line);
  }
  std::vector<const char*> exprs;
  std::vector<std::size_t> lens;
  std::vector<unsigned> ids;
  std::vector<unsigned> flags(patterns.size(), 0);
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    exprs.push_back(patterns[i].data());
    lens.push_back(patterns[i].size());
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                           static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr, &db,
                           &err) != HS_SUCCESS) {
    std::fprintf(stderr, "compile failed: %s\n", err != nullptr ? err->message : "?");
    return 2;
  }
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) return 2;
  const auto t1 = std::chrono::steady_clock::now();
  std::ifstream in(argv[2], std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto t2 = std::chrono::steady_clock::now();
  Output out;
  hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, OnMatch, &out);
  std::fwrite(out.buf.data(), 1, out.buf.size(), stdout);
  std::fflush(stdout);
  const auto t3 = std::chrono::steady_clock::now();
  auto secs = [](auto d) { return std::chrono::duration<double>(d).count(); };
  std::fprintf(stderr, "bare-hyperscan patterns=%zu build_s=%.3f read_s=%.3f scan_s=%.3f matches=%zu scan_MBps=%.1f\n",
               patterns.size(), secs(t1 - t0), secs(t2 - t1), secs(t3 - t2), out.matches,
               text.size() / 1048576.0 / secs(t3 - t2));
  hs_free_scratch(scratch);
  hs_free_database(db);
  return 0;
}
