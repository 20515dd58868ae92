// The govwatch command line: dispatch, version, usage errors, and check-config on bad files.
#include <gtest/gtest.h>

#include <fstream>

#include "process.h"

namespace govwatch::e2e {
namespace {

TEST(Cli, UnknownCommandIsAUsageError) {
  const CommandResult r = RunCommand({Binary("daemon/govwatch"), "frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos);
  EXPECT_NE(r.err.find("check-config"), std::string::npos);
}

TEST(Cli, VersionAndHelp) {
  CommandResult r = RunCommand({Binary("daemon/govwatch"), "version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("govwatch ", 0), 0u);
  r = RunCommand({Binary("daemon/govwatch"), "probe", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("TARGET_ID"), std::string::npos);
}

TEST(Cli, CheckConfigReportsEveryErrorWithItsPosition) {
  TempDir dir;
  const std::string path = dir.path() + "/bad.yaml";
  std::ofstream(path) << "sites:\n"
                         "  - id: Bad Id\n"
                         "    name: x\n"
                         "    unit: nobody\n"
                         "    homepage: ftp://x\n"
                         "    colums: []\n";
  const CommandResult r = RunCommand({Binary("daemon/govwatch"), "check-config", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty());
  // One line per problem, each FILE:LINE:COL: message, in file order.
  EXPECT_NE(r.err.find(path + ":2:9: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(path + ":4:11: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(path + ":5:15: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(path + ":6:5: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'columns'"), std::string::npos) << r.err;
}

TEST(Cli, ProbeRefusesABadConfigAndSaysWhy) {
  TempDir dir;
  const std::string path = dir.path() + "/bad.yaml";
  std::ofstream(path) << "storage: {path: " << dir.path() << "/db.sqlite}\nunits: 3\n";
  const CommandResult r = RunCommand({Binary("daemon/govwatch"), "probe", "-c", path, "all"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(path + ":2:8: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was probed"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace govwatch::e2e
