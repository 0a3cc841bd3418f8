// Packets per flow: fixed, uniform, or a heavy-tailed Pareto-like law.
#pragma once

#include <cstdint>
#include <vector>

#include "tests/gen/options.h"
#include "tests/gen/rng.h"

namespace edgeflow::gen {

// `flows` sizes, each >= 1, summing to exactly `total` (total >= flows >= 1).
std::vector<uint32_t> drawFlowSizes(uint64_t flows, uint64_t total, SizeDist dist, Rng& rng);

}  // namespace edgeflow::gen
