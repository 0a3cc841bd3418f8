// Flow keys: a bidirectional 5-tuple normalised to (local, remote), plus the
// counter row (upstream or bucket) it was attributed to.
//
// IPv4 and IPv6 flows have keys of their own sizes (16 and 40 bytes) and live
// in separate tables, so that an IPv4 entry, most of a border link's flows,
// fits one 64-byte cache line.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>

#include "agent/attribute/attribution.h"
#include "agent/common/ip_addr.h"

namespace edgeflow::flow {

struct FlowKey4 {
  std::array<uint8_t, 4> local{};  // network byte order
  std::array<uint8_t, 4> remote{};
  uint16_t local_port = 0;
  uint16_t remote_port = 0;
  uint8_t proto = 0;
  attribute::Row row = 0;
  uint16_t pad_ = 0;  // keeps the key 16 bytes with no indeterminate padding

  bool operator==(const FlowKey4& o) const { return std::memcmp(this, &o, sizeof(FlowKey4)) == 0; }
  IpAddr remoteAddr() const { return IpAddr::v4(remote.data()); }
};
static_assert(sizeof(FlowKey4) == 16, "FlowKey4 is hashed and compared as raw bytes");

struct FlowKey6 {
  std::array<uint8_t, 16> local{};
  std::array<uint8_t, 16> remote{};
  uint16_t local_port = 0;
  uint16_t remote_port = 0;
  uint8_t proto = 0;
  attribute::Row row = 0;
  uint16_t pad_ = 0;

  bool operator==(const FlowKey6& o) const { return std::memcmp(this, &o, sizeof(FlowKey6)) == 0; }
  IpAddr remoteAddr() const { return IpAddr::v6(remote.data()); }
};
static_assert(sizeof(FlowKey6) == 40, "FlowKey6 is hashed and compared as raw bytes");

// Seeded hash of a key's bytes (the seed comes from the platform, so a
// remote sender cannot aim collisions at the table). Inline: it runs for
// every packet.
namespace detail {
template <size_t kWords>
inline uint64_t hashWords(const void* key, uint64_t seed) {
  uint64_t words[kWords];
  std::memcpy(words, key, sizeof words);
  uint64_t h = seed ^ 0x9e3779b97f4a7c15ull;
  for (uint64_t w : words) {
    h ^= w;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  // fmix64 finaliser: every input bit reaches the low bits used as the slot.
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}
}  // namespace detail

inline uint64_t hashKey(const FlowKey4& key, uint64_t seed) { return detail::hashWords<2>(&key, seed); }
inline uint64_t hashKey(const FlowKey6& key, uint64_t seed) { return detail::hashWords<5>(&key, seed); }

}  // namespace edgeflow::flow
