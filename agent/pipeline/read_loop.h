// readAll: drives a Pipeline from a PacketSource to its end, on packet time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "agent/pipeline/packet_source.h"
#include "agent/pipeline/pipeline.h"

namespace edgeflow::pipeline {

struct ReadOptions {
  // Report every `interval_s` seconds of capture time (0: only at the end).
  // Boundaries are counted from the first packet.
  uint32_t interval_s = 0;
};

struct ReadResult {
  bool ok = true;
  std::string error;
  uint64_t reports = 0;
};

using ReportCallback = std::function<void(const share::Report&, bool final)>;

// Housekeeping runs once per second of packet time; a report is emitted when
// a packet passes an interval boundary (before that packet is counted) and
// once at the end, always after all flow deltas were flushed.
ReadResult readAll(PacketSource& source, Pipeline& pipeline, const ReadOptions& options,
                   const ReportCallback& on_report);

}  // namespace edgeflow::pipeline
