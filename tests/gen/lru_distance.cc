#include "tests/gen/lru_distance.h"

#include <cstdlib>

namespace edgeflow::gen {

LruDistance::LruDistance(uint64_t capacity) : tree_(static_cast<size_t>(capacity + 1), 0) {}

void LruDistance::add(uint64_t pos, int32_t delta) {
  for (uint64_t i = pos + 1; i < tree_.size(); i += i & (0 - i)) tree_[static_cast<size_t>(i)] += delta;
}

int64_t LruDistance::prefix(uint64_t pos) const {
  int64_t sum = 0;
  for (uint64_t i = pos; i > 0; i -= i & (0 - i)) sum += tree_[static_cast<size_t>(i)];
  return sum;
}

uint64_t LruDistance::access(uint32_t flow) {
  if (now_ + 1 >= tree_.size()) std::abort();  // more accesses than announced
  if (flow >= last_.size()) last_.resize(flow + 1, -1);
  uint64_t distance = 0;
  const int64_t last = last_[flow];
  if (last >= 0) {
    // Flows whose most recent access lies strictly between then and now.
    const uint64_t between =
        static_cast<uint64_t>(prefix(now_) - prefix(static_cast<uint64_t>(last) + 1));
    distance = between + 1;
    add(static_cast<uint64_t>(last), -1);
    if (distance > max_) max_ = distance;
  }
  add(now_, 1);
  last_[flow] = static_cast<int64_t>(now_);
  ++now_;
  return distance;
}

}  // namespace edgeflow::gen
