// Running the real binaries from tests: a command with captured output, and a background
// server process that is stopped when the test ends.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
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

// A process running in the background with its output in files; SIGTERM on destruction if it
// still runs.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env);
  ~BackgroundProcess();
  pid_t pid() const { return pid_; }
  std::string Stdout() const;
  std::string Stderr() const;
  void Signal(int signal) const;
  // Waits up to `timeout` for the process to exit; its exit code (128 + signal when killed), or
  // -1 when it is still running.
  int Wait(std::chrono::milliseconds timeout);

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

struct HttpResult {
  int status = 0;  // 0 when no answer
  std::string body;
};
// A minimal HTTP/1.0 request to 127.0.0.1:port (so tests need no client library).
HttpResult Http(int port, const std::string& method, const std::string& path,
                const std::string& authorization = "");

// The whole file ("" when it cannot be read).
std::string ReadFile(const std::string& path);

// The port of a `govwatch run` process, read from its "listening on http://127.0.0.1:PORT/metrics"
// log line; 0 when it does not say so within `timeout` (it failed to start).
int ListenPort(const BackgroundProcess& daemon,
               std::chrono::milliseconds timeout = std::chrono::seconds(10));

// A loopback TCP port that was free a moment ago, for programs that need one on their command
// line (Prometheus, Alertmanager, the SMTP sink).
int FreePort();

// Percent-encodes everything but [A-Za-z0-9_.-] (query parameters).
std::string UrlEncode(const std::string& s);

// Polls `predicate` every 50 ms until it holds or `timeout` passes.
bool WaitFor(const std::function<bool()>& predicate, std::chrono::milliseconds timeout);

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
