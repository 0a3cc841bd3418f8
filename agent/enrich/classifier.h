// Classifier: names the application of a flow from its first payloads.
//
// The interface lives in the core so that the pipeline and its tests do not
// depend on nDPI; NdpiClassifier (ndpi_classifier.h, built with
// EDGEFLOW_WITH_NDPI) implements it. State is held in a bounded pool of
// slots, only while a flow is being classified.
#pragma once

#include <cstdint>
#include <string_view>

#include "agent/common/time.h"
#include "agent/enrich/labels.h"

namespace edgeflow::enrich {

struct ClassifierStats {
  uint64_t started = 0;         // flows given a slot
  uint64_t classified = 0;      // decided by inspection
  uint64_t gave_up = 0;         // decided by giveUp (packet budget, timeout, flow end)
  uint64_t pool_exhausted = 0;  // flows labelled kAppUnclassified: no free slot
  uint32_t in_use = 0;          // slots held now
  uint32_t peak_in_use = 0;
  uint32_t capacity = 0;
  uint32_t state_bytes = 0;     // bytes of one slot's state
};

class Classifier {
 public:
  virtual ~Classifier() = default;

  // One packet of a flow whose labels.app is kAppUndecided. `ip` points at
  // the IP header, `ip_captured` bytes of the datagram are present;
  // `payload_len` is the captured transport payload. A slot is taken on the
  // first packet with payload (a bare SYN never takes one); when none is
  // free the flow becomes kAppUnclassified. When the verdict is reached
  // (or the packet budget is spent) labels.app is set and the slot freed.
  virtual void inspect(FlowLabels& labels, const uint8_t* ip, uint32_t ip_captured, uint32_t payload_len,
                       bool from_local, TimestampUs ts) = 0;

  // Decides now (timeout, flow end): the best guess, or kAppUnknown; frees
  // the slot. No-op unless labels.app is kAppUndecided.
  virtual void giveUp(FlowLabels& labels) = 0;

  // "YouTube", "DNS"; "unknown" and "unclassified" for the special ids.
  virtual std::string_view appName(AppId app) const = 0;
  // "Media", "Network"; "" when none.
  virtual std::string_view appCategory(AppId app) const = 0;

  virtual ClassifierStats stats() const = 0;
};

}  // namespace edgeflow::enrich
