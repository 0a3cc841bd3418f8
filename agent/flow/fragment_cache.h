// FragmentCache: remembers the ports of first fragments so that later
// fragments of the same datagram join their flow.
//
// Direct-mapped and fixed in size: a new datagram may overwrite an older
// one's slot (counted). A later fragment whose first fragment is not here
// (lost, reordered, overwritten) is reported as unmatched and the caller
// counts it in the flow with ports 0.
#pragma once

#include <cstdint>
#include <vector>

#include "agent/common/ip_addr.h"
#include "agent/common/time.h"

namespace edgeflow::flow {

class FragmentCache {
 public:
  explicit FragmentCache(uint32_t slots_log2 = 10);

  // Call for a first fragment (offset 0, more fragments to come).
  void remember(const IpAddr& src, const IpAddr& dst, uint8_t proto, uint32_t id, uint16_t src_port,
                uint16_t dst_port, uint32_t now_s);

  // For a later fragment: the ports, if its first fragment is remembered.
  // The last fragment (no more fragments) forgets the datagram.
  bool lookup(const IpAddr& src, const IpAddr& dst, uint8_t proto, uint32_t id, bool last, uint32_t now_s,
              uint16_t& src_port, uint16_t& dst_port);

  uint64_t overwrites() const { return overwrites_; }

 private:
  // A datagram's fragments arrive within this many seconds (RFC 791's
  // reassembly timer is of this order); older slots count as empty.
  static constexpr uint32_t kLifetimeS = 30;

  struct Slot {
    IpAddr src;
    IpAddr dst;
    uint32_t id = 0;
    uint32_t seen_s = 0;
    uint16_t src_port = 0;
    uint16_t dst_port = 0;
    uint8_t proto = 0;
    bool used = false;
  };

  size_t slotFor(const IpAddr& src, const IpAddr& dst, uint8_t proto, uint32_t id) const;

  std::vector<Slot> slots_;
  uint64_t overwrites_ = 0;
};

}  // namespace edgeflow::flow
