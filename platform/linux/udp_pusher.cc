#include "platform/linux/udp_pusher.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "platform/linux/socket_addr.h"

namespace edgeflow::platform {

UdpPusher::UdpPusher(const config::Collector& collector, DatagramEncoder encoder)
    : collector_(collector), encoder_(std::move(encoder)) {
  sockaddr_storage addr{};
  const socklen_t len = toSockaddr(collector_.addr, collector_.port, addr);
  if (len == 0) {
    error_ = "collector " + collector_.id + ": no address";
    return;
  }
  fd_ = socket(addr.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    error_ = "collector " + collector_.id + ": socket: " + std::strerror(errno);
    return;
  }
  // connect(): send() needs no address, and the kernel reports ICMP errors
  // (port unreachable) on this socket instead of dropping them silently.
  if (connect(fd_, reinterpret_cast<const sockaddr*>(&addr), len) != 0) {
    error_ = "collector " + collector_.id + " (" + collector_.address + "): connect: " + std::strerror(errno);
    close(fd_);
    fd_ = -1;
  }
}

UdpPusher::~UdpPusher() {
  if (fd_ >= 0) close(fd_);
}

size_t UdpPusher::maxPayload() const {
  const size_t headers = collector_.addr.family == IpFamily::V6 ? kIpv6UdpHeaders : kIpv4UdpHeaders;
  return collector_.mtu > headers ? collector_.mtu - headers : 0;
}

void UdpPusher::push(const share::Report& report, bool final) {
  ++stats_.pushes;
  if (fd_ < 0 || !encoder_) return;
  const std::vector<std::string> datagrams = encoder_(report, maxPayload(), final);
  for (size_t i = 0; i < datagrams.size(); ++i) {
    const std::string& d = datagrams[i];
    const ssize_t n = send(fd_, d.data(), d.size(), MSG_DONTWAIT);
    if (n == static_cast<ssize_t>(d.size())) {
      ++stats_.datagrams_sent;
      stats_.bytes_sent += d.size();
      continue;
    }
    stats_.last_errno = n < 0 ? errno : EMSGSIZE;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)) {
      // The kernel holds no more now: drop the rest of the round.
      stats_.errors += datagrams.size() - i;
      return;
    }
    // ECONNREFUSED (an earlier datagram met a closed port), EHOSTUNREACH,
    // ENETUNREACH...: this one is lost, the next may go through.
    ++stats_.errors;
  }
}

}  // namespace edgeflow::platform
