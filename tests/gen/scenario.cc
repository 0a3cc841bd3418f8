#include "tests/gen/scenario.h"

namespace edgeflow::gen {

bool Scenario::isLocal(const Ip& ip) const {
  for (const Prefix& p : local) {
    if (p.contains(ip)) return true;
  }
  return false;
}

Scenario makeScenario(const Options& o) {
  Scenario s;
  s.local.push_back(Prefix{ipv4(175, 45, 176, 0), 22, "175.45.176.0/22"});
  s.local.push_back(Prefix{ipv6(0x20010db845000000ull, 0), 48, "2001:db8:4500::/48"});
  s.router_mac = macFromLow(0x0001);
  s.unknown_peer_mac = macFromLow(0x0199);
  s.internal_peer_mac = macFromLow(0x0201);

  s.upstreams.push_back(
      UpstreamDef{"ttk", "TransTeleCom", 20485, 101, macFromLow(0x0101), false, o.shares[0]});
  s.upstreams.push_back(
      UpstreamDef{"cu", "China Unicom", 4837, 102, macFromLow(0x0102), false, o.shares[1]});
  if (o.mac_upstream) {
    // A peering port without a VLAN: only the peer's MAC tells it apart.
    s.upstreams.push_back(UpstreamDef{"ix", "IX peering", 0, 0, macFromLow(0x0103), true, 0});
  }
  return s;
}

}  // namespace edgeflow::gen
