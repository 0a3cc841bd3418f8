#include "agent/pipeline/read_loop.h"

namespace edgeflow::pipeline {

ReadResult readAll(PacketSource& source, Pipeline& pipeline, const ReadOptions& options,
                   const ReportCallback& on_report) {
  ReadResult result;
  pipeline.setSource(source.linkType(), source.interfaceName());
  const TimestampUs interval_us = TimestampUs{options.interval_s} * kUsPerSecond;
  bool started = false;
  TimestampUs next_tick = 0;
  TimestampUs next_report = 0;
  CapturedPacket pkt;
  for (;;) {
    const SourceStatus status = source.next(pkt);
    if (status == SourceStatus::End) break;
    if (status == SourceStatus::Error) {
      result.ok = false;
      result.error = source.error();
      break;
    }
    if (!started) {
      started = true;
      next_tick = pkt.ts + kUsPerSecond;
      next_report = pkt.ts + interval_us;
    }
    // Boundaries passed before this packet: housekeeping, then reports.
    if (pkt.ts >= next_tick) {
      pipeline.tick(pkt.ts);
      next_tick = pkt.ts + kUsPerSecond;
    }
    if (interval_us != 0 && pkt.ts >= next_report) {
      // One report for the boundary just passed; intervals without packets
      // (a gap in the capture, or a bogus far-future timestamp) add none.
      pipeline.tick(next_report);
      on_report(pipeline.report(), false);
      ++result.reports;
      next_report += interval_us * ((pkt.ts - next_report) / interval_us + 1);
    }
    pipeline.onPacket(pkt.ts, pkt.data, pkt.captured, pkt.wire_len);
  }
  on_report(pipeline.report(), true);
  ++result.reports;
  return result;
}

}  // namespace edgeflow::pipeline
