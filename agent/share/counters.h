// ShareCounters: the cumulative counters every export reads.
//
// One Counter per (upstream row, direction), per explicit bucket, and for the
// frames that never reach the flow table (non-ip, undecodable). Counters only
// grow while the process lives.
#pragma once

#include <cstdint>
#include <vector>

#include "agent/attribute/attribution.h"

namespace edgeflow::share {

struct Counter {
  uint64_t packets = 0;
  uint64_t ip_bytes = 0;
  uint64_t frame_bytes = 0;
  uint64_t flows = 0;

  Counter& operator+=(const Counter& o) {
    packets += o.packets;
    ip_bytes += o.ip_bytes;
    frame_bytes += o.frame_bytes;
    flows += o.flows;
    return *this;
  }
  bool operator==(const Counter& o) const = default;
};

class ShareCounters {
 public:
  explicit ShareCounters(attribute::RowLayout layout) : layout_(layout), rows_(layout.count() * 2) {}

  const attribute::RowLayout& layout() const { return layout_; }

  // The counter of an IP row. Internal and transit have one counter; their
  // `dir` is ignored.
  Counter& row(attribute::Row r, attribute::Direction dir) {
    return rows_[slot(r, dir)];
  }
  const Counter& row(attribute::Row r, attribute::Direction dir) const { return rows_[slot(r, dir)]; }

  Counter& nonIp() { return non_ip_; }
  Counter& undecodable() { return undecodable_; }
  const Counter& nonIp() const { return non_ip_; }
  const Counter& undecodable() const { return undecodable_; }

  // Sum over every bucket: what conservation compares with the input.
  Counter total() const;

 private:
  size_t slot(attribute::Row r, attribute::Direction dir) const {
    const size_t d = layout_.isDirectional(r) ? static_cast<size_t>(dir) : 0;
    return size_t{r} * 2 + d;
  }

  attribute::RowLayout layout_;
  std::vector<Counter> rows_;
  Counter non_ip_;
  Counter undecodable_;
};

}  // namespace edgeflow::share
