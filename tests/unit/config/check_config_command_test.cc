// Tests of `govwatch check-config`: exit status and output for a valid file, an invalid file,
// a broken lexicon, and usage errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "app/commands.h"
#include "app/content_checks.h"

namespace govwatch::app {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

Outcome RunCommand(const Args& args) {
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  const int status = RunCheckConfig(args);
  Outcome o{status, testing::internal::GetCapturedStdout(),
            testing::internal::GetCapturedStderr()};
  return o;
}

TEST(CheckConfigCommand, ValidFilePrintsCountsAndExitsZero) {
  const std::string path = std::string(GOVWATCH_SOURCE_DIR) + "/config/example.yaml";
  const Outcome o = RunCommand({path});
  EXPECT_EQ(o.status, 0);
  EXPECT_EQ(o.out, "ok: 4 units, 3 sites, 14 columns, 7 accounts\n");
  // The example leaves content.lexicon_dir unset: the default places, when one is installed.
  if (LexiconDirFor(config::ContentSettings{}, DefaultLexiconDirs())) {
    EXPECT_EQ(o.err, "");
  } else {
    EXPECT_TRUE(o.err.starts_with("warning: content checks off: content.lexicon_dir is not set "
                                  "and there is no lexicon at /etc/govwatch/lexicon or "))
        << o.err;
  }
}

// A config naming a lexicon directory with `files` (name → content).
fs::path WriteConfigWithLexicon(const std::string& name,
                                const std::vector<std::pair<std::string, std::string>>& files) {
  const fs::path dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir / "lexicon");
  for (const auto& [file, content] : files) std::ofstream(dir / "lexicon" / file) << content;
  std::ofstream(dir / "govwatch.yaml")
      << "units:\n  - {id: gy, name: 固原}\ncontent:\n  lexicon_dir: lexicon\n";
  return dir;
}

TEST(CheckConfigCommand, LoadsTheLexiconTheConfigNames) {
  const fs::path dir = WriteConfigWithLexicon(
      "govwatch-check-config-lexicon-ok", {{"typos.txt", "布署\t部署\n"}});
  const Outcome o = RunCommand({(dir / "govwatch.yaml").string()});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "ok: 1 units, 0 sites, 0 columns, 0 accounts\n");
  EXPECT_EQ(o.err, "");
  fs::remove_all(dir);
}

TEST(CheckConfigCommand, BrokenLexiconPrintsEveryBadLineAndExitsOne) {
  const fs::path dir = WriteConfigWithLexicon(
      "govwatch-check-config-lexicon-bad",
      {{"typos.txt", "# comment\n布署\t部署\n再接再励\n"},
       {"severe.txt", "宁夏自治区\t宁夏回族自治区\tregion\n"}});
  const Outcome o = RunCommand({(dir / "govwatch.yaml").string()});
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.out, "");
  const std::string lex = (dir / "lexicon").string();
  EXPECT_NE(o.err.find(lex + "/typos.txt:3: "), std::string::npos) << o.err;
  EXPECT_NE(o.err.find(lex + "/severe.txt:1: "), std::string::npos) << o.err;
  fs::remove_all(dir);
}

TEST(CheckConfigCommand, MissingConfiguredLexiconIsAnError) {
  const fs::path path = fs::temp_directory_path() / "govwatch-check-config-nolex.yaml";
  std::ofstream(path) << "content:\n  lexicon_dir: /nonexistent/lexicon\n";
  const Outcome o = RunCommand({path.string()});
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.err, "/nonexistent/lexicon: not a lexicon directory (No such file or directory)\n");
  fs::remove(path);
}

TEST(CheckConfigCommand, DisabledContentChecksNeedNoLexicon) {
  const fs::path path = fs::temp_directory_path() / "govwatch-check-config-off.yaml";
  std::ofstream(path) << "content:\n  lexicon_dir: /nonexistent/lexicon\n  enabled: false\n";
  const Outcome o = RunCommand({path.string()});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.err, "");
  fs::remove(path);
}

TEST(CheckConfigCommand, InvalidFilePrintsEveryErrorAndExitsOne) {
  const fs::path path = fs::temp_directory_path() / "govwatch-check-config-test.yaml";
  {
    std::ofstream out(path);
    out << "units:\n  - {id: gy}\nsites: 3\n";
  }
  const Outcome o = RunCommand({path.string()});
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(o.err, path.string() + ":2:5: missing required key 'name' in unit\n" + path.string() +
                       ":3:8: 'sites': expected a sequence, got a string\n");
  fs::remove(path);
}

TEST(CheckConfigCommand, MissingFileExitsOne) {
  const Outcome o = RunCommand({"/nonexistent/govwatch.yaml"});
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.err,
            "/nonexistent/govwatch.yaml: cannot read configuration file: No such file or "
            "directory\n");
}

TEST(CheckConfigCommand, UsageErrorsExitTwo) {
  EXPECT_EQ(RunCommand({}).status, 2);
  EXPECT_EQ(RunCommand({"a.yaml", "b.yaml"}).status, 2);
  const Outcome unknown = RunCommand({"--strict", "a.yaml"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("unknown option '--strict'"), std::string::npos);
}

TEST(CheckConfigCommand, HelpPrintsUsageAndExitsZero) {
  const Outcome o = RunCommand({"--help"});
  EXPECT_EQ(o.status, 0);
  EXPECT_TRUE(o.out.starts_with("usage: govwatch check-config FILE\n"));
}

}  // namespace
}  // namespace govwatch::app
