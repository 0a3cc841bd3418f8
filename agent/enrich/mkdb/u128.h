// U128: an address in the database's 128-bit key space.
//
// IPv6 addresses are their 128 bits; IPv4 addresses sit at ::a.b.c.d (the
// ::/96 subtree), where MaxMind-format IPv6 databases keep them. Plain
// unsigned arithmetic that wraps, like the built-in types.
#pragma once

#include <cstdint>

namespace edgeflow::enrich::mkdb {

struct U128 {
  uint64_t hi = 0;
  uint64_t lo = 0;

  static constexpr U128 max() { return U128{~uint64_t{0}, ~uint64_t{0}}; }
  static constexpr U128 fromV4(uint32_t v4) { return U128{0, v4}; }

  friend constexpr bool operator==(U128 a, U128 b) { return a.hi == b.hi && a.lo == b.lo; }
  friend constexpr bool operator!=(U128 a, U128 b) { return !(a == b); }
  friend constexpr bool operator<(U128 a, U128 b) { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }
  friend constexpr bool operator<=(U128 a, U128 b) { return !(b < a); }
  friend constexpr bool operator>(U128 a, U128 b) { return b < a; }

  constexpr U128 plusOne() const { return lo == ~uint64_t{0} ? U128{hi + 1, 0} : U128{hi, lo + 1}; }
  constexpr U128 minusOne() const { return lo == 0 ? U128{hi - 1, ~uint64_t{0}} : U128{hi, lo - 1}; }
  friend constexpr U128 operator-(U128 a, U128 b) { return U128{a.hi - b.hi - (a.lo < b.lo ? 1 : 0), a.lo - b.lo}; }

  // Bit `i` counted from the most significant (i = 0) to the least (127).
  constexpr bool bit(unsigned i) const { return i < 64 ? ((hi >> (63 - i)) & 1) != 0 : ((lo >> (127 - i)) & 1) != 0; }
  // 2^k - 1 (k = 0..128).
  static constexpr U128 lowMask(unsigned k) {
    if (k == 0) return U128{};
    if (k < 64) return U128{0, (uint64_t{1} << k) - 1};
    if (k == 64) return U128{0, ~uint64_t{0}};
    if (k < 128) return U128{(uint64_t{1} << (k - 64)) - 1, ~uint64_t{0}};
    return max();
  }
  constexpr U128 operator|(U128 o) const { return U128{hi | o.hi, lo | o.lo}; }
  constexpr U128 operator&(U128 o) const { return U128{hi & o.hi, lo & o.lo}; }
  constexpr U128 operator~() const { return U128{~hi, ~lo}; }
};

// Number of trailing zero bits (128 for zero).
constexpr unsigned trailingZeros(U128 v) {
  unsigned n = 0;
  if (v.lo == 0) {
    if (v.hi == 0) return 128;
    n = 64;
    uint64_t h = v.hi;
    while ((h & 1) == 0) {
      h >>= 1;
      ++n;
    }
    return n;
  }
  uint64_t l = v.lo;
  while ((l & 1) == 0) {
    l >>= 1;
    ++n;
  }
  return n;
}

// floor(log2(v)) for v != 0.
constexpr unsigned floorLog2(U128 v) {
  unsigned n = 0;
  if (v.hi != 0) {
    uint64_t h = v.hi;
    while (h >>= 1) ++n;
    return n + 64;
  }
  uint64_t l = v.lo;
  while (l >>= 1) ++n;
  return n;
}

}  // namespace edgeflow::enrich::mkdb
