// ClientAllowlist: which HTTP clients the endpoint answers (`list allow`).
// Pure: no sockets, so the rules are unit-tested on their own.
#pragma once

#include <vector>

#include "agent/common/ip_addr.h"

namespace edgeflow::platform {

class ClientAllowlist {
 public:
  // `allow` empty: loopback only (127.0.0.0/8 and ::1), the safe default of
  // an agent whose listen address may be widened without thinking of it.
  explicit ClientAllowlist(const std::vector<IpPrefix>& allow);

  // True when `client` lies in one of the prefixes. IPv4 clients on a
  // dual-stack socket arrive as IPv4 (see ipFromSockaddr), so IPv4 prefixes
  // match them.
  bool allows(const IpAddr& client) const;

  const std::vector<IpPrefix>& prefixes() const { return prefixes_; }

 private:
  std::vector<IpPrefix> prefixes_;
};

}  // namespace edgeflow::platform
