#include "agent/pipeline/counting_sink.h"

namespace edgeflow::pipeline {

using attribute::Direction;

void CountingSink::decide(flow::FlowEntry& entry) {
  if (entry.labels.app != enrich::kAppUndecided) return;
  if (enrichment_.classifier != nullptr) {
    enrichment_.classifier->giveUp(entry.labels);
  } else {
    entry.labels.app = enrich::kAppUnknown;
  }
}

void CountingSink::flush(flow::FlowEntry& entry, bool ending) {
  if (entry.labels.app == enrich::kAppUndecided) {
    const bool timed_out = now_s_ - entry.first_seen_s >= enrichment_.dpi_timeout_s;
    if (!ending && !timed_out) {
      for (const flow::DirDelta& d : entry.delta) {
        held_.packets += d.packets;
        held_.ip_bytes += d.ip_bytes;
        held_.frame_bytes += d.frame_bytes;
      }
      return;
    }
    decide(entry);
  }
  count(entry);
}

void CountingSink::flushNow(flow::FlowEntry& entry) {
  decide(entry);
  count(entry);
}

void CountingSink::count(flow::FlowEntry& entry) {
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
