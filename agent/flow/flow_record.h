// FlowRecord: what the flow table keeps about one flow besides its key —
// LRU links, the record's times, the counts since the last flush and the
// enrichment labels — and FlowSink, which receives those counts.
//
// The record is 48 bytes, so that with an IPv4 key an entry is 64. Counts
// are kept narrow: per direction, the IP bytes in 32 bits, the packets and
// the frame bytes beyond the IP datagram (link headers, padding) in 16 bits
// each. The owner hands them to the sink before any of them would wrap
// (FlowDeltas::fits), so narrow fields never lose a byte.
#pragma once

#include <cstdint>

#include "agent/attribute/attribution.h"
#include "agent/common/ip_addr.h"
#include "agent/enrich/labels.h"

namespace edgeflow::flow {

// One direction's counts, widened.
struct DirCounts {
  uint32_t packets = 0;
  uint32_t ip_bytes = 0;
  uint64_t frame_bytes = 0;
};

// Both directions' counts since the last flush, indexed by attribute::Direction.
struct FlowDeltas {
  uint32_t ip_bytes[2] = {0, 0};
  uint16_t l2_bytes[2] = {0, 0};  // frame bytes minus IP bytes
  uint16_t packets[2] = {0, 0};

  static constexpr uint32_t kMaxIpBytes = 0xffffffffu;
  static constexpr uint32_t kMaxNarrow = 0xffffu;

  // True when one more packet of `ip` IP bytes and `l2` further frame bytes
  // fits direction `d` without wrapping.
  bool fits(int d, uint32_t ip, uint32_t l2) const {
    return packets[d] != kMaxNarrow && ip_bytes[d] <= kMaxIpBytes - ip && l2 <= kMaxNarrow - l2_bytes[d];
  }
  // Adds a packet; fits(d, ip, l2) must hold.
  void add(int d, uint32_t ip, uint32_t l2) {
    packets[d] = static_cast<uint16_t>(packets[d] + 1);
    ip_bytes[d] += ip;
    l2_bytes[d] = static_cast<uint16_t>(l2_bytes[d] + l2);
  }
  DirCounts get(int d) const { return {packets[d], ip_bytes[d], uint64_t{ip_bytes[d]} + l2_bytes[d]}; }
  void clear(int d) {
    packets[d] = 0;
    ip_bytes[d] = 0;
    l2_bytes[d] = 0;
  }
  bool empty() const { return packets[0] == 0 && packets[1] == 0; }
};

struct FlowRecord {
  uint32_t lru_prev;
  uint32_t lru_next;
  uint32_t first_seen_s;  // start of the current flow record
  uint32_t last_seen_s;
  FlowDeltas delta;
  // Remote country/AS and application, set when the record starts (and, for
  // the application, when the classifier decides).
  enrich::FlowLabels labels;
  attribute::Row row;  // the key's row, for the sink
  // Bit d: this record was already counted as a flow in direction d (for
  // non-directional rows only bit 0 is used).
  uint8_t counted;
};
static_assert(sizeof(FlowRecord) == 48, "an IPv4 flow entry is one 64-byte cache line");

// Receives deltas. `remote` is the flow's remote address; `ending` is true
// when the flow record ends with this call.
class FlowSink {
 public:
  virtual ~FlowSink() = default;
  virtual void flush(FlowRecord& rec, const IpAddr& remote, bool ending) = 0;
};

}  // namespace edgeflow::flow
