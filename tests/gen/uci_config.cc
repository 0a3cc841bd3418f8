// The agent's config for the generated scenario, in UCI syntax.
#include "tests/gen/report.h"

namespace edgeflow::gen {

std::string uciConfig(const Scenario& s, const AgentSettings& a) {
  auto option = [](const std::string& name, const std::string& value) {
    return "\toption " + name + " '" + value + "'\n";
  };
  std::string out = "config agent 'main'\n";
  out += option("id", s.agent_id);
  for (const Prefix& p : s.local) out += "\tlist local '" + p.text + "'\n";
  out += option("max_flows", std::to_string(a.max_flows));
  out += option("idle_timeout", std::to_string(a.idle_timeout));
  out += option("active_timeout", std::to_string(a.active_timeout));
  if (a.top_k != 0) out += option("top_k", std::to_string(a.top_k));
  for (const UpstreamDef& u : s.upstreams) {
    out += "\nconfig upstream '" + u.id + "'\n";
    out += option("name", u.name);
    if (u.asn != 0) out += option("asn", std::to_string(u.asn));
    if (u.vlan != 0) out += "\tlist match 'vlan " + std::to_string(u.vlan) + "'\n";
    if (u.match_mac) out += "\tlist match 'mac " + formatMac(u.peer_mac) + "'\n";
  }
  return out;
}

}  // namespace edgeflow::gen
