// AddressBook: hosts on both sides of the border.
//
// Local hosts come from the scenario's local prefixes. Remote hosts are
// public-looking: never private, shared, loopback, link-local,
// documentation, benchmarking, multicast or reserved space, and never in the
// local prefixes. Remote servers come from a pool picked with a skew, so a
// few popular servers carry many flows, as on a real link.
#pragma once

#include <cstdint>
#include <vector>

#include "tests/gen/net.h"
#include "tests/gen/rng.h"
#include "tests/gen/scenario.h"

namespace edgeflow::gen {

class AddressBook {
 public:
  AddressBook(const Scenario& scenario, uint64_t flows, Rng& rng);

  Ip localHost(bool v6, Rng& rng) const;     // a client in the local space
  Ip localServer(bool v6, Rng& rng) const;   // one of a few local servers
  Ip remoteServer(bool v6, Rng& rng) const;  // from the popular-server pool
  Ip remoteHost(bool v6, Rng& rng) const;    // any public address

 private:
  static Ip pick(const std::vector<Ip>& pool, Rng& rng);

  const Scenario& scenario_;
  std::vector<Ip> servers4_, servers6_;
  std::vector<Ip> local_servers4_, local_servers6_;
};

// True for IPv4 unicast space that is routed on the public Internet.
bool isPublicIpv4(uint32_t a);

}  // namespace edgeflow::gen
