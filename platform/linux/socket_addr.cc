#include "platform/linux/socket_addr.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace edgeflow::platform {

std::optional<IpAddr> ipFromSockaddr(const sockaddr* sa) {
  if (sa == nullptr) return std::nullopt;
  if (sa->sa_family == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, sa, sizeof in);
    uint8_t b[4];
    std::memcpy(b, &in.sin_addr, 4);
    return IpAddr::v4(b);
  }
  if (sa->sa_family == AF_INET6) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, sa, sizeof in6);
    uint8_t b[16];
    std::memcpy(b, &in6.sin6_addr, 16);
    static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(b, kMapped, sizeof kMapped) == 0) return IpAddr::v4(b + 12);
    return IpAddr::v6(b);
  }
  return std::nullopt;
}

socklen_t toSockaddr(const IpAddr& addr, uint16_t port, sockaddr_storage& out) {
  std::memset(&out, 0, sizeof out);
  if (addr.family == IpFamily::V4) {
    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_port = htons(port);
    std::memcpy(&in.sin_addr, addr.v4Bytes(), 4);
    std::memcpy(&out, &in, sizeof in);
    return sizeof in;
  }
  if (addr.family == IpFamily::V6) {
    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    in6.sin6_port = htons(port);
    std::memcpy(&in6.sin6_addr, addr.bytes.data(), 16);
    std::memcpy(&out, &in6, sizeof in6);
    return sizeof in6;
  }
  return 0;
}

}  // namespace edgeflow::platform
