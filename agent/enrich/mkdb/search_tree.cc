#include "agent/enrich/mkdb/search_tree.h"

#include <cassert>

namespace edgeflow::enrich::mkdb {

SearchTree::SearchTree(unsigned bits) : bits_(bits) { nodes_.emplace_back(); }

void SearchTree::insertBlock(U128 start, unsigned prefix_len, uint32_t value) {
  if (prefix_len == 0) {
    nodes_[0].record[0] = value;
    nodes_[0].record[1] = value;
    return;
  }
  uint32_t node = 0;
  for (unsigned depth = 0; depth + 1 < prefix_len; ++depth) {
    const int side = keyBit(start, depth) ? 1 : 0;
    uint32_t next = nodes_[node].record[side];
    if (next == kEmpty) {
      next = static_cast<uint32_t>(nodes_.size());
      nodes_.emplace_back();
      nodes_[node].record[side] = next;
    }
    assert((next & kDataTag) == 0 && "blocks never overlap");
    node = next;
  }
  const int side = keyBit(start, prefix_len - 1) ? 1 : 0;
  assert(nodes_[node].record[side] == kEmpty && "blocks never overlap");
  nodes_[node].record[side] = value;
}

size_t SearchTree::insertRange(U128 first, U128 last, uint32_t data_id) {
  // Keys of a 32-bit tree live in the low bits; its whole space is 2^32.
  const unsigned space = bits_;
  size_t blocks = 0;
  U128 cur = first;
  while (true) {
    // The largest aligned block at `cur` that stays within `last`.
    const U128 span = last - cur;  // addresses after cur
    unsigned k = span == U128::max() ? 128 : floorLog2(span.plusOne());
    const unsigned align = trailingZeros(cur);
    if (align < k) k = align;
    if (k > space) k = space;
    insertBlock(cur, space - k, kDataTag | data_id);
    ++blocks;
    const U128 block_last = cur | U128::lowMask(k);
    if (block_last == last || block_last == U128::max()) break;
    cur = block_last.plusOne();
  }
  return blocks;
}

uint32_t SearchTree::recordAt(U128 prefix, unsigned len) const {
  uint32_t node = 0;
  for (unsigned depth = 0; depth < len; ++depth) {
    const uint32_t record = nodes_[node].record[keyBit(prefix, depth) ? 1 : 0];
    if (depth + 1 == len || record == kEmpty || (record & kDataTag) != 0) return record;
    node = record;
  }
  return 0;  // len == 0: the root
}

void SearchTree::aliasToIpv4(U128 prefix, unsigned len) {
  const uint32_t target = recordAt(U128{}, 96);
  if (target == kEmpty) return;
  uint32_t node = 0;
  for (unsigned depth = 0; depth + 1 < len; ++depth) {
    const int side = keyBit(prefix, depth) ? 1 : 0;
    uint32_t next = nodes_[node].record[side];
    if (next == kEmpty) {
      next = static_cast<uint32_t>(nodes_.size());
      nodes_.emplace_back();
      nodes_[node].record[side] = next;
    }
    if ((next & kDataTag) != 0) return;  // covered by data: cannot happen after clipping
    node = next;
  }
  const int side = keyBit(prefix, len - 1) ? 1 : 0;
  if (nodes_[node].record[side] == kEmpty) nodes_[node].record[side] = target;
}

void SearchTree::write(unsigned record_size, const std::vector<uint32_t>& data_offsets,
                       std::vector<uint8_t>& out) const {
  const uint32_t node_count = nodeCount();
  auto value = [&](uint32_t record) -> uint32_t {
    if (record == kEmpty) return node_count;
    if ((record & kDataTag) != 0) return node_count + 16 + data_offsets[record & ~kDataTag];
    return record;
  };
  auto put24 = [&](uint32_t v) {
    out.push_back(static_cast<uint8_t>(v >> 16));
    out.push_back(static_cast<uint8_t>(v >> 8));
    out.push_back(static_cast<uint8_t>(v));
  };
  out.reserve(out.size() + static_cast<size_t>(node_count) * record_size / 4);
  for (const Node& node : nodes_) {
    const uint32_t left = value(node.record[0]);
    const uint32_t right = value(node.record[1]);
    if (record_size == 24) {
      put24(left);
      put24(right);
    } else if (record_size == 28) {
      // The top four bits of each record share the middle byte, left first.
      put24(left);
      out.push_back(static_cast<uint8_t>(((left >> 24) & 0x0f) << 4 | ((right >> 24) & 0x0f)));
      put24(right);
    } else {
      out.push_back(static_cast<uint8_t>(left >> 24));
      put24(left);
      out.push_back(static_cast<uint8_t>(right >> 24));
      put24(right);
    }
  }
}

}  // namespace edgeflow::enrich::mkdb
