#include "agent/share/breakdown.h"

#include <algorithm>

namespace edgeflow::share {

Placement Breakdown::add(uint32_t value, const Counter& c) {
  const auto it = std::lower_bound(keys_.begin(), keys_.end(), value);
  const auto i = static_cast<size_t>(it - keys_.begin());
  if (it != keys_.end() && *it == value) {
    rows_[i] += c;
    return Placement::Existing;
  }
  if (keys_.size() >= top_k_) {
    other_ += c;
    return Placement::Other;
  }
  // Grow by doubling, never past top_k, so capacity stays within the bound.
  if (keys_.size() == keys_.capacity()) {
    const size_t want = std::min<size_t>(top_k_, std::max<size_t>(4, keys_.capacity() * 2));
    keys_.reserve(want);
    rows_.reserve(want);
  }
  keys_.insert(keys_.begin() + static_cast<std::ptrdiff_t>(i), value);
  rows_.insert(rows_.begin() + static_cast<std::ptrdiff_t>(i), c);
  return Placement::Admitted;
}

const Counter* Breakdown::find(uint32_t value) const {
  const auto it = std::lower_bound(keys_.begin(), keys_.end(), value);
  if (it == keys_.end() || *it != value) return nullptr;
  return &rows_[static_cast<size_t>(it - keys_.begin())];
}

Counter Breakdown::total() const {
  Counter sum = unknown_;
  sum += unclassified_;
  sum += other_;
  for (const Counter& r : rows_) sum += r;
  return sum;
}

}  // namespace edgeflow::share
