// LruDistance: the smallest least-recently-seen table that never evicts a
// flow still in use.
//
// For every access to a flow seen before, the reuse distance is the number
// of distinct other flows accessed since its previous access, plus one. A
// table of C entries evicts a flow only after C distinct others arrived in
// between, so C = the largest reuse distance keeps every flow in the table
// until its last packet. Computed exactly with a Fenwick tree that holds a 1
// at each flow's most recent access position: O(log n) per access.
#pragma once

#include <cstdint>
#include <vector>

namespace edgeflow::gen {

class LruDistance {
 public:
  // `capacity`: an upper bound on the number of accesses.
  explicit LruDistance(uint64_t capacity);

  // Records an access to `flow` (dense ids from 0); returns its reuse
  // distance, or 0 for a first access.
  uint64_t access(uint32_t flow);

  uint64_t maxDistance() const { return max_; }

 private:
  void add(uint64_t pos, int32_t delta);
  int64_t prefix(uint64_t pos) const;  // sum over [0, pos)

  std::vector<int32_t> tree_;  // Fenwick tree, 1-based
  std::vector<int64_t> last_;  // per flow: last access position, -1 = none
  uint64_t now_ = 0;
  uint64_t max_ = 0;
};

}  // namespace edgeflow::gen
