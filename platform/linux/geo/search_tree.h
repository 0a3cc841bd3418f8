// SearchTree: a fast walk of one opened database's search tree.
//
// libmaxminddb's MMDB_lookup_sockaddr walks the tree one bit per call of a
// record reader and costs about 550 instructions for an IPv4 address; this
// walk reads the records inline (24-, 28- or 32-bit, as the MaxMind DB spec
// lays them out) and jumps over an IPv4 address's first byte through a
// 256-entry table built at open, so that a lookup costs well under 100.
//
// It answers only where the answer cannot depend on how libmaxminddb
// treats corrupt trees: a walk that ends on the empty record (not found) or
// on a record inside the data section (found, at that data offset). Any
// other ending (the address bits run out while still on a node, a record
// that points between the tree and the data or past the data, a record
// size or IP version it does not know) is Unsure, and the caller asks
// MMDB_lookup_sockaddr, which then decides what is an error. So for every
// address the result is the library's.
#pragma once

#include <maxminddb.h>

#include <array>
#include <cstdint>

namespace edgeflow::enrich::geo {

class SearchTree {
 public:
  enum class Walk : uint8_t { Found, NotFound, Unsure };

  // Reads the layout of `mmdb`, which must stay open (and unmoved) while
  // the tree is used.
  explicit SearchTree(const MMDB_s& mmdb);

  // `addr` is the four bytes of an IPv4 address, network order. On Found,
  // `offset` is the data offset (MMDB_entry_s::offset) of its record.
  Walk findV4(const uint8_t addr[4], uint32_t& offset) const;
  // `addr` is sixteen bytes of IPv6, network order. An IPv6 address asked
  // of an IPv4-only database is NotFound, as libmaxminddb has it.
  Walk findV6(const uint8_t addr[16], uint32_t& offset) const;

 private:
  // Where an address's first byte leads: `node` after `bits` bits (< 8
  // when a record ended the walk early).
  struct Step {
    uint32_t node = 0;
    uint32_t bits = 0;
  };
  // Follows at most `count` bits, most significant first: `hi` then `lo`.
  uint32_t walk(uint64_t hi, uint64_t lo, uint32_t count, uint32_t node, uint32_t& walked) const;
  Walk finish(uint32_t record, uint32_t& offset) const;

  const uint8_t* tree_ = nullptr;
  uint32_t node_count_ = 0;
  uint32_t data_size_ = 0;
  uint16_t record_bits_ = 0;  // 24, 28, 32; 0 = not walked here
  uint16_t ip_version_ = 0;
  bool v4_ok_ = false;  // the IPv4 subtree is reached on a node
  bool v6_ok_ = false;  // an IPv6 tree with a root node
  std::array<Step, 256> v4_first_byte_{};  // from the IPv4 start node
  std::array<Step, 256> v6_first_byte_{};  // from the root
};

}  // namespace edgeflow::enrich::geo
