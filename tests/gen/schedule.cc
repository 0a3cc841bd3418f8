#include "tests/gen/schedule.h"

#include <algorithm>

namespace edgeflow::gen {
namespace {

// Each gap weighs at most twice the mean, so no gap exceeds 4.8 s.
constexpr uint64_t kMaxMeanGapUs = 2400000;

// Folds a time that overhangs the capture back into it, like a mirror at
// each end: -t for t < 0, 2 * span - 1 - t past the end.
uint64_t fold(int64_t t, uint64_t span) {
  if (t < 0) return static_cast<uint64_t>(-t);
  const uint64_t u = static_cast<uint64_t>(t);
  return u < span ? u : 2 * span - 1 - u;
}

}  // namespace

std::vector<Event> scheduleEvents(const Plan& plan, uint64_t span_us, Rng& rng) {
  std::vector<Event> events;
  events.reserve(plan.units.size());
  span_us = std::max<uint64_t>(span_us, 2);
  std::vector<uint32_t> weights;
  std::vector<uint64_t> times;

  for (uint32_t fi = 0; fi < plan.flows.size(); ++fi) {
    const FlowSpec& f = plan.flows[fi];
    const uint32_t n = f.unit_count;
    const bool independent = f.cls == FlowClass::NonIp || f.cls == FlowClass::Malformed;
    if (independent || n == 1) {
      for (uint32_t k = 0; k < n; ++k)
        events.push_back(Event{rng.below(span_us), f.first_unit + k, fi});
      continue;
    }
    // Mean gap log-uniform between 100 us and ~0.8 s: interactive chatter
    // next to slow polls; at most the whole capture.
    const uint64_t octave = rng.below(13);
    const uint64_t mean_gap = (uint64_t{100} << octave) * rng.range(1024, 2047) / 1024;
    const uint64_t gaps = n - 1;
    const uint64_t duration = std::min({mean_gap * gaps, kMaxMeanGapUs * gaps, span_us - 1});
    weights.resize(static_cast<size_t>(gaps));
    uint64_t total_weight = 0;
    for (uint32_t& w : weights) {
      w = static_cast<uint32_t>(rng.range(512, 1023));
      total_weight += w;
    }
    // The flow starts anywhere in [-duration/2, span - duration/2) and its
    // overhang is folded back in. Starts confined to [0, span - duration]
    // would thin the traffic towards both ends of the capture; with the
    // fold, what one flow loses near an end another folds in, so the frame
    // rate stays even. Folding never widens a gap: the folded part
    // interleaves with the rest at gaps no larger than before. Units keep
    // their order by taking the folded times sorted.
    int64_t t = static_cast<int64_t>(rng.below(span_us)) - static_cast<int64_t>(duration / 2);
    times.clear();
    times.push_back(fold(t, span_us));
    for (uint32_t k = 1; k < n; ++k) {
      t += static_cast<int64_t>(std::max<uint64_t>(1, duration * weights[k - 1] / total_weight));
      times.push_back(fold(t, span_us));
    }
    std::sort(times.begin(), times.end());
    for (uint32_t k = 0; k < n; ++k) {
      if (k != 0 && times[k] <= times[k - 1]) times[k] = times[k - 1] + 1;
      events.push_back(Event{times[k], f.first_unit + k, fi});
    }
  }

  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.t_us != b.t_us ? a.t_us < b.t_us : a.unit < b.unit;
  });
  return events;
}

}  // namespace edgeflow::gen
