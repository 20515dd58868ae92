// Tests of `govwatch check-config`: exit status and output for a valid file, an invalid file,
// and usage errors. Links app/check_config_command.cc directly (the app module is the
// integrator's).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "app/commands.h"

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
  EXPECT_EQ(o.err, "");
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
