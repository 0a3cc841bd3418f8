// The generator's two text outputs: the truth sidecar (JSON) and the
// agent's config for the scenario (UCI).
#pragma once

#include <cstdint>
#include <string>

#include "tests/gen/options.h"
#include "tests/gen/scenario.h"
#include "tests/gen/traffic_plan.h"
#include "tests/gen/truth.h"

namespace edgeflow::gen {

// Agent settings under which the truth's flow counts hold exactly.
struct AgentSettings {
  uint64_t max_gap_s = 0;       // largest in-flow gap, rounded up
  uint64_t duration_s = 0;      // first to last frame, rounded up
  uint64_t max_flows = 0;       // --table-size, else min table as a power of two >= 1024
  uint64_t idle_timeout = 0;    // max_gap_s + 10
  uint64_t active_timeout = 0;  // duration_s + 60, at least 1800
};

AgentSettings deriveSettings(const Options& o, const Truth& t);

struct RunStats {
  uint64_t legit_flows = 0;
  uint64_t fragmented_flows = 0;
  uint64_t max_header_bytes = 0;  // a snaplen at least this large cuts no header
};

std::string truthJson(const Options& o, const Scenario& s, const Truth& t, const AgentSettings& a,
                      const RunStats& stats);

std::string uciConfig(const Scenario& s, const AgentSettings& a);

}  // namespace edgeflow::gen
