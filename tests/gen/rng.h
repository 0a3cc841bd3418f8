// Rng: the generator's only source of randomness.
//
// xoshiro256** seeded through splitmix64, with integer-only helpers. Nothing
// here uses floating point or std:: distributions, so a seed yields the same
// stream, and therefore the same capture, on every platform and standard
// library.
#pragma once

#include <cstddef>
#include <cstdint>

namespace edgeflow::gen {

// One splitmix64 step: advances `state` and returns a well-mixed value.
inline uint64_t splitMix64(uint64_t& state) {
  state += 0x9e3779b97f4a7c15ull;
  uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Probabilities are integers in parts per million: 200000 = 0.2.
constexpr uint32_t kPpmOne = 1000000;

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t s = seed;
    for (auto& word : s_) word = splitMix64(s);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  uint32_t next32() { return static_cast<uint32_t>(next() >> 32); }

  // Uniform in [0, n) for n > 0. Rejects the few values that would make
  // `x % n` favour small results.
  uint64_t below(uint64_t n) {
    const uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      const uint64_t x = next();
      if (x >= threshold) return x % n;
    }
  }

  // Uniform in [lo, hi], inclusive.
  uint64_t range(uint64_t lo, uint64_t hi) { return lo + below(hi - lo + 1); }
  // A uniform index into a container of n elements.
  size_t index(size_t n) { return static_cast<size_t>(below(n)); }

  // True with probability ppm / 1e6.
  bool chance(uint32_t ppm) { return below(kPpmOne) < ppm; }

  // Fills n bytes with random values.
  void fill(uint8_t* p, size_t n) {
    while (n >= 8) {
      uint64_t x = next();
      for (int i = 0; i < 8; ++i, x >>= 8) *p++ = static_cast<uint8_t>(x);
      n -= 8;
    }
    if (n > 0) {
      uint64_t x = next();
      for (; n > 0; --n, x >>= 8) *p++ = static_cast<uint8_t>(x);
    }
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace edgeflow::gen
