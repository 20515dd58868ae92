// The govwatch side of content_speed.sh: loads a lexicon directory into the same Scanner that
// `govwatch scan-text` and the daemon use, scans FILE and writes one line per match
// ("byte_offset<TAB>end<TAB>kind<TAB>category") to stdout — every match position and category,
// as rg -o / grep -o print every match. Timing lines go to stderr.
// Usage: content_scan_bench LEXICON_DIR FILE [ac|hyperscan]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "text/lexicon.h"
#include "text/normalize.h"
#include "text/scanner.h"

using namespace govwatch;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fputs("usage: content_scan_bench LEXICON_DIR FILE [ac|hyperscan]\n", stderr);
    return 2;
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto lexicon = text::LoadLexiconDirectory(argv[1]);
  if (!lexicon) {
    std::fprintf(stderr, "%s\n", lexicon.error().message.c_str());
    return 2;
  }
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) {
    std::fprintf(stderr, "%s\n", normalizer.error().message.c_str());
    return 2;
  }
  text::ScannerOptions options;
  if (argc > 3 && std::string(argv[3]) == "hyperscan") options.engine = text::MatcherEngine::kHyperscan;
  auto scanner = text::Scanner::Build(std::move(*lexicon), *normalizer, options);
  if (!scanner) {
    std::fprintf(stderr, "%s\n", scanner.error().message.c_str());
    return 2;
  }
  const auto t1 = std::chrono::steady_clock::now();
  std::ifstream in(argv[2], std::ios::binary);
  const std::string input((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto t2 = std::chrono::steady_clock::now();
  std::string out;
  std::size_t matches = 0;
  (*scanner)->Scan(input, [&](const text::ScanMatch& m) {
    ++matches;
    out += std::to_string(m.begin);
    out += '\t';
    out += std::to_string(m.end);
    out += '\t';
    out += text::ToString(m.entry->kind);
    out += '\t';
    out += m.entry->category;
    out += '\n';
    if (out.size() > (1 << 16)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  });
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  const auto t3 = std::chrono::steady_clock::now();
  auto secs = [](auto d) { return std::chrono::duration<double>(d).count(); };
  std::fprintf(stderr,
               "engine=%s patterns=%zu matcher_bytes=%zu build_s=%.3f read_s=%.3f scan_s=%.3f "
               "matches=%zu scan_MBps=%.1f\n",
               std::string(text::ToString(options.engine)).c_str(), (*scanner)->PatternCount(),
               (*scanner)->MatcherMemoryBytes(), secs(t1 - t0), secs(t2 - t1), secs(t3 - t2),
               matches, input.size() / 1048576.0 / secs(t3 - t2));
  return 0;
}
