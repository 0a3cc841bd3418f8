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
  uint64_t max_rows = 0;        // most breakdown rows of one (upstream, direction, dimension)
  uint64_t top_k = 0;           // --top-k, else max_rows when at most 1024 (at least 1); 0: unset
};

AgentSettings deriveSettings(const Options& o, const Truth& t);

struct RunStats {
  uint64_t legit_flows = 0;
  uint64_t fragmented_flows = 0;
  uint64_t max_header_bytes = 0;   // a snaplen at least this large cuts no header
  uint64_t tls_client_hellos = 0;  // segments that start with a TLS ClientHello
  uint64_t http_requests = 0;
  uint64_t ssh_banners = 0;
  uint64_t bittorrent_handshakes = 0;
  // Flows that carry payload: each may hold a classifier slot until it
  // ends, so `option dpi_flows` at least this large never runs out.
  uint64_t payload_flows = 0;
};

// Checks that the rows of every breakdown add up to their bucket, field by
// field; aborts otherwise (a generator bug).
void checkBreakdowns(const Truth& t);

std::string truthJson(const Options& o, const Scenario& s, const Truth& t, const AgentSettings& a,
                      const RunStats& stats);

std::string uciConfig(const Scenario& s, const AgentSettings& a);

}  // namespace edgeflow::gen
