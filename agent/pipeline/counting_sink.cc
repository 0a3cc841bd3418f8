#include "agent/pipeline/counting_sink.h"

namespace edgeflow::pipeline {

using attribute::Direction;

void CountingSink::decide(flow::FlowEntry& entry) {
  if (entry.labels.app != enrich::kAppUndecided) return;
  if (enrichment_.classifier != nullptr) enrichment_.classifier->giveUp(entry.labels);
  // A classifier that left it undecided breaks its promise; count it as
  // unknown rather than hold it forever.
  if (entry.labels.app == enrich::kAppUndecided) entry.labels.app = enrich::kAppUnknown;
}

void CountingSink::flush(flow::FlowEntry& entry, bool ending) {
  if (entry.labels.app == enrich::kAppUndecided) {
    // Packet time never runs backwards, but a clock not set yet reads 0.
    const uint32_t age_s = now_s_ > entry.first_seen_s ? now_s_ - entry.first_seen_s : 0;
    const bool timed_out = age_s >= enrichment_.dpi_timeout_s;
    if (hold_ && !ending && !timed_out) {
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
    const auto dir = static_cast<Direction>(d);
    share::Counter add{delta.packets, delta.ip_bytes, delta.frame_bytes, 0};
    // Directional rows count the record once per direction it carried;
    // internal and transit count it once (bit 0).
    const uint8_t bit = directional ? static_cast<uint8_t>(1u << d) : uint8_t{1};
    if (!(entry.counted & bit)) {
      entry.counted |= bit;
      add.flows = 1;
    }
    counters_.row(row, dir) += add;
    // The same addition, flow included, goes to one row of each dimension,
    // so the rows sum to the parent exactly.
    const uint32_t new_asn = counters_.addToBreakdowns(row, dir, entry.labels, add);
    if (new_asn != 0 && enrichment_.geo != nullptr) {
      IpAddr remote;
      remote.bytes = entry.key.remote;
      remote.family = entry.key.family == 6 ? IpFamily::V6 : IpFamily::V4;
      counters_.setAsnName(new_asn, enrichment_.geo->asOrganization(remote));
    }
    delta = flow::DirDelta{};
  }
}

}  // namespace edgeflow::pipeline
