#include "tests/gen/size_dist.h"

#include <algorithm>

namespace edgeflow::gen {
namespace {

// Pareto with tail index 1.5, in integers: x = xm * 2^(K + F) where K is
// geometric with P(K >= k) = 2^(-1.5 k) and the fractional exponent F is
// approximated linearly (2^F ~ 1 + F). The tail P(X > x) falls like
// x^-1.5, heavy enough that a few flows carry a large part of the packets.
uint64_t paretoDraw(uint64_t mean, uint64_t cap, Rng& rng) {
  constexpr uint32_t kStayProbability = 1518500250;  // 2^-1.5 * 2^32
  uint64_t scale = 1;
  // Stop at 2^9: beyond it every draw would hit `cap` anyway.
  while (scale < 512 && rng.next32() < kStayProbability) scale <<= 1;
  const uint64_t frac = 1024 + rng.below(1024);
  // E[2^K] = (1 - q) / (1 - 2q) ~ 2.207 and E[1 + F] = 1.5: divide by 3.31
  // so the mean comes out near `mean` before the exact rescale.
  const uint64_t x = (mean * scale * frac * 100) / (331 * 1024);
  return std::clamp<uint64_t>(x, 1, cap);
}

}  // namespace

std::vector<uint32_t> drawFlowSizes(uint64_t flows, uint64_t total, SizeDist dist, Rng& rng) {
  const size_t n = static_cast<size_t>(flows);
  std::vector<uint64_t> x(n, 1);
  const uint64_t mean = std::max<uint64_t>(1, (total + flows / 2) / flows);
  const uint64_t cap = std::max<uint64_t>(mean * 200, 1);
  // Pareto mixes in 35 % mice of 1..4 packets (lookups, probes, lone SYNs),
  // which real links are full of; the tail's mean makes up for them.
  const uint64_t tail_mean = std::max<uint64_t>(1, (mean * 200 - 175) / 130);
  for (size_t i = 0; i < n; ++i) {
    switch (dist) {
      case SizeDist::Fixed:
        x[i] = total / flows + (i < total % flows ? 1 : 0);
        break;
      case SizeDist::Uniform:
        x[i] = rng.range(1, 2 * mean - 1);
        break;
      case SizeDist::Pareto:
        x[i] = rng.chance(350000) ? rng.range(1, 4) : paretoDraw(tail_mean, cap, rng);
        break;
    }
  }

  // Rescale to the exact total, then settle the rounding one by one,
  // walking from a random start so no flow position is favoured.
  uint64_t sum = 0;
  for (uint64_t v : x) sum += v;
  if (sum != total) {
    const uint64_t drawn = sum;
    sum = 0;
    for (uint64_t& v : x) {
      v = std::max<uint64_t>(1, v * total / drawn);
      sum += v;
    }
  }
  size_t i = rng.index(n);
  while (sum < total) {
    ++x[i];
    ++sum;
    i = (i + 1) % n;
  }
  while (sum > total) {
    if (x[i] > 1) {
      --x[i];
      --sum;
    }
    i = (i + 1) % n;
  }
  std::vector<uint32_t> out(n);
  for (size_t k = 0; k < n; ++k) out[k] = static_cast<uint32_t>(x[k]);
  return out;
}

}  // namespace edgeflow::gen
