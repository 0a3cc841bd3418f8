// One hash per 5-tuple, for the planners that keep flows distinct.
#pragma once

#include <cstdint>

#include "tests/gen/flow_spec.h"

namespace edgeflow::gen {

// FNV-1a over the flow's ordered ends: the lower address (then the lower
// port) first, so a flow and its reverse hash alike, and the IP protocol.
// ICMP flows hash their addresses and protocol only (their keys carry
// types, not ids).
uint64_t tupleHash(const FlowSpec& f);

}  // namespace edgeflow::gen
