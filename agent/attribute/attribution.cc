#include "agent/attribute/attribution.h"

#include <algorithm>
#include <cstring>

namespace edgeflow::attribute {

namespace {

// The first `bits` bits of a 16-byte mask set (network bit order).
std::array<uint8_t, 16> maskBytes(int bits) {
  std::array<uint8_t, 16> m{};
  for (size_t i = 0; i < m.size() && bits > 0; ++i, bits -= 8) {
    m[i] = static_cast<uint8_t>(bits >= 8 ? 0xff : 0xff << (8 - bits));
  }
  return m;
}

}  // namespace

Attributor::Attributor(const config::Config& cfg) {
  using detail::loadBytes;
  layout_.upstreams = std::min(cfg.upstreams.size(), config::kMaxUpstreams);
  vlan_upstream_.fill(kNone);
  for (const IpPrefix& p : cfg.agent.local) {
    if (p.addr.family == IpFamily::V4) {
      // The host bits of the prefix do not count.
      const std::array<uint8_t, 16> m = maskBytes(std::min<int>(p.len, 32));
      const uint32_t mask = loadBytes<uint32_t>(m.data());
      local_v4_.push_back({loadBytes<uint32_t>(p.addr.v4Bytes()) & mask, mask});
    } else if (p.addr.family == IpFamily::V6) {
      // As IpPrefix::contains(): host bits set within the last prefix byte
      // make a prefix that matches nothing; bytes past it do not count.
      const int len = std::min<int>(p.len, 128);
      const std::array<uint8_t, 16> m = maskBytes(len);
      std::array<uint8_t, 16> v{};
      for (size_t i = 0; i < v.size() && m[i] != 0; ++i) v[i] = p.addr.bytes[i];
      local_v6_.push_back({loadBytes<uint64_t>(v.data()), loadBytes<uint64_t>(m.data()),
                           loadBytes<uint64_t>(v.data() + 8), loadBytes<uint64_t>(m.data() + 8)});
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
          // Ids stay below kNoInterface, so attribute() needs no test for it.
          if (interfaceId(rule.interface) == kNoInterface && interface_names_.size() < kNoInterface) {
            interface_names_.push_back(rule.interface);
            interface_upstream_.push_back(index);
          }
          break;
      }
    }
  }
  unknown_row_ = layout_.unknownUpstream();
  has_mac_rules_ = !mac_rules_.empty();
  interface_count_ = static_cast<InterfaceId>(interface_upstream_.size());
}

InterfaceId Attributor::interfaceId(std::string_view name) const {
  for (size_t i = 0; i < interface_names_.size(); ++i) {
    if (interface_names_[i] == name) return static_cast<InterfaceId>(i);
  }
  return kNoInterface;
}

bool Attributor::isLocal(const IpAddr& a) const { return isLocalInline(a); }

uint8_t Attributor::matchUpstream(const decode::DecodedPacket& p, InterfaceId iface, int& mac_dir) const {
  uint8_t best = matchVlanAndInterface(p, iface);
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

Attribution Attributor::attributeByAllRules(const decode::DecodedPacket& p, InterfaceId iface, bool src_local,
                                            bool dst_local) const {
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
