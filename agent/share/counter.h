// Counter: the four quantities of docs/counting.md, cumulative.
#pragma once

#include <cstdint>

namespace edgeflow::share {

struct Counter {
  uint64_t packets = 0;
  uint64_t ip_bytes = 0;
  uint64_t frame_bytes = 0;
  uint64_t flows = 0;

  Counter& operator+=(const Counter& o) {
    packets += o.packets;
    ip_bytes += o.ip_bytes;
    frame_bytes += o.frame_bytes;
    flows += o.flows;
    return *this;
  }
  bool operator==(const Counter& o) const = default;
};

}  // namespace edgeflow::share
