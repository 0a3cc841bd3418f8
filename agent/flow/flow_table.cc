#include "agent/flow/flow_table.h"

#include <cassert>

namespace edgeflow::flow {

namespace {

uint32_t indexSlotsFor(uint32_t capacity) {
  // A power of two at least twice the capacity: probes stay short at full load.
  uint32_t slots = 16;
  while (slots < capacity * 2ull) slots <<= 1;
  return slots;
}

// True when `now` is more than `limit` seconds after `then` (wrap-safe).
bool olderThan(uint32_t then, uint32_t now, uint32_t limit) {
  return static_cast<int32_t>(now - then) > static_cast<int32_t>(limit);
}

}  // namespace

FlowTable::FlowTable(uint32_t capacity, uint32_t idle_timeout_s, uint32_t active_timeout_s, uint64_t hash_seed)
    : capacity_(capacity == 0 ? 1 : capacity),
      idle_timeout_s_(idle_timeout_s),
      active_timeout_s_(active_timeout_s),
      seed_(hash_seed) {
  const uint32_t slots = indexSlotsFor(capacity_);
  index_mask_ = slots - 1;
  index_.assign(slots, kNil);
  pool_.resize(capacity_);
  for (uint32_t i = 0; i < capacity_; ++i) pool_[i].lru_next = i + 1 < capacity_ ? i + 1 : kNil;
  free_head_ = 0;
}

size_t FlowTable::memoryBytes() const {
  return index_.capacity() * sizeof(uint32_t) + pool_.capacity() * sizeof(FlowEntry);
}

uint32_t FlowTable::findSlot(const FlowKey& key, uint64_t hash) const {
  uint32_t slot = static_cast<uint32_t>(hash) & index_mask_;
  while (index_[slot] != kNil && !(pool_[index_[slot]].key == key)) slot = (slot + 1) & index_mask_;
  return slot;
}

void FlowTable::unlink(uint32_t e) {
  FlowEntry& entry = pool_[e];
  if (entry.lru_prev != kNil) pool_[entry.lru_prev].lru_next = entry.lru_next; else lru_head_ = entry.lru_next;
  if (entry.lru_next != kNil) pool_[entry.lru_next].lru_prev = entry.lru_prev; else lru_tail_ = entry.lru_prev;
}

void FlowTable::pushFront(uint32_t e) {
  FlowEntry& entry = pool_[e];
  entry.lru_prev = kNil;
  entry.lru_next = lru_head_;
  if (lru_head_ != kNil) pool_[lru_head_].lru_prev = e; else lru_tail_ = e;
  lru_head_ = e;
}

// Linear-probing deletion by backward shift: later members of the probe run
// move up into the hole unless that would put them before their home slot.
void FlowTable::removeFromIndex(uint32_t entry_index) {
  uint32_t hole = findSlot(pool_[entry_index].key, hashKey(pool_[entry_index].key, seed_));
  assert(index_[hole] == entry_index);
  uint32_t next = (hole + 1) & index_mask_;
  while (index_[next] != kNil) {
    const uint32_t home = static_cast<uint32_t>(hashKey(pool_[index_[next]].key, seed_)) & index_mask_;
    // Distance from home to `next` vs. to the hole, modulo the table size.
    const uint32_t dist_next = (next - home) & index_mask_;
    const uint32_t dist_hole = (hole - home) & index_mask_;
    if (dist_hole <= dist_next) {
      index_[hole] = index_[next];
      hole = next;
    }
    next = (next + 1) & index_mask_;
  }
  index_[hole] = kNil;
}

void FlowTable::release(uint32_t e, FlowSink& sink) {
  sink.flush(pool_[e], true);
  removeFromIndex(e);
  unlink(e);
  pool_[e].lru_next = free_head_;
  free_head_ = e;
  --size_;
}

FlowEntry& FlowTable::touch(const FlowKey& key, uint32_t now_s, FlowSink& sink) {
  const uint64_t hash = hashKey(key, seed_);
  uint32_t slot = findSlot(key, hash);
  if (index_[slot] != kNil) {
    const uint32_t e = index_[slot];
    FlowEntry& entry = pool_[e];
    // A record idle past the timeout ends even if no expiry tick ran yet;
    // one older than the active timeout ends as NetFlow's would.
    const bool idle = olderThan(entry.last_seen_s, now_s, idle_timeout_s_);
    const bool lived_too_long = olderThan(entry.first_seen_s, now_s, active_timeout_s_);
    if (idle || lived_too_long) {
      sink.flush(entry, true);
      entry.counted = 0;
      entry.first_seen_s = now_s;
      ++stats_.created;
      if (idle) ++stats_.idle_expired; else ++stats_.active_expired;
    }
    entry.last_seen_s = now_s;
    last_created_ = false;
    if (lru_head_ != e) {
      unlink(e);
      pushFront(e);
    }
    return entry;
  }
  if (free_head_ == kNil) {
    ++stats_.evicted;
    release(lru_tail_, sink);
    slot = findSlot(key, hash);  // the index changed
  }
  const uint32_t e = free_head_;
  free_head_ = pool_[e].lru_next;
  FlowEntry& entry = pool_[e];
  entry = FlowEntry{};
  entry.key = key;
  entry.first_seen_s = now_s;
  entry.last_seen_s = now_s;
  index_[slot] = e;
  pushFront(e);
  ++size_;
  ++stats_.created;
  last_created_ = true;
  return entry;
}

void FlowTable::expireIdle(uint32_t now_s, FlowSink& sink) {
  while (lru_tail_ != kNil && olderThan(pool_[lru_tail_].last_seen_s, now_s, idle_timeout_s_)) {
    ++stats_.idle_expired;
    release(lru_tail_, sink);
  }
}

void FlowTable::flushAll(FlowSink& sink) {
  for (uint32_t e = lru_head_; e != kNil; e = pool_[e].lru_next) sink.flush(pool_[e], false);
}

}  // namespace edgeflow::flow
