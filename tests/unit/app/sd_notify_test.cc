// SystemdNotifier against a real datagram socket standing in for systemd's.
#include "app/sd_notify.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace govwatch::app {
namespace {

class FakeSystemd {
 public:
  explicit FakeSystemd(std::string path) : path_(std::move(path)) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path_.data(), path_.size());
    if (addr.sun_path[0] == '@') addr.sun_path[0] = '\0';
    const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path_.size());
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&addr), len), 0) << std::strerror(errno);
    timeval tv{2, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~FakeSystemd() {
    close(fd_);
    if (path_[0] != '@') unlink(path_.c_str());
  }
  std::string Receive() {
    char buf[4096];
    const ssize_t n = recv(fd_, buf, sizeof buf, 0);
    return n < 0 ? std::string("<nothing>") : std::string(buf, static_cast<size_t>(n));
  }

 private:
  std::string path_;
  int fd_ = -1;
};

TEST(SystemdNotifier, WithoutNotifySocketEverythingIsANoOp) {
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
  const SystemdNotifier n;
  EXPECT_FALSE(n.enabled());
  EXPECT_FALSE(n.watchdog_interval().has_value());
  EXPECT_TRUE(n.Ready("ok"));
}

TEST(SystemdNotifier, SendsStatesToAPathSocket) {
  const std::string path = "/tmp/govwatch-notify-" + std::to_string(getpid());
  FakeSystemd systemd(path);
  setenv("NOTIFY_SOCKET", path.c_str(), 1);
  setenv("WATCHDOG_USEC", "20000000", 1);
  unsetenv("WATCHDOG_PID");
  const SystemdNotifier n;
  ASSERT_TRUE(n.enabled());
  ASSERT_TRUE(n.watchdog_interval().has_value());
  EXPECT_EQ(n.watchdog_interval()->count(), 10000000);
  EXPECT_TRUE(n.Ready("监测 21 个对象"));
  EXPECT_EQ(systemd.Receive(), "READY=1\nSTATUS=监测 21 个对象");
  EXPECT_TRUE(n.Reloading());
  EXPECT_EQ(systemd.Receive().rfind("RELOADING=1\nMONOTONIC_USEC=", 0), 0u);
  EXPECT_TRUE(n.Watchdog());
  EXPECT_EQ(systemd.Receive(), "WATCHDOG=1");
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
}

TEST(SystemdNotifier, SendsToAnAbstractSocketAndIgnoresAnotherProcesssWatchdog) {
  const std::string path = "@govwatch-notify-" + std::to_string(getpid());
  FakeSystemd systemd(path);
  setenv("NOTIFY_SOCKET", path.c_str(), 1);
  setenv("WATCHDOG_USEC", "20000000", 1);
  setenv("WATCHDOG_PID", "1", 1);
  const SystemdNotifier n;
  EXPECT_FALSE(n.watchdog_interval().has_value());
  EXPECT_TRUE(n.Stopping());
  EXPECT_EQ(systemd.Receive(), "STOPPING=1");
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
  unsetenv("WATCHDOG_PID");
}

TEST(SystemdNotifier, UnreachableSocketIsReportedNotThrown) {
  setenv("NOTIFY_SOCKET", "/nonexistent/notify", 1);
  const SystemdNotifier n;
  EXPECT_FALSE(n.Ready("x"));
  unsetenv("NOTIFY_SOCKET");
}

}  // namespace
}  // namespace govwatch::app
