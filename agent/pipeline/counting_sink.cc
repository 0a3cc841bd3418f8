#include "agent/pipeline/counting_sink.h"

namespace edgeflow::pipeline {

using attribute::Direction;

void CountingSink::decide(flow::FlowRecord& rec) {
  if (rec.labels.app != enrich::kAppUndecided) return;
  if (enrichment_.classifier != nullptr) enrichment_.classifier->giveUp(rec.labels);
  // A classifier that left it undecided breaks its promise; count it as
  // unknown rather than hold it forever.
  if (rec.labels.app == enrich::kAppUndecided) rec.labels.app = enrich::kAppUnknown;
}

void CountingSink::flush(flow::FlowRecord& rec, const IpAddr& remote, bool ending) {
  if (rec.labels.app == enrich::kAppUndecided) {
    // Packet time never runs backwards, but a clock not set yet reads 0.
    const uint32_t age_s = now_s_ > rec.first_seen_s ? now_s_ - rec.first_seen_s : 0;
    const bool timed_out = age_s >= enrichment_.dpi_timeout_s;
    if (hold_ && !ending && !timed_out) {
      for (int d = 0; d < 2; ++d) {
        const flow::DirCounts c = rec.delta.get(d);
        held_.packets += c.packets;
        held_.ip_bytes += c.ip_bytes;
        held_.frame_bytes += c.frame_bytes;
      }
      return;
    }
    decide(rec);
  }
  count(rec, remote);
}

void CountingSink::flushNow(flow::FlowRecord& rec, const IpAddr& remote) {
  decide(rec);
  count(rec, remote);
}

void CountingSink::countPacket(flow::FlowRecord& rec, const IpAddr& remote, Direction dir,
                               const share::Counter& add) {
  flushNow(rec, remote);
  countDirection(rec, remote, static_cast<int>(dir), add);
}

void CountingSink::count(flow::FlowRecord& rec, const IpAddr& remote) {
  if (rec.delta.empty()) return;
  for (int d = 0; d < 2; ++d) {
    const flow::DirCounts c = rec.delta.get(d);
    if (c.packets == 0) continue;
    countDirection(rec, remote, d, share::Counter{c.packets, c.ip_bytes, c.frame_bytes, 0});
    rec.delta.clear(d);
  }
}

void CountingSink::countDirection(flow::FlowRecord& rec, const IpAddr& remote, int d, share::Counter add) {
  const attribute::Row row = rec.row;
  const auto dir = static_cast<Direction>(d);
  // Directional rows count the record once per direction it carried;
  // internal and transit count it once (bit 0).
  const uint8_t bit = counters_.layout().isDirectional(row) ? static_cast<uint8_t>(1u << d) : uint8_t{1};
  if (!(rec.counted & bit)) {
    rec.counted |= bit;
    add.flows = 1;
  }
  counters_.row(row, dir) += add;
  // The same addition, flow included, goes to one row of each dimension,
  // so the rows sum to the parent exactly.
  const uint32_t new_asn = counters_.addToBreakdowns(row, dir, rec.labels, add);
  if (new_asn != 0 && enrichment_.geo != nullptr) counters_.setAsnName(new_asn, enrichment_.geo->asOrganization(remote));
}

}  // namespace edgeflow::pipeline
