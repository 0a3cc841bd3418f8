// Attribution: which counter row a decoded IP packet belongs to, and in which
// direction — the rules of docs/counting.md.
#pragma once

#include <array>
#include <cstdint>
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

  // `p` must carry IP (p.has_ip).
  Attribution attribute(const decode::DecodedPacket& p, InterfaceId iface) const;

  bool isLocal(const IpAddr& a) const;

 private:
  static constexpr uint8_t kNone = 0xff;

  // Lowest upstream index whose rules match, or kNone. `mac_dir` reports
  // which MAC matched, for the neither-end-local case.
  uint8_t matchUpstream(const decode::DecodedPacket& p, InterfaceId iface, int& mac_dir) const;

  struct V4Prefix {
    uint32_t value;
    uint32_t mask;
  };
  struct MacRule {
    MacAddr mac;
    uint8_t upstream;
  };

  RowLayout layout_;
  std::vector<V4Prefix> local_v4_;
  std::vector<IpPrefix> local_v6_;
  std::array<uint8_t, 4096> vlan_upstream_{};    // VLAN id -> upstream index, or kNone
  std::vector<MacRule> mac_rules_;               // config order
  std::vector<std::string> interface_names_;     // InterfaceId -> name
  std::vector<uint8_t> interface_upstream_;      // InterfaceId -> upstream index
};

}  // namespace edgeflow::attribute
