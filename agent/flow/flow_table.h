// FlowTable: a fixed-capacity table of bidirectional flows of one key type
// (FlowTable4 for IPv4, FlowTable6 for IPv6).
//
// Entries live in a pool allocated once; an open-addressing index (linear
// probing, backward-shift deletion, no tombstones) maps keys to entries, and
// an intrusive doubly linked list keeps them in least-recently-seen order, so
// idle expiry pops from the tail and a full table evicts the oldest entry.
//
// Packets add to per-direction deltas in the entry; the deltas are handed to
// a FlowSink (which adds them to the share counters) on every report flush,
// when a flow ends (idle, active timeout, eviction) and before a delta would
// overflow. Memory is reserved at construction and never grows: pool and
// index come zeroed from the allocator and entries are used in order, so
// pages the table never reached are not resident (RSS follows the most flows
// ever held, up to the capacity).
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

  FlowTableStats& operator+=(const FlowTableStats& o) {
    created += o.created;
    evicted += o.evicted;
    idle_expired += o.idle_expired;
    active_expired += o.active_expired;
    return *this;
  }
};

template <class Key>
class FlowTable {
 public:
  using Entry = FlowEntry<Key>;

  FlowTable(uint32_t capacity, uint32_t idle_timeout_s, uint32_t active_timeout_s, uint64_t hash_seed);

  FlowTable(const FlowTable&) = delete;
  FlowTable& operator=(const FlowTable&) = delete;

  // The record for `key` at time `now_s`, created if missing (evicting the
  // least recently seen entry when full), moved to the head of the LRU list.
  // A record older than the idle or active timeout is flushed and restarted
  // first. A new record starts with zero deltas, default labels and the
  // key's row; lastTouchCreated() says so.
  // Inline: the hit path runs for nearly every packet.
  FlowRecord& touch(const Key& key, uint32_t now_s, FlowSink& sink) {
    const uint64_t hash = hashKey(key, seed_);
    const auto tag = static_cast<uint32_t>(hash);
    for (uint32_t slot = tag & index_mask_;; slot = (slot + 1) & index_mask_) {
      const uint64_t held = index_[slot];
      if (held == kEmpty) return insert(key, tag, now_s, sink);
      if (static_cast<uint32_t>(held >> 32) != tag) continue;
      const uint32_t e = static_cast<uint32_t>(held) - 1;
      Entry& found = pool_[e];
      if (!(found.key == key)) continue;
      FlowRecord& r = found.rec;
      if (olderThan(r.last_seen_s, now_s, idle_timeout_s_) || olderThan(r.first_seen_s, now_s, active_timeout_s_)) {
        restart(found, now_s, sink);
      }
      r.last_seen_s = now_s;
      last_created_ = false;
      if (lru_head_ != e) {
        unlink(e);
        pushFront(e);
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

  // Bytes reserved by the table at construction.
  size_t memoryBytes() const;

 private:
  static constexpr uint32_t kNil = 0xffffffff;
  // An index slot holds the key's 32-bit hash (high half) and its entry
  // index + 1 (low half), so that zeroed memory is an empty index, probes
  // compare keys only on a hash match, and deletion never rehashes a key.
  static constexpr uint64_t kEmpty = 0;

  struct FreeDeleter {
    void operator()(void* p) const;
  };

  // True when `now` is more than `limit` seconds after `then` (wrap-safe).
  static bool olderThan(uint32_t then, uint32_t now, uint32_t limit) {
    return static_cast<int32_t>(now - then) > static_cast<int32_t>(limit);
  }

  // touch() of a key not in the table; of a record past a timeout.
  FlowRecord& insert(const Key& key, uint32_t tag, uint32_t now_s, FlowSink& sink);
  void restart(Entry& e, uint32_t now_s, FlowSink& sink);

  void removeFromIndex(uint32_t entry_index);
  void unlink(uint32_t e) {
    FlowRecord& r = pool_[e].rec;
    if (r.lru_prev != kNil) pool_[r.lru_prev].rec.lru_next = r.lru_next; else lru_head_ = r.lru_next;
    if (r.lru_next != kNil) pool_[r.lru_next].rec.lru_prev = r.lru_prev; else lru_tail_ = r.lru_prev;
  }
  void pushFront(uint32_t e) {
    FlowRecord& r = pool_[e].rec;
    r.lru_prev = kNil;
    r.lru_next = lru_head_;
    if (lru_head_ != kNil) pool_[lru_head_].rec.lru_prev = e; else lru_tail_ = e;
    lru_head_ = e;
  }
  void release(uint32_t e, FlowSink& sink);
  uint32_t allocate();

  Entry& entry(uint32_t e) { return pool_[e]; }
  const Entry& entry(uint32_t e) const { return pool_[e]; }

  uint32_t capacity_;
  uint32_t idle_timeout_s_;
  uint32_t active_timeout_s_;
  uint64_t seed_;
  uint32_t index_mask_;
  std::unique_ptr<uint64_t, FreeDeleter> index_mem_;
  std::unique_ptr<unsigned char, FreeDeleter> pool_mem_;
  uint64_t* index_ = nullptr;  // slot -> hash << 32 | entry index + 1, kEmpty when empty
  Entry* pool_ = nullptr;      // cache-line aligned
  uint32_t fresh_ = 0;         // entries below this were used at least once
  uint32_t free_head_ = kNil;  // released entries, chained through rec.lru_next
  uint32_t lru_head_ = kNil;   // most recently seen
  uint32_t lru_tail_ = kNil;   // least recently seen
  uint32_t size_ = 0;
  bool last_created_ = false;
  FlowTableStats stats_;
};

using FlowTable4 = FlowTable<FlowKey4>;
using FlowTable6 = FlowTable<FlowKey6>;
extern template class FlowTable<FlowKey4>;
extern template class FlowTable<FlowKey6>;

}  // namespace edgeflow::flow
