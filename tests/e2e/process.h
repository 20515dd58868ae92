// Running the real binaries from tests: a command with captured output, and a background
// server process that is stopped when the test ends.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace govwatch::e2e {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv[0] with the given arguments and extra environment ("NAME=value"), waits for it.
CommandResult RunCommand(const std::vector<std::string>& argv, const std::vector<std::string>& env = {});

std::string Binary(const std::string& relative);  // under the build tree
std::string Source(const std::string& relative);  // under the source tree

// A fresh directory under /tmp, removed (with its contents) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// govwatch-fixture-server serving `root` on an ephemeral port; SIGTERM on destruction.
class FixtureServerProcess {
 public:
  explicit FixtureServerProcess(const std::string& root);
  ~FixtureServerProcess();
  int port() const { return port_; }

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace govwatch::e2e
