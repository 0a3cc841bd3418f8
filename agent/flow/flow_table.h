// FlowTable: a fixed-capacity table of bidirectional flows.
//
// Entries live in a pool allocated once; an open-addressing index (linear
// probing, backward-shift deletion, no tombstones) maps keys to entries, and
// an intrusive doubly linked list keeps them in least-recently-seen order, so
// idle expiry pops from the tail and a full table evicts the oldest entry.
//
// Packets add to per-direction deltas in the entry; the deltas are handed to
// a FlowSink (which adds them to the share counters) on every report flush,
// when a flow ends (idle, active timeout, eviction) and before a delta would
// overflow. Memory is fixed at construction and never grows.
#pragma once

#include <cstdint>
#include <vector>

#include "agent/enrich/labels.h"
#include "agent/flow/flow_key.h"

namespace edgeflow::flow {

struct DirDelta {
  uint32_t packets = 0;
  uint32_t ip_bytes = 0;
  uint32_t frame_bytes = 0;
};

struct FlowEntry {
  FlowKey key;
  uint32_t lru_prev;
  uint32_t lru_next;
  uint32_t first_seen_s;  // start of the current flow record
  uint32_t last_seen_s;
  DirDelta delta[2];      // indexed by attribute::Direction
  // Bit d: this record was already counted as a flow in direction d (for
  // non-directional rows only bit 0 is used).
  uint8_t counted;
  // Remote country/AS and application, set when the record starts (and, for
  // the application, when the classifier decides).
  enrich::FlowLabels labels;
};

// Receives deltas. `ending` is true when the flow record ends with this call.
class FlowSink {
 public:
  virtual ~FlowSink() = default;
  virtual void flush(FlowEntry& entry, bool ending) = 0;
};

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

  // The entry for `key` at time `now_s`, created if missing (evicting the
  // least recently seen entry when full), moved to the head of the LRU list.
  // A record older than the active timeout is flushed and restarted first.
  // A new entry starts with default labels; lastTouchCreated() says so.
  FlowEntry& touch(const FlowKey& key, uint32_t now_s, FlowSink& sink);

  // True when the last touch() made a new entry (not a found or restarted one).
  bool lastTouchCreated() const { return last_created_; }

  // Ends every record idle for longer than the idle timeout at `now_s`.
  void expireIdle(uint32_t now_s, FlowSink& sink);

  // Hands every entry's deltas to the sink (a report tick). Nothing ends.
  void flushAll(FlowSink& sink);

  uint32_t size() const { return size_; }
  uint32_t capacity() const { return capacity_; }
  const FlowTableStats& stats() const { return stats_; }

  // Bytes held by the table, all allocated at construction.
  size_t memoryBytes() const;

 private:
  static constexpr uint32_t kNil = 0xffffffff;

  uint32_t findSlot(const FlowKey& key, uint64_t hash) const;
  void removeFromIndex(uint32_t entry_index);
  void unlink(uint32_t e);
  void pushFront(uint32_t e);
  void release(uint32_t e, FlowSink& sink);

  uint32_t capacity_;
  uint32_t idle_timeout_s_;
  uint32_t active_timeout_s_;
  uint64_t seed_;
  uint32_t index_mask_;
  std::vector<uint32_t> index_;   // slot -> entry index, kNil when empty
  std::vector<FlowEntry> pool_;
  uint32_t free_head_ = kNil;     // free entries chained through lru_next
  uint32_t lru_head_ = kNil;      // most recently seen
  uint32_t lru_tail_ = kNil;      // least recently seen
  uint32_t size_ = 0;
  bool last_created_ = false;
  FlowTableStats stats_;
};

}  // namespace edgeflow::flow
