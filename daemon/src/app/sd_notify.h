// The systemd notification protocol (sd_notify(3)), spoken directly over $NOTIFY_SOCKET: a
// datagram per state change. Written by hand because it is ~40 lines and keeps libsystemd out
// of the dependency list. Outside systemd (no $NOTIFY_SOCKET) every call is a no-op.
//
// Thread-safety: Notify may be called from any thread; each call sends one datagram.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace govwatch::app {

class SystemdNotifier {
 public:
  // Reads $NOTIFY_SOCKET and $WATCHDOG_USEC (honouring $WATCHDOG_PID) once.
  SystemdNotifier();

  bool enabled() const { return !socket_path_.empty(); }
  // How often to ping the watchdog (half its timeout), when systemd asked for one.
  std::optional<std::chrono::microseconds> watchdog_interval() const { return watchdog_; }

  // Sends "READY=1", "RELOADING=1", "STOPPING=1", "WATCHDOG=1", "STATUS=…" (several joined by
  // '\n' in one message). Returns false when the datagram could not be sent.
  bool Notify(const std::string& state) const;
  bool Ready(const std::string& status) const { return Notify("READY=1\nSTATUS=" + status); }
  bool Reloading() const;  // RELOADING=1 with MONOTONIC_USEC, as systemd 253+ expects
  bool Stopping() const { return Notify("STOPPING=1"); }
  bool Watchdog() const { return Notify("WATCHDOG=1"); }
  bool Status(const std::string& text) const { return Notify("STATUS=" + text); }

 private:
  std::string socket_path_;
  std::optional<std::chrono::microseconds> watchdog_;
};

}  // namespace govwatch::app
