// DatagramAssembler: collects pushed datagrams from many agents and hands
// out each report once all its parts have arrived.
//
// Parts are keyed by (agent_id, boot_id, seq) and may arrive in any order,
// twice, or never. Memory is bounded: at most `max_pending` incomplete
// reports and `max_bytes` of held datagrams; beyond either, the report that
// waited longest is dropped and counted. Portable: the caller owns the
// socket and feeds payloads in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "agent/proto/report_codec.h"

namespace edgeflow::proto {

class DatagramAssembler {
 public:
  struct Stats {
    uint64_t datagrams = 0;    // payloads added
    uint64_t reports = 0;      // complete reports handed out
    uint64_t malformed = 0;    // payloads that were no Report part, or whose parts disagreed
    uint64_t duplicates = 0;   // parts that had arrived before
    uint64_t dropped = 0;      // incomplete reports dropped to stay within the bounds
  };

  explicit DatagramAssembler(size_t max_pending = 64, size_t max_bytes = 16u << 20);

  // Takes one datagram payload. Returns true and fills `out` when it
  // completed a report (a single-part report completes at once).
  bool add(std::string_view datagram, DecodeResult& out);

  const Stats& stats() const { return stats_; }
  size_t pending() const { return pending_.size(); }

 private:
  using Key = std::tuple<std::string, uint64_t, uint64_t>;  // agent_id, boot_id, seq
  struct Pending {
    std::vector<std::string> parts;  // by part index; empty = not yet here
    uint32_t received = 0;
    size_t bytes = 0;
    uint64_t order = 0;  // arrival of its first part
  };

  void dropOldest();

  size_t max_pending_;
  size_t max_bytes_;
  size_t bytes_ = 0;
  uint64_t next_order_ = 0;
  std::map<Key, Pending> pending_;
  Stats stats_;
};

}  // namespace edgeflow::proto
