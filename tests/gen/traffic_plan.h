// Traffic planning: every flow of the capture, decided before any frame is
// written.
#pragma once

#include <cstdint>
#include <vector>

#include "tests/gen/flow_spec.h"
#include "tests/gen/options.h"
#include "tests/gen/rng.h"
#include "tests/gen/scenario.h"

namespace edgeflow::gen {

struct Plan {
  std::vector<FlowSpec> flows;  // legit, other-bucket, flood, then the two special "flows"
  std::vector<Unit> units;      // all flows' units, each flow's contiguous
  uint64_t frames = 0;          // total frames; equals packets + syn_flood
  uint64_t legit_flows = 0;
  uint64_t fragmented_flows = 0;
};

// Decides flows, sizes, endpoints, paths and upstreams. Legit flows go to
// the byte-balanced upstreams: each new flow to the one whose share lags its
// target the most, in bytes.
Plan planTraffic(const Options& o, const Scenario& s, Rng& rng);

}  // namespace edgeflow::gen
