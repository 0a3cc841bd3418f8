// UdpReceiver: a bound UDP socket that edgeflowctl listen reads pushed
// report datagrams from, one at a time, with a timeout.
#pragma once

#include <cstddef>
#include <string>

namespace edgeflow::ctl {

class UdpReceiver {
 public:
  enum class Result { Datagram, Timeout, Interrupted, Error };

  UdpReceiver() = default;
  ~UdpReceiver();
  UdpReceiver(const UdpReceiver&) = delete;
  UdpReceiver& operator=(const UdpReceiver&) = delete;

  // Binds to "[ADDR]:PORT" (":PORT": every address, IPv6 and IPv4 when the
  // host allows). Returns an error message, empty on success.
  std::string open(const std::string& address);

  // The port bound.
  unsigned port() const { return port_; }

  // Waits up to `timeout_ms` for one datagram (-1: no limit). A signal
  // interrupts the wait (Interrupted) so the caller can check its flags.
  Result receive(std::string& payload, int timeout_ms);
  const std::string& error() const { return error_; }

 private:
  int fd_ = -1;
  unsigned port_ = 0;
  std::string error_;
};

}  // namespace edgeflow::ctl
