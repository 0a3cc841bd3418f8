// SearchTree: the binary search tree of a MaxMind DB (spec "Binary Search
// Tree Section"), built from CIDR blocks and written with a chosen record
// size.
//
// Each node has two records (bit 0 left, bit 1 right); a record is empty,
// another node, or a data record. Blocks are inserted in one pass and never
// overlap, so a block only ever fills empty records: the tree for a set of
// minimal CIDR blocks is itself minimal. Node 0 is the root.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "agent/enrich/mkdb/u128.h"

namespace edgeflow::enrich::mkdb {

class SearchTree {
 public:
  // `bits`: 128 for an IPv6 database, 32 for an IPv4 one (keys then sit in
  // the low 32 bits of U128).
  explicit SearchTree(unsigned bits);

  // Maps [first, last] to data record `data_id` as the fewest CIDR blocks;
  // returns how many blocks that took. The range must not overlap anything
  // inserted before.
  size_t insertRange(U128 first, U128 last, uint32_t data_id);

  // Makes the network prefix/len (len >= 1, nothing inserted inside it)
  // answer as the IPv4 subtree at ::/96 does: its record points at the node
  // (or data) that holds ::/96. Does nothing when no IPv4 data exists.
  void aliasToIpv4(U128 prefix, unsigned len);

  uint32_t nodeCount() const { return static_cast<uint32_t>(nodes_.size()); }

  // Appends the tree with `record_size` (24, 28 or 32) bits per record.
  // Data record `id` is written as node_count + 16 + data_offsets[id].
  void write(unsigned record_size, const std::vector<uint32_t>& data_offsets, std::vector<uint8_t>& out) const;

 private:
  static constexpr uint32_t kEmpty = 0xffffffffu;
  static constexpr uint32_t kDataTag = 0x80000000u;
  struct Node {
    uint32_t record[2] = {kEmpty, kEmpty};
  };

  void insertBlock(U128 start, unsigned prefix_len, uint32_t value);
  // The record that answers prefix/len (a covering data record, a node, or
  // kEmpty).
  uint32_t recordAt(U128 prefix, unsigned len) const;
  bool keyBit(U128 key, unsigned depth) const { return key.bit(128 - bits_ + depth); }

  unsigned bits_;
  std::vector<Node> nodes_;
};

}  // namespace edgeflow::enrich::mkdb
