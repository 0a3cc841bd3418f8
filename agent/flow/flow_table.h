// FlowTable: a fixed-capacity table of bidirectional flows, IPv4 and IPv6.
//
// Each address family has its own pool of entries (an IPv4 entry is one
// 64-byte cache line, an IPv6 entry 88 bytes) and its own open-addressing
// index (linear probing, backward-shift deletion, no tombstones; a slot
// holds the key's 32-bit hash and the entry number, so probes compare keys
// only on a hash match and deletion never rehashes a key). One intrusive
// doubly linked list keeps all entries of both families in least-recently-
// seen order, and `capacity` bounds both together: idle expiry pops from
// the tail and a full table evicts the oldest entry, whatever its family.
//
// Packets add to per-direction deltas in the entry; the deltas are handed to
// a FlowSink (which adds them to the share counters) on every report flush,
// when a flow ends (idle, active timeout, eviction) and before a delta would
// overflow. Memory is reserved at construction and never grows: pools and
// indexes come zeroed from the allocator and entries are used in order, so
// pages the table never reached are not resident (RSS follows the most
// flows of each family ever held, up to the capacity).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "agent/flow/flow_key.h"
#include "agent/flow/flow_record.h"

namespace edgeflow::flow {

template <class Key>
struct FlowEntry {
  Key key;
  FlowRecord rec;
};
static_assert(sizeof(FlowEntry<FlowKey4>) == 64, "an IPv4 flow entry is one cache line");

struct FlowTableStats {
  uint64_t created = 0;
  uint64_t evicted = 0;
  uint64_t idle_expired = 0;
  uint64_t active_expired = 0;
};

class FlowTable {
 public:
  FlowTable(uint32_t capacity, uint32_t idle_timeout_s, uint32_t active_timeout_s, uint64_t hash_seed);

  FlowTable(const FlowTable&) = delete;
  FlowTable& operator=(const FlowTable&) = delete;

  // The record for `key` (FlowKey4 or FlowKey6) at time `now_s`, created if
  // missing (evicting the least recently seen entry when full), moved to the
  // head of the LRU list. A record older than the idle or active timeout is
  // flushed and restarted first. A new record starts with zero deltas,
  // default labels and the key's row; lastTouchCreated() says so.
  // Inline: the hit path runs for nearly every packet.
  template <class Key>
  FlowRecord& touch(const Key& key, uint32_t now_s, FlowSink& sink) {
    Family<Key>& f = family<Key>();
    const uint64_t hash = hashKey(key, seed_);
    const auto tag = static_cast<uint32_t>(hash);
    for (uint32_t slot = tag & index_mask_;; slot = (slot + 1) & index_mask_) {
      const uint64_t held = f.index[slot];
      if (held == kEmpty) return insert(f, key, tag, now_s, sink);
      if (static_cast<uint32_t>(held >> 32) != tag) continue;
      const uint32_t e = static_cast<uint32_t>(held) - 1;
      FlowEntry<Key>& found = f.pool[e];
      if (!(found.key == key)) continue;
      FlowRecord& r = found.rec;
      if (olderThan(r.last_seen_s, now_s, idle_timeout_s_) || olderThan(r.first_seen_s, now_s, active_timeout_s_)) {
        restart(found, now_s, sink);
      }
      r.last_seen_s = now_s;
      last_created_ = false;
      const uint32_t id = f.first_id + e;
      if (lru_head_ != id) {
        unlink(id);
        pushFront(id);
      }
      return r;
    }
  }

  // True when the last touch() made a new entry (not a found or restarted one).
  bool lastTouchCreated() const { return last_created_; }

  // Ends every record idle for longer than the idle timeout at `now_s`.
  void expireIdle(uint32_t now_s, FlowSink& sink);

  // Hands every entry's deltas to the sink (a report tick). Nothing ends.
  void flushAll(FlowSink& sink);

  uint32_t size() const { return size_; }
  uint32_t capacity() const { return capacity_; }
  const FlowTableStats& stats() const { return stats_; }

  // Bytes reserved at construction (both families).
  size_t memoryBytes() const;

 private:
  static constexpr uint32_t kNil = 0xffffffff;
  // An index slot: hash << 32 | entry number + 1; zeroed memory is empty.
  static constexpr uint64_t kEmpty = 0;

  struct FreeDeleter {
    void operator()(void* p) const;
  };

  // One family's pool and index. Its entries have the ids first_id ..
  // first_id + capacity - 1 in the shared LRU list.
  template <class Key>
  struct Family {
    std::unique_ptr<uint64_t, FreeDeleter> index_mem;
    std::unique_ptr<unsigned char, FreeDeleter> pool_mem;
    uint64_t* index = nullptr;
    FlowEntry<Key>* pool = nullptr;  // cache-line aligned
    uint32_t first_id = 0;
    uint32_t fresh = 0;         // entries below this were used at least once
    uint32_t free_head = kNil;  // released entries, chained through rec.lru_next
  };

  // True when `now` is more than `limit` seconds after `then` (wrap-safe).
  static bool olderThan(uint32_t then, uint32_t now, uint32_t limit) {
    return static_cast<int32_t>(now - then) > static_cast<int32_t>(limit);
  }

  template <class Key>
  Family<Key>& family();
  template <class Key>
  void reserve(Family<Key>& f, uint32_t first_id);

  FlowRecord& record(uint32_t id) { return id < capacity_ ? v4_.pool[id].rec : v6_.pool[id - capacity_].rec; }

  // touch() of a key not in the table; of a record past a timeout.
  template <class Key>
  FlowRecord& insert(Family<Key>& f, const Key& key, uint32_t tag, uint32_t now_s, FlowSink& sink);
  template <class Key>
  void restart(FlowEntry<Key>& e, uint32_t now_s, FlowSink& sink);

  // Ends the record with LRU id `id`: flushed, unindexed, unlinked, freed.
  void release(uint32_t id, FlowSink& sink);
  template <class Key>
  void releaseIn(Family<Key>& f, uint32_t e, FlowSink& sink);
  template <class Key>
  void removeFromIndex(Family<Key>& f, uint32_t e);

  void unlink(uint32_t id) {
    FlowRecord& r = record(id);
    if (r.lru_prev != kNil) record(r.lru_prev).lru_next = r.lru_next; else lru_head_ = r.lru_next;
    if (r.lru_next != kNil) record(r.lru_next).lru_prev = r.lru_prev; else lru_tail_ = r.lru_prev;
  }
  void pushFront(uint32_t id) {
    FlowRecord& r = record(id);
    r.lru_prev = kNil;
    r.lru_next = lru_head_;
    if (lru_head_ != kNil) record(lru_head_).lru_prev = id; else lru_tail_ = id;
    lru_head_ = id;
  }

  uint32_t capacity_;
  uint32_t idle_timeout_s_;
  uint32_t active_timeout_s_;
  uint64_t seed_;
  uint32_t index_mask_;  // both indexes have the same size
  Family<FlowKey4> v4_;
  Family<FlowKey6> v6_;
  uint32_t lru_head_ = kNil;  // most recently seen, either family
  uint32_t lru_tail_ = kNil;  // least recently seen
  uint32_t size_ = 0;
  bool last_created_ = false;
  FlowTableStats stats_;
};

template <>
inline FlowTable::Family<FlowKey4>& FlowTable::family<FlowKey4>() {
  return v4_;
}
template <>
inline FlowTable::Family<FlowKey6>& FlowTable::family<FlowKey6>() {
  return v6_;
}

}  // namespace edgeflow::flow
