// The upstream table the pipeline tests share: two transits told apart by
// their 802.1Q VLAN id alone.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "agent/config/config.h"

namespace edgeflow::fakes {

// Upstream "ttk" on VLAN 101, then "cu" on VLAN 102; each has one match
// rule (its VLAN) and no name, ASN or MAC.
inline std::vector<config::Upstream> twoVlanUpstreams() {
  std::vector<config::Upstream> ups;
  for (auto [id, vlan] : {std::pair{"ttk", 101}, std::pair{"cu", 102}}) {
    config::Upstream u;
    u.id = id;
    config::MatchRule r;
    r.vlan = static_cast<uint16_t>(vlan);
    u.match = {r};
    ups.push_back(u);
  }
  return ups;
}

}  // namespace edgeflow::fakes
