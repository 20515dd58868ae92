// Shared by the text tests: one Normalizer per process (building it converts every CJK
// character once through OpenCC, ~0.1 s) and a Scanner from in-memory lexicon files.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "text/lexicon.h"
#include "text/normalize.h"
#include "text/scanner.h"

namespace govwatch::text::testing {

inline std::shared_ptr<const Normalizer> SharedNormalizer() {
  static const std::shared_ptr<const Normalizer> normalizer = [] {
    auto n = Normalizer::Create();
    if (!n) ADD_FAILURE() << n.error().message;
    return n ? *n : nullptr;
  }();
  return normalizer;
}

inline std::unique_ptr<Scanner> MakeScanner(
    const std::vector<std::pair<std::string, std::string>>& files,
    MatcherEngine engine = MatcherEngine::kHyperscan) {
  auto lexicon = LoadLexiconFiles(files);
  if (!lexicon) {
    ADD_FAILURE() << lexicon.error().message;
    return nullptr;
  }
  auto scanner = Scanner::Build(std::move(*lexicon), SharedNormalizer(), {engine, 1 << 20});
  if (!scanner) {
    ADD_FAILURE() << scanner.error().message;
    return nullptr;
  }
  return std::move(*scanner);
}

// "term@begin" for every match, for compact assertions.
inline std::vector<std::string> Found(const Scanner& scanner, std::string_view text) {
  std::vector<std::string> out;
  for (const auto& m : scanner.Scan(text)) {
    out.push_back(std::string(text.substr(m.begin, m.end - m.begin)) + "@" +
                  std::to_string(m.begin) + ":" + std::string(ToString(m.entry->kind)));
  }
  return out;
}

}  // namespace govwatch::text::testing
