#include "agent/flow/flow_key.h"

namespace edgeflow::flow {

uint64_t hashKey(const FlowKey& key, uint64_t seed) {
  uint64_t words[5];
  std::memcpy(words, &key, sizeof words);
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

}  // namespace edgeflow::flow
