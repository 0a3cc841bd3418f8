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

void FlowTable::FreeDeleter::operator()(void* p) const { std::free(p); }

template <class Key>
void FlowTable::reserve(Family<Key>& f, uint32_t first_id) {
  f.first_id = first_id;
  f.index_mem.reset(static_cast<uint64_t*>(zeroed((index_mask_ + size_t{1}) * sizeof(uint64_t))));
  f.index = f.index_mem.get();
  f.pool_mem.reset(static_cast<unsigned char*>(zeroed(size_t{capacity_} * sizeof(FlowEntry<Key>) + kCacheLine)));
  const auto base = reinterpret_cast<uintptr_t>(f.pool_mem.get());
  // Entries are trivially copyable and the memory is zeroed: each is created
  // by assignment before first use.
  f.pool = reinterpret_cast<FlowEntry<Key>*>((base + kCacheLine - 1) & ~uintptr_t{kCacheLine - 1});
}

FlowTable::FlowTable(uint32_t capacity, uint32_t idle_timeout_s, uint32_t active_timeout_s, uint64_t hash_seed)
    : capacity_(capacity == 0 ? 1 : capacity),
      idle_timeout_s_(idle_timeout_s),
      active_timeout_s_(active_timeout_s),
      seed_(hash_seed),
      index_mask_(indexSlotsFor(capacity_) - 1) {
  reserve(v4_, 0);
  reserve(v6_, capacity_);
}

size_t FlowTable::memoryBytes() const {
  const size_t index = (index_mask_ + size_t{1}) * sizeof(uint64_t);
  return 2 * (index + kCacheLine) + size_t{capacity_} * (sizeof(FlowEntry<FlowKey4>) + sizeof(FlowEntry<FlowKey6>));
}

// Linear-probing deletion by backward shift: later members of the probe run
// move up into the hole unless that would put them before their home slot.
template <class Key>
void FlowTable::removeFromIndex(Family<Key>& f, uint32_t e) {
  const uint64_t held = e + uint64_t{1};
  uint32_t hole = static_cast<uint32_t>(hashKey(f.pool[e].key, seed_)) & index_mask_;
  while ((f.index[hole] & 0xffffffffu) != held) {
    assert(f.index[hole] != kEmpty);
    hole = (hole + 1) & index_mask_;
  }
  uint32_t next = (hole + 1) & index_mask_;
  while (f.index[next] != kEmpty) {
    const uint32_t home = static_cast<uint32_t>(f.index[next] >> 32) & index_mask_;
    // Distance from home to `next` vs. to the hole, modulo the table size.
    const uint32_t dist_next = (next - home) & index_mask_;
    const uint32_t dist_hole = (hole - home) & index_mask_;
    if (dist_hole <= dist_next) {
      f.index[hole] = f.index[next];
      hole = next;
    }
    next = (next + 1) & index_mask_;
  }
  f.index[hole] = kEmpty;
}

template <class Key>
void FlowTable::releaseIn(Family<Key>& f, uint32_t e, FlowSink& sink) {
  FlowEntry<Key>& victim = f.pool[e];
  sink.flush(victim.rec, victim.key.remoteAddr(), true);
  removeFromIndex(f, e);
  unlink(f.first_id + e);
  victim.rec.lru_next = f.free_head;
  f.free_head = e;
  --size_;
}

void FlowTable::release(uint32_t id, FlowSink& sink) {
  if (id < capacity_) {
    releaseIn(v4_, id, sink);
  } else {
    releaseIn(v6_, id - capacity_, sink);
  }
}

template <class Key>
void FlowTable::restart(FlowEntry<Key>& e, uint32_t now_s, FlowSink& sink) {
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
FlowRecord& FlowTable::insert(Family<Key>& f, const Key& key, uint32_t tag, uint32_t now_s, FlowSink& sink) {
  if (size_ == capacity_) {
    ++stats_.evicted;
    release(lru_tail_, sink);
  }
  // The first free slot from home (the key is not in the table; an eviction
  // may have moved the free slot touch() found).
  uint32_t slot = tag & index_mask_;
  while (f.index[slot] != kEmpty) slot = (slot + 1) & index_mask_;
  // A family never holds more than the capacity: it shares it with the other.
  uint32_t e;
  if (f.free_head != kNil) {
    e = f.free_head;
    f.free_head = f.pool[e].rec.lru_next;
  } else {
    assert(f.fresh < capacity_);
    e = f.fresh++;
  }
  FlowEntry<Key>& fresh = f.pool[e];
  fresh = FlowEntry<Key>{};
  fresh.key = key;
  fresh.rec.row = key.row;
  fresh.rec.first_seen_s = now_s;
  fresh.rec.last_seen_s = now_s;
  f.index[slot] = uint64_t{tag} << 32 | (e + uint64_t{1});
  pushFront(f.first_id + e);
  ++size_;
  ++stats_.created;
  last_created_ = true;
  return fresh.rec;
}

void FlowTable::expireIdle(uint32_t now_s, FlowSink& sink) {
  while (lru_tail_ != kNil && olderThan(record(lru_tail_).last_seen_s, now_s, idle_timeout_s_)) {
    ++stats_.idle_expired;
    release(lru_tail_, sink);
  }
}

void FlowTable::flushAll(FlowSink& sink) {
  for (uint32_t id = lru_head_; id != kNil; id = record(id).lru_next) {
    if (id < capacity_) {
      FlowEntry<FlowKey4>& x = v4_.pool[id];
      sink.flush(x.rec, x.key.remoteAddr(), false);
    } else {
      FlowEntry<FlowKey6>& x = v6_.pool[id - capacity_];
      sink.flush(x.rec, x.key.remoteAddr(), false);
    }
  }
}

template FlowRecord& FlowTable::insert(Family<FlowKey4>&, const FlowKey4&, uint32_t, uint32_t, FlowSink&);
template FlowRecord& FlowTable::insert(Family<FlowKey6>&, const FlowKey6&, uint32_t, uint32_t, FlowSink&);
template void FlowTable::restart(FlowEntry<FlowKey4>&, uint32_t, FlowSink&);
template void FlowTable::restart(FlowEntry<FlowKey6>&, uint32_t, FlowSink&);

}  // namespace edgeflow::flow
