#include "agent/flow/flow_table.h"

#include <cassert>
#include <cstdlib>
#include <new>

namespace edgeflow::flow {

namespace {

constexpr size_t kCacheLine = 64;

uint32_t indexSlotsFor(uint32_t capacity) {
  // A power of two at least twice the capacity: probes stay short at full load.
  uint32_t slots = 16;
  while (slots < capacity * 2ull) slots <<= 1;
  return slots;
}

// Zeroed memory straight from the allocator: large blocks are fresh pages,
// resident only once written.
void* zeroed(size_t bytes) {
  void* p = std::calloc(1, bytes);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

}  // namespace

template <class Key>
void FlowTable<Key>::FreeDeleter::operator()(void* p) const {
  std::free(p);
}

template <class Key>
FlowTable<Key>::FlowTable(uint32_t capacity, uint32_t idle_timeout_s, uint32_t active_timeout_s,
                          uint64_t hash_seed)
    : capacity_(capacity == 0 ? 1 : capacity),
      idle_timeout_s_(idle_timeout_s),
      active_timeout_s_(active_timeout_s),
      seed_(hash_seed) {
  const uint32_t slots = indexSlotsFor(capacity_);
  index_mask_ = slots - 1;
  index_mem_.reset(static_cast<uint64_t*>(zeroed(size_t{slots} * sizeof(uint64_t))));
  index_ = index_mem_.get();
  pool_mem_.reset(static_cast<unsigned char*>(zeroed(size_t{capacity_} * sizeof(Entry) + kCacheLine)));
  const auto base = reinterpret_cast<uintptr_t>(pool_mem_.get());
  // Entries are trivially copyable and the memory is zeroed: each is created
  // by assignment before first use.
  pool_ = reinterpret_cast<Entry*>((base + kCacheLine - 1) & ~uintptr_t{kCacheLine - 1});
}

template <class Key>
size_t FlowTable<Key>::memoryBytes() const {
  return (index_mask_ + size_t{1}) * sizeof(uint64_t) + size_t{capacity_} * sizeof(Entry) + kCacheLine;
}

// Linear-probing deletion by backward shift: later members of the probe run
// move up into the hole unless that would put them before their home slot.
template <class Key>
void FlowTable<Key>::removeFromIndex(uint32_t entry_index) {
  const uint64_t held = entry_index + uint64_t{1};
  uint32_t hole = static_cast<uint32_t>(hashKey(entry(entry_index).key, seed_)) & index_mask_;
  while ((index_[hole] & 0xffffffffu) != held) {
    assert(index_[hole] != kEmpty);
    hole = (hole + 1) & index_mask_;
  }
  uint32_t next = (hole + 1) & index_mask_;
  while (index_[next] != kEmpty) {
    const uint32_t home = static_cast<uint32_t>(index_[next] >> 32) & index_mask_;
    // Distance from home to `next` vs. to the hole, modulo the table size.
    const uint32_t dist_next = (next - home) & index_mask_;
    const uint32_t dist_hole = (hole - home) & index_mask_;
    if (dist_hole <= dist_next) {
      index_[hole] = index_[next];
      hole = next;
    }
    next = (next + 1) & index_mask_;
  }
  index_[hole] = kEmpty;
}

template <class Key>
void FlowTable<Key>::release(uint32_t e, FlowSink& sink) {
  Entry& victim = entry(e);
  sink.flush(victim.rec, victim.key.remoteAddr(), true);
  removeFromIndex(e);
  unlink(e);
  victim.rec.lru_next = free_head_;
  free_head_ = e;
  --size_;
}

template <class Key>
uint32_t FlowTable<Key>::allocate() {
  if (free_head_ != kNil) {
    const uint32_t e = free_head_;
    free_head_ = entry(e).rec.lru_next;
    return e;
  }
  assert(fresh_ < capacity_);
  return fresh_++;
}

template <class Key>
void FlowTable<Key>::restart(Entry& e, uint32_t now_s, FlowSink& sink) {
  // A record idle past the timeout ends even if no expiry tick ran yet;
  // one older than the active timeout ends as NetFlow's would.
  FlowRecord& r = e.rec;
  const bool idle = olderThan(r.last_seen_s, now_s, idle_timeout_s_);
  sink.flush(r, e.key.remoteAddr(), true);
  r.counted = 0;
  r.first_seen_s = now_s;
  ++stats_.created;
  if (idle) ++stats_.idle_expired; else ++stats_.active_expired;
}

template <class Key>
FlowRecord& FlowTable<Key>::insert(const Key& key, uint32_t tag, uint32_t now_s, FlowSink& sink) {
  if (size_ == capacity_) {
    ++stats_.evicted;
    release(lru_tail_, sink);
  }
  // The first free slot from home (the key is not in the table; an eviction
  // may have moved the free slot touch() found).
  uint32_t slot = tag & index_mask_;
  while (index_[slot] != kEmpty) slot = (slot + 1) & index_mask_;
  const uint32_t e = allocate();
  Entry& fresh = entry(e);
  fresh = Entry{};
  fresh.key = key;
  fresh.rec.row = key.row;
  fresh.rec.first_seen_s = now_s;
  fresh.rec.last_seen_s = now_s;
  index_[slot] = uint64_t{tag} << 32 | (e + uint64_t{1});
  pushFront(e);
  ++size_;
  ++stats_.created;
  last_created_ = true;
  return fresh.rec;
}

template <class Key>
void FlowTable<Key>::expireIdle(uint32_t now_s, FlowSink& sink) {
  while (lru_tail_ != kNil && olderThan(entry(lru_tail_).rec.last_seen_s, now_s, idle_timeout_s_)) {
    ++stats_.idle_expired;
    release(lru_tail_, sink);
  }
}

template <class Key>
void FlowTable<Key>::flushAll(FlowSink& sink) {
  for (uint32_t e = lru_head_; e != kNil; e = entry(e).rec.lru_next) {
    Entry& x = entry(e);
    sink.flush(x.rec, x.key.remoteAddr(), false);
  }
}

template class FlowTable<FlowKey4>;
template class FlowTable<FlowKey6>;

}  // namespace edgeflow::flow
