// FlowKey: a bidirectional 5-tuple normalised to (local, remote), plus the
// counter row (upstream or bucket) it was attributed to.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>

#include "agent/attribute/attribution.h"

namespace edgeflow::flow {

struct FlowKey {
  std::array<uint8_t, 16> local{};   // IPv4 as IPv4-mapped IPv6
  std::array<uint8_t, 16> remote{};
  uint16_t local_port = 0;
  uint16_t remote_port = 0;
  uint8_t proto = 0;
  attribute::Row row = 0;
  uint8_t family = 0;  // 4 or 6
  uint8_t pad_ = 0;    // keeps the key 40 bytes with no indeterminate padding

  bool operator==(const FlowKey& o) const { return std::memcmp(this, &o, sizeof(FlowKey)) == 0; }
};
static_assert(sizeof(FlowKey) == 40, "FlowKey is hashed and compared as raw bytes");

// Seeded hash of the key's bytes (the seed comes from the platform, so a
// remote sender cannot aim collisions at the table).
uint64_t hashKey(const FlowKey& key, uint64_t seed);

}  // namespace edgeflow::flow
