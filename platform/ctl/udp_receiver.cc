#include "platform/ctl/udp_receiver.h"

#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "platform/ctl/host_port.h"

namespace edgeflow::ctl {

namespace {

constexpr size_t kMaxDatagram = 65535;
constexpr int kReceiveBuffer = 4 << 20;  // room for bursts from many agents

}  // namespace

UdpReceiver::~UdpReceiver() {
  if (fd_ >= 0) ::close(fd_);
}

std::string UdpReceiver::open(const std::string& address) {
  HostPort hp;
  if (std::string e = parseHostPort(address, hp); !e.empty()) return e;
  const bool any = hp.host.empty();
  addrinfo hints{};
  hints.ai_family = any ? AF_INET6 : AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port_text = std::to_string(hp.port);
  int rc = ::getaddrinfo(any ? nullptr : hp.host.c_str(), port_text.c_str(), &hints, &found);
  if (rc != 0 && any) {  // no IPv6 on this host: every IPv4 address then
    hints.ai_family = AF_INET;
    rc = ::getaddrinfo(nullptr, port_text.c_str(), &hints, &found);
  }
  if (rc != 0) return "cannot resolve '" + hp.host + "': " + ::gai_strerror(rc);
  std::string error = "no address";
  for (addrinfo* ai = found; ai != nullptr && fd_ < 0; ai = ai->ai_next) {
    const int s = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (s < 0) {
      error = std::strerror(errno);
      continue;
    }
    if (ai->ai_family == AF_INET6 && any) {
      const int off = 0;
      ::setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    }
    ::setsockopt(s, SOL_SOCKET, SO_RCVBUF, &kReceiveBuffer, sizeof kReceiveBuffer);
    if (::bind(s, ai->ai_addr, ai->ai_addrlen) == 0) {
      fd_ = s;
    } else {
      error = std::strerror(errno);
      ::close(s);
    }
  }
  ::freeaddrinfo(found);
  if (fd_ < 0) return "cannot listen on " + address + ": " + error;
  port_ = hp.port;
  return {};
}

UdpReceiver::Result UdpReceiver::receive(std::string& payload, int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  const int n = ::poll(&p, 1, timeout_ms);
  if (n < 0) {
    if (errno == EINTR) return Result::Interrupted;
    error_ = std::string("poll: ") + std::strerror(errno);
    return Result::Error;
  }
  if (n == 0) return Result::Timeout;
  payload.resize(kMaxDatagram);
  const ssize_t got = ::recv(fd_, payload.data(), payload.size(), MSG_DONTWAIT);
  if (got < 0) {
    if (errno == EINTR || errno == EAGAIN) return Result::Interrupted;
    error_ = std::string("recv: ") + std::strerror(errno);
    return Result::Error;
  }
  payload.resize(static_cast<size_t>(got));
  return Result::Datagram;
}

}  // namespace edgeflow::ctl
