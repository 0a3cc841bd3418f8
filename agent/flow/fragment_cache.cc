#include "agent/flow/fragment_cache.h"

namespace edgeflow::flow {

FragmentCache::FragmentCache(uint32_t slots_log2) : slots_(size_t{1} << slots_log2) {}

size_t FragmentCache::slotFor(const IpAddr& src, const IpAddr& dst, uint8_t proto, uint32_t id) const {
  uint64_t h = (uint64_t{id} << 8 | proto) * 0x9e3779b97f4a7c15ull;
  for (int i = 0; i < 16; ++i) h = (h ^ src.bytes[i] ^ (uint64_t{dst.bytes[i]} << 8)) * 0x100000001b3ull;
  h ^= h >> 29;
  return static_cast<size_t>(h & (slots_.size() - 1));
}

void FragmentCache::remember(const IpAddr& src, const IpAddr& dst, uint8_t proto, uint32_t id,
                             uint16_t src_port, uint16_t dst_port, uint32_t now_s) {
  Slot& s = slots_[slotFor(src, dst, proto, id)];
  if (s.used && static_cast<int32_t>(now_s - s.seen_s) <= static_cast<int32_t>(kLifetimeS)) ++overwrites_;
  s.src = src;
  s.dst = dst;
  s.id = id;
  s.proto = proto;
  s.src_port = src_port;
  s.dst_port = dst_port;
  s.seen_s = now_s;
  s.used = true;
}

bool FragmentCache::lookup(const IpAddr& src, const IpAddr& dst, uint8_t proto, uint32_t id, bool last,
                           uint32_t now_s, uint16_t& src_port, uint16_t& dst_port) {
  Slot& s = slots_[slotFor(src, dst, proto, id)];
  if (!s.used || s.id != id || s.proto != proto || s.src != src || s.dst != dst) return false;
  if (static_cast<int32_t>(now_s - s.seen_s) > static_cast<int32_t>(kLifetimeS)) {
    s.used = false;
    return false;
  }
  src_port = s.src_port;
  dst_port = s.dst_port;
  if (last) s.used = false;
  return true;
}

}  // namespace edgeflow::flow
