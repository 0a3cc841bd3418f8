// Conversions between the core's IpAddr and the kernel's socket addresses.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <optional>

#include "agent/common/ip_addr.h"

namespace edgeflow::platform {

// The address of an AF_INET or AF_INET6 socket address; an IPv4-mapped IPv6
// address (a v4 client on a dual-stack socket) comes back as IPv4.
// nullopt for other families or a null pointer.
std::optional<IpAddr> ipFromSockaddr(const sockaddr* sa);

// `addr`:`port` as a socket address; returns its length (0 for a family-less
// address).
socklen_t toSockaddr(const IpAddr& addr, uint16_t port, sockaddr_storage& out);

}  // namespace edgeflow::platform
