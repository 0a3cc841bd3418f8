// CountingSink: turns flow deltas into share counters, applying the flow
// counting rule of docs/counting.md (one flow per direction that carried
// packets; once for the non-directional rows).
#pragma once

#include "agent/flow/flow_table.h"
#include "agent/share/counters.h"

namespace edgeflow::pipeline {

class CountingSink final : public flow::FlowSink {
 public:
  explicit CountingSink(share::ShareCounters& counters) : counters_(counters) {}
  void flush(flow::FlowEntry& entry, bool ending) override;

 private:
  share::ShareCounters& counters_;
};

}  // namespace edgeflow::pipeline
