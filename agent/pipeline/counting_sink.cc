#include "agent/pipeline/counting_sink.h"

namespace edgeflow::pipeline {

using attribute::Direction;

void CountingSink::flush(flow::FlowEntry& entry, bool /*ending*/) {
  const attribute::Row row = entry.key.row;
  const bool directional = counters_.layout().isDirectional(row);
  for (int d = 0; d < 2; ++d) {
    flow::DirDelta& delta = entry.delta[d];
    if (delta.packets == 0) continue;
    share::Counter& c = counters_.row(row, static_cast<Direction>(d));
    c.packets += delta.packets;
    c.ip_bytes += delta.ip_bytes;
    c.frame_bytes += delta.frame_bytes;
    // Directional rows count the record once per direction it carried;
    // internal and transit count it once (bit 0).
    const uint8_t bit = directional ? static_cast<uint8_t>(1u << d) : uint8_t{1};
    if (!(entry.counted & bit)) {
      entry.counted |= bit;
      c.flows += 1;
    }
    delta = flow::DirDelta{};
  }
}

}  // namespace edgeflow::pipeline
