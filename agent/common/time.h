// Time in the core: microseconds since the Unix epoch, carried in with packets
// and ticks. The core never reads a clock of its own.
#pragma once

#include <cstdint>

namespace edgeflow {

using TimestampUs = uint64_t;

constexpr TimestampUs kUsPerSecond = 1'000'000;

inline uint32_t toSeconds(TimestampUs t) { return static_cast<uint32_t>(t / kUsPerSecond); }

}  // namespace edgeflow
