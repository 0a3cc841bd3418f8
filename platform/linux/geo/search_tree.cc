#include "platform/linux/geo/search_tree.h"

#include <cstddef>

namespace edgeflow::enrich::geo {

namespace {

uint32_t be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

uint64_t be64(const uint8_t* p) { return (uint64_t{be32(p)} << 32) | be32(p + 4); }

// MaxMind DB spec, "Search Tree Section": a node is two records, left (bit
// 0) then right (bit 1), big-endian. A 28-bit node is 7 bytes whose middle
// byte holds the high nibble of the left record (upper half) and of the
// right record (lower half). Reads are 4 bytes wide: the last byte past a
// 24-bit right record is the next node or the 16-byte separator after the
// tree, inside the file either way.
template <uint16_t kBits>
uint32_t child(const uint8_t* node, uint32_t right);

template <>
uint32_t child<24>(const uint8_t* node, uint32_t right) {
  return be32(node + 3 * right) >> 8;
}

template <>
uint32_t child<28>(const uint8_t* node, uint32_t right) {
  if (right != 0) return be32(node + 3) & 0x0fffffffu;
  const uint32_t v = be32(node);
  return (v >> 8) | ((v & 0xf0u) << 20);
}

template <>
uint32_t child<32>(const uint8_t* node, uint32_t right) {
  return be32(node + 4 * right);
}

// Follows up to `count` address bits (the top of `hi`, then `lo`) from
// `node` while `node` is a node. Every node read is inside the tree:
// node < node_count, and the constructor checked that node_count nodes
// and the separator fit in the file.
template <uint16_t kBits, bool kWide>
uint32_t walkBits(const uint8_t* tree, uint32_t node_count, uint64_t hi, uint64_t lo, uint32_t count,
                  uint32_t node, uint32_t& walked) {
  constexpr size_t kNodeBytes = kBits / 4;
  uint32_t i = 0;
  while (i < count && node < node_count) {
    const uint32_t right = static_cast<uint32_t>(hi >> 63);
    if constexpr (kWide) {
      hi = (hi << 1) | (lo >> 63);
      lo <<= 1;
    } else {
      hi <<= 1;
    }
    node = child<kBits>(tree + size_t{node} * kNodeBytes, right);
    ++i;
  }
  walked = i;
  return node;
}

template <bool kWide>
uint32_t walkAny(const uint8_t* tree, uint32_t node_count, uint16_t record_bits, uint64_t hi, uint64_t lo,
                 uint32_t count, uint32_t node, uint32_t& walked) {
  switch (record_bits) {
    case 24:
      return walkBits<24, kWide>(tree, node_count, hi, lo, count, node, walked);
    case 28:
      return walkBits<28, kWide>(tree, node_count, hi, lo, count, node, walked);
    case 32:
      return walkBits<32, kWide>(tree, node_count, hi, lo, count, node, walked);
    default:
      walked = 0;
      return node;
  }
}

constexpr uint32_t kDataSeparator = 16;  // zero bytes between tree and data

}  // namespace

SearchTree::SearchTree(const MMDB_s& mmdb) {
  const uint16_t bits = mmdb.metadata.record_size;
  if (bits != 24 && bits != 28 && bits != 32) return;
  if (mmdb.file_content == nullptr || mmdb.file_size < 0) return;
  // MMDB_open checks this in 32 bits, which a corrupt node_count can wrap.
  const uint64_t tree_bytes = uint64_t{mmdb.metadata.node_count} * (bits / 4u);
  if (tree_bytes + kDataSeparator > static_cast<uint64_t>(mmdb.file_size)) return;
  if (mmdb.metadata.ip_version != 4 && mmdb.metadata.ip_version != 6) return;

  tree_ = mmdb.file_content;
  node_count_ = mmdb.metadata.node_count;
  data_size_ = mmdb.data_section_size;
  record_bits_ = bits;
  ip_version_ = mmdb.metadata.ip_version;
  if (node_count_ == 0) return;  // no root node: leave it all to libmaxminddb

  uint32_t walked = 0;
  if (ip_version_ == 6) {
    v6_ok_ = true;
    for (size_t first = 0; first < v6_first_byte_.size(); ++first) {
      Step& step = v6_first_byte_[first];
      step.node = walk(uint64_t{first} << 56, 0, 8, 0, walked);
      step.bits = walked;
    }
  }
  // IPv4 addresses start at ::a.b.c.d in an IPv6 tree: 96 zero bits down.
  uint32_t v4_start = 0;
  if (ip_version_ == 6) {
    v4_start = walk(0, 0, 96, 0, walked);
    if (walked != 96 || v4_start >= node_count_) return;  // a record covers all of IPv4: leave it to libmaxminddb
  }
  for (size_t first = 0; first < v4_first_byte_.size(); ++first) {
    Step& step = v4_first_byte_[first];
    step.node = walk(uint64_t{first} << 56, 0, 8, v4_start, walked);
    step.bits = walked;
  }
  v4_ok_ = true;
}

uint32_t SearchTree::walk(uint64_t hi, uint64_t lo, uint32_t count, uint32_t node, uint32_t& walked) const {
  if (count > 64) return walkAny<true>(tree_, node_count_, record_bits_, hi, lo, count, node, walked);
  return walkAny<false>(tree_, node_count_, record_bits_, hi, lo, count, node, walked);
}

inline SearchTree::Walk SearchTree::finish(uint32_t record, uint32_t& offset) const {
  if (record < node_count_) return Walk::Unsure;  // the address ran out on a node
  if (record == node_count_) return Walk::NotFound;
  const uint32_t past_tree = record - node_count_;
  if (past_tree < kDataSeparator || past_tree >= data_size_) return Walk::Unsure;
  offset = past_tree - kDataSeparator;
  return Walk::Found;
}

SearchTree::Walk SearchTree::findV4(const uint8_t addr[4], uint32_t& offset) const {
  if (!v4_ok_) return Walk::Unsure;
  const Step& first = v4_first_byte_[addr[0]];
  const uint64_t bits = uint64_t{be32(addr)} << (32 + first.bits);
  uint32_t walked = 0;
  return finish(walkAny<false>(tree_, node_count_, record_bits_, bits, 0, 32 - first.bits, first.node, walked),
                offset);
}

SearchTree::Walk SearchTree::findV6(const uint8_t addr[16], uint32_t& offset) const {
  if (record_bits_ != 0 && ip_version_ == 4) return Walk::NotFound;
  if (!v6_ok_) return Walk::Unsure;
  const Step& first = v6_first_byte_[addr[0]];
  uint64_t hi = be64(addr);
  uint64_t lo = be64(addr + 8);
  if (first.bits != 0) {  // first.bits <= 8
    hi = (hi << first.bits) | (lo >> (64 - first.bits));
    lo <<= first.bits;
  }
  uint32_t walked = 0;
  return finish(walkAny<true>(tree_, node_count_, record_bits_, hi, lo, 128 - first.bits, first.node, walked),
                offset);
}

}  // namespace edgeflow::enrich::geo
