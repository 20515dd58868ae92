// The `content:` section: defaults, values, unknown keys and relative paths with positions.
#include <gtest/gtest.h>

#include "config/loader.h"

namespace govwatch::config {
namespace {

LoadResult Load(const std::string& yaml) {
  return LoadConfigString(yaml, "test.yaml",
                          [](const std::string&) -> std::optional<std::string> { return {}; });
}

std::string Errors(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += d.ToString() + "\n";
  return out;
}

TEST(ContentSettings, DefaultsWhenAbsent) {
  const LoadResult r = Load("units:\n  - {id: gy, name: 固原}\n");
  ASSERT_TRUE(r.config) << Errors(r);
  EXPECT_EQ(r.config->content.lexicon_dir, "/etc/govwatch/lexicon");
  EXPECT_TRUE(r.config->content.enabled);
}

TEST(ContentSettings, ReadsValues) {
  const LoadResult r =
      Load("units:\n  - {id: gy, name: 固原}\ncontent:\n  lexicon_dir: /srv/lex\n  enabled: false\n");
  ASSERT_TRUE(r.config) << Errors(r);
  EXPECT_EQ(r.config->content.lexicon_dir, "/srv/lex");
  EXPECT_FALSE(r.config->content.enabled);
}

TEST(ContentSettings, ReportsRelativePathsAndUnknownKeysWithPositions) {
  const LoadResult r = Load("content:\n  lexicon_dir: lex\n  lexicons: x\n");
  ASSERT_FALSE(r.config);
  const std::string errors = Errors(r);
  EXPECT_NE(errors.find("test.yaml:2:16: 'lexicon_dir': must be an absolute path, got 'lex'"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("test.yaml:3:3:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("unknown key 'lexicons' in content"), std::string::npos) << errors;
}

}  // namespace
}  // namespace govwatch::config
