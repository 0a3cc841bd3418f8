#include "agent/attribute/attribution.h"

#include <algorithm>

namespace edgeflow::attribute {

Attributor::Attributor(const config::Config& cfg) {
  layout_.upstreams = std::min(cfg.upstreams.size(), config::kMaxUpstreams);
  vlan_upstream_.fill(kNone);
  for (const IpPrefix& p : cfg.agent.local) {
    if (p.addr.family == IpFamily::V4) {
      const uint32_t mask = p.len == 0 ? 0 : ~uint32_t{0} << (32 - p.len);
      local_v4_.push_back({p.addr.v4HostOrder() & mask, mask});
    } else {
      local_v6_.push_back(p);
    }
  }
  for (size_t u = 0; u < layout_.upstreams; ++u) {
    const auto index = static_cast<uint8_t>(u);
    for (const config::MatchRule& rule : cfg.upstreams[u].match) {
      switch (rule.kind) {
        case config::MatchRule::Kind::Vlan:
          // First upstream in config order keeps the VLAN.
          if (vlan_upstream_[rule.vlan & 0xfff] == kNone) vlan_upstream_[rule.vlan & 0xfff] = index;
          break;
        case config::MatchRule::Kind::Mac:
          mac_rules_.push_back({rule.mac, index});
          break;
        case config::MatchRule::Kind::Interface:
          if (interfaceId(rule.interface) == kNoInterface) {
            interface_names_.push_back(rule.interface);
            interface_upstream_.push_back(index);
          }
          break;
      }
    }
  }
}

InterfaceId Attributor::interfaceId(std::string_view name) const {
  for (size_t i = 0; i < interface_names_.size(); ++i) {
    if (interface_names_[i] == name) return static_cast<InterfaceId>(i);
  }
  return kNoInterface;
}

bool Attributor::isLocal(const IpAddr& a) const {
  if (a.family == IpFamily::V4) {
    const uint32_t v = a.v4HostOrder();
    for (const V4Prefix& p : local_v4_) {
      if ((v & p.mask) == p.value) return true;
    }
    return false;
  }
  for (const IpPrefix& p : local_v6_) {
    if (p.contains(a)) return true;
  }
  return false;
}

uint8_t Attributor::matchUpstream(const decode::DecodedPacket& p, InterfaceId iface, int& mac_dir) const {
  uint8_t best = kNone;  // indices grow in config order: the lowest wins
  for (int i = 0; i < p.vlan_count; ++i) best = std::min(best, vlan_upstream_[p.vlan_ids[i] & 0xfff]);
  if (iface != kNoInterface && iface < interface_upstream_.size()) best = std::min(best, interface_upstream_[iface]);
  mac_dir = -1;
  for (const MacRule& rule : mac_rules_) {
    if (rule.upstream > best) break;  // rules are in config order
    if (p.has_src_mac && p.src_mac == rule.mac) {
      best = rule.upstream;
      mac_dir = static_cast<int>(Direction::In);
    } else if (p.has_dst_mac && p.dst_mac == rule.mac) {
      best = rule.upstream;
      mac_dir = static_cast<int>(Direction::Out);
    }
  }
  return best;
}

// Key order for the non-directional buckets: the lower (address, port) end
// plays "local", so both directions of a conversation share one flow.
static bool srcIsLowerEnd(const decode::DecodedPacket& p) {
  if (p.src != p.dst) return p.src < p.dst;
  return p.src_port <= p.dst_port;
}

Attribution Attributor::attribute(const decode::DecodedPacket& p, InterfaceId iface) const {
  const bool src_local = isLocal(p.src);
  const bool dst_local = isLocal(p.dst);
  Attribution a;
  if (src_local && dst_local) {
    a.row = layout_.internal();
    a.src_is_local = srcIsLowerEnd(p);
    a.dir = a.src_is_local ? Direction::Out : Direction::In;
    return a;
  }
  int mac_dir = -1;
  const uint8_t upstream = matchUpstream(p, iface, mac_dir);
  if (!src_local && !dst_local) {
    if (upstream != kNone && mac_dir >= 0) {
      // No local end: the peer router's MAC tells the direction. The remote
      // end is the far side of that router.
      a.row = upstream;
      a.dir = static_cast<Direction>(mac_dir);
      a.src_is_local = a.dir == Direction::Out;
      return a;
    }
    a.row = layout_.transit();
    a.src_is_local = srcIsLowerEnd(p);
    a.dir = a.src_is_local ? Direction::Out : Direction::In;
    return a;
  }
  a.dir = src_local ? Direction::Out : Direction::In;
  a.src_is_local = src_local;
  a.row = upstream == kNone ? layout_.unknownUpstream() : upstream;
  return a;
}

}  // namespace edgeflow::attribute
