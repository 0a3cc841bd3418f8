// Unit planning: the exact sequence of steps (units) of one flow, given its
// class, endpoints and frame budget.
#pragma once

#include <cstdint>
#include <vector>

#include "tests/gen/flow_spec.h"
#include "tests/gen/rng.h"

namespace edgeflow::gen {

// Appends units to `units` so that they make exactly `frames` frames, and
// fills flow.first_unit, unit_count, frame_count, ip_bytes and stream_len.
// `frames` >= 1. BulkUdp needs `frames` >= 2 to fragment; with less it sends
// one datagram that fits the MTU.
void planUnits(FlowSpec& flow, uint32_t frames, Rng& rng, std::vector<Unit>& units);

// IP bytes (NetFlow octets) of all frames of one unit.
uint64_t unitIpBytes(const FlowSpec& flow, const Unit& u);

// DNS message sizes for a flow's query name.
uint32_t dnsQuerySize(const FlowSpec& flow);
uint32_t dnsResponseSize(const FlowSpec& flow, uint32_t answers);
constexpr uint32_t kDnsAnswerSize = 16;  // compressed name, A record

}  // namespace edgeflow::gen
