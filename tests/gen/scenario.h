// Scenario: the network the generated capture comes from.
//
// The defaults are the project's demo: a national network with local space
// 175.45.176.0/22 and 2001:db8:4500::/48 behind one border router, and two
// transits on VLANs (TransTeleCom on 101, China Unicom on 102). The same
// values are written to the agent's config and used by the truth's rules.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tests/gen/net.h"
#include "tests/gen/options.h"

namespace edgeflow::gen {

struct UpstreamDef {
  std::string id;  // config section name, the label in every export
  std::string name;
  uint32_t asn = 0;        // 0: no `option asn`
  uint16_t vlan = 0;       // matched by `vlan N` when not 0
  Mac peer_mac;            // the upstream router's MAC (src on inbound frames)
  bool match_mac = false;  // matched by `mac <peer_mac>` instead of a VLAN
  uint32_t share = 0;      // byte-share weight; 0 = not balanced
};

struct Scenario {
  std::string agent_id = "gen-demo";
  std::vector<Prefix> local;
  Mac router_mac;                      // our border router
  std::vector<UpstreamDef> upstreams;  // config order: the first match wins

  // Frames of the other buckets (see traffic_plan.cc).
  uint16_t unknown_vlan = 999;  // one end local, no upstream matches
  Mac unknown_peer_mac;
  uint16_t internal_vlan = 10;  // hairpinned local<->local traffic
  Mac internal_peer_mac;
  uint16_t qinq_outer_vid = 300;  // S-tag of QinQ flows

  bool isLocal(const Ip& ip) const;
};

Scenario makeScenario(const Options& o);

}  // namespace edgeflow::gen
