// Attribution: which counter row a decoded IP packet belongs to, and in which
// direction — the rules of docs/counting.md.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "agent/common/ip_addr.h"
#include "agent/config/config.h"
#include "agent/decode/packet.h"

namespace edgeflow::attribute {

enum class Direction : uint8_t { In = 0, Out = 1 };

// Counter rows of IP traffic. Upstreams take rows 0..n-1 in config order;
// the explicit buckets follow. Row numbers fit a byte: the config allows at
// most config::kMaxUpstreams upstreams.
using Row = uint8_t;
static_assert(config::kMaxUpstreams + 3 <= 256, "rows must fit a Row");

struct RowLayout {
  size_t upstreams = 0;
  Row unknownUpstream() const { return static_cast<Row>(upstreams); }
  Row internal() const { return static_cast<Row>(upstreams + 1); }
  Row transit() const { return static_cast<Row>(upstreams + 2); }
  size_t count() const { return upstreams + 3; }
  bool isDirectional(Row r) const { return r <= upstreams; }
};

struct Attribution {
  Row row = 0;
  Direction dir = Direction::In;
  // True when the packet's source end plays "local" in the flow key (for
  // internal/transit: the lower (address, port) end).
  bool src_is_local = false;
};

// Index of a capture interface among those named in `interface` rules.
using InterfaceId = uint16_t;
constexpr InterfaceId kNoInterface = 0xffff;

class Attributor {
 public:
  explicit Attributor(const config::Config& cfg);

  const RowLayout& layout() const { return layout_; }

  // The id to pass to attribute() for packets captured on `name`.
  InterfaceId interfaceId(std::string_view name) const;

  // `p` must carry IP (p.has_ip). Inline (below): it runs once per packet.
  Attribution attribute(const decode::DecodedPacket& p, InterfaceId iface) const;

  bool isLocal(const IpAddr& a) const;

 private:
  static constexpr uint8_t kNone = 0xff;

  // The prefix tests. Addresses are loaded as their bytes lie in memory and
  // masked with masks built the same way, so no byte swap is needed.
  bool isLocalV4(const IpAddr& a) const;
  bool isLocalV6(const IpAddr& a) const;
  bool isLocalInline(const IpAddr& a) const;

  // attribute() for all cases but the common one: both or neither end
  // local, or MAC rules configured.
  Attribution attributeByAllRules(const decode::DecodedPacket& p, InterfaceId iface, bool src_local,
                                  bool dst_local) const;

  // Lowest upstream index whose VLAN or interface rules match, or kNone.
  uint8_t matchVlanAndInterface(const decode::DecodedPacket& p, InterfaceId iface) const;
  // The same with the MAC rules too. `mac_dir` reports which MAC matched,
  // for the neither-end-local case.
  uint8_t matchUpstream(const decode::DecodedPacket& p, InterfaceId iface, int& mac_dir) const;

  struct V4Prefix {  // over bytes 12..15 of the IPv4-mapped form
    uint32_t value;
    uint32_t mask;
  };
  struct V6Prefix {  // over bytes 0..7 and 8..15
    uint64_t hi_value;
    uint64_t hi_mask;
    uint64_t lo_value;
    uint64_t lo_mask;
  };
  struct MacRule {
    MacAddr mac;
    uint8_t upstream;
  };

  RowLayout layout_;
  std::vector<V4Prefix> local_v4_;
  std::vector<V6Prefix> local_v6_;
  std::array<uint8_t, 4096> vlan_upstream_{};    // VLAN id -> upstream index, or kNone
  std::vector<MacRule> mac_rules_;               // config order
  std::vector<std::string> interface_names_;     // InterfaceId -> name
  std::vector<uint8_t> interface_upstream_;      // InterfaceId -> upstream index
  // Derived from the above, for attribute().
  Row unknown_row_ = 0;
  bool has_mac_rules_ = false;
  InterfaceId interface_count_ = 0;
};

// The per-packet path, inline so that the caller runs the common case (one
// local end, no MAC rules) without a call; the rest is in attribution.cc.

namespace detail {
template <typename T>
T loadBytes(const uint8_t* bytes) {
  T v;
  std::memcpy(&v, bytes, sizeof v);
  return v;
}
}  // namespace detail

inline bool Attributor::isLocalV4(const IpAddr& a) const {
  const uint32_t v = detail::loadBytes<uint32_t>(a.v4Bytes());
  for (const V4Prefix& p : local_v4_) {
    if ((v & p.mask) == p.value) return true;
  }
  return false;
}

inline bool Attributor::isLocalV6(const IpAddr& a) const {
  const uint64_t hi = detail::loadBytes<uint64_t>(a.bytes.data());
  const uint64_t lo = detail::loadBytes<uint64_t>(a.bytes.data() + 8);
  for (const V6Prefix& p : local_v6_) {
    if ((hi & p.hi_mask) == p.hi_value && (lo & p.lo_mask) == p.lo_value) return true;
  }
  return false;
}

inline bool Attributor::isLocalInline(const IpAddr& a) const {
  if (a.family == IpFamily::V4) return isLocalV4(a);
  if (a.family == IpFamily::V6) return isLocalV6(a);
  return false;
}

inline uint8_t Attributor::matchVlanAndInterface(const decode::DecodedPacket& p, InterfaceId iface) const {
  uint8_t best = kNone;  // indices grow in config order: the lowest wins
  if (p.vlan_count == 1) {
    best = vlan_upstream_[p.vlan_ids[0] & 0xfff];  // one tag: the usual case
  } else {
    for (int i = 0; i < p.vlan_count; ++i) best = std::min(best, vlan_upstream_[p.vlan_ids[i] & 0xfff]);
  }
  if (iface < interface_count_) best = std::min(best, interface_upstream_[iface]);
  return best;
}

inline Attribution Attributor::attribute(const decode::DecodedPacket& p, InterfaceId iface) const {
  const bool src_local = isLocalInline(p.src);
  const bool dst_local = isLocalInline(p.dst);
  if (src_local != dst_local && !has_mac_rules_) {
    // The upstream from the VLAN and interface rules alone.
    const uint8_t upstream = matchVlanAndInterface(p, iface);
    return Attribution{upstream == kNone ? unknown_row_ : upstream, src_local ? Direction::Out : Direction::In,
                       src_local};
  }
  return attributeByAllRules(p, iface, src_local, dst_local);
}

}  // namespace edgeflow::attribute
