// The `content:` section: defaults, values, relative paths and unknown keys with positions.
#include <gtest/gtest.h>

#include <filesystem>

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
  // Not set: the daemon looks in /etc/govwatch/lexicon, then the installed default.
  EXPECT_EQ(r.config->content.lexicon_dir, "");
  EXPECT_TRUE(r.config->content.enabled);
}

TEST(ContentSettings, ReadsValues) {
  const LoadResult r =
      Load("units:\n  - {id: gy, name: 固原}\ncontent:\n  lexicon_dir: /srv/lex\n  enabled: false\n");
  ASSERT_TRUE(r.config) << Errors(r);
  EXPECT_EQ(r.config->content.lexicon_dir, "/srv/lex");
  EXPECT_FALSE(r.config->content.enabled);
}

TEST(ContentSettings, ResolvesARelativeDirectoryAgainstTheConfigFile) {
  const char* yaml = "units:\n  - {id: gy, name: 固原}\ncontent:\n  lexicon_dir: lexicon/\n";
  const LoadResult in_dir = LoadConfigString(
      yaml, "/srv/govwatch/govwatch.yaml",
      [](const std::string&) -> std::optional<std::string> { return {}; });
  ASSERT_TRUE(in_dir.config) << Errors(in_dir);
  EXPECT_EQ(in_dir.config->content.lexicon_dir, "/srv/govwatch/lexicon");

  const LoadResult up = LoadConfigString(
      "content:\n  lexicon_dir: ../share/lex\n", "/etc/govwatch/govwatch.yaml",
      [](const std::string&) -> std::optional<std::string> { return {}; });
  ASSERT_TRUE(up.config) << Errors(up);
  EXPECT_EQ(up.config->content.lexicon_dir, "/etc/share/lex");

  // A file named without a directory is in the working directory.
  const LoadResult here = Load("content:\n  lexicon_dir: lex\n");
  ASSERT_TRUE(here.config) << Errors(here);
  EXPECT_EQ(here.config->content.lexicon_dir,
            (std::filesystem::current_path() / "lex").lexically_normal().string());
}

TEST(ContentSettings, ReportsEmptyPathsAndUnknownKeysWithPositions) {
  const LoadResult r = Load("content:\n  lexicon_dir: \"\"\n  lexicons: x\n");
  ASSERT_FALSE(r.config);
  const std::string errors = Errors(r);
  EXPECT_NE(errors.find("test.yaml:2:16: 'lexicon_dir': must not be empty"), std::string::npos)
      << errors;
  EXPECT_NE(errors.find("test.yaml:3:3:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("unknown key 'lexicons' in content"), std::string::npos) << errors;
}

}  // namespace
}  // namespace govwatch::config
