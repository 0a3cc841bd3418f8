#include "platform/linux/geo/label_cache.h"

namespace edgeflow::enrich::geo {

LabelCache::LabelCache(size_t slots) {
  size_t n = 1;
  while (n < slots && n < kMaxSlots) n <<= 1;
  slots_ = std::make_unique<LabelSlot[]>(n);
  mask_ = n - 1;
}

LabelSlot& LabelCache::take(LabelSlot& s, uint8_t tag, uint32_t offset) {
  ++stats_.misses;
  s = LabelSlot{};
  s.offset = offset;
  s.db = tag;
  return s;
}

}  // namespace edgeflow::enrich::geo
