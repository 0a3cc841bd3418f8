// Breakdown: the traffic of one (upstream, direction) split by one dimension
// (remote country, remote AS or application), in a bounded number of rows.
//
// A value (a country code, an AS number, an application id) gets a row of its
// own when it is first counted while fewer than top_k value rows exist: first
// come, first admitted. Once top_k rows exist, every further new value counts
// in the `other` row. Rows are never evicted, reordered between values or
// reset: counters are cumulative for the life of the process (a collector
// computes rates from them), and a row that lost its place and came back
// would make a Prometheus series go down. Besides the value rows there are
// the special rows `unknown` and `unclassified` (applications only), which do
// not take a value row's place.
//
// Memory: value rows are allocated as they are admitted and never beyond
// top_k: 36 bytes each (a 4-byte key, a 32-byte Counter) in two arrays sorted
// by key, plus about 150 bytes per breakdown (the special rows and the array
// headers). A lookup is a binary search over the keys (10 steps at
// top_k 1024); an admission inserts into the sorted arrays (at most top_k
// times in the life of a breakdown).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "agent/share/counter.h"

namespace edgeflow::share {

enum class Dimension : uint8_t { Country = 0, Asn = 1, App = 2 };
constexpr size_t kDimensionCount = 3;

// Which dimensions are broken down, and the value rows each breakdown may
// hold. Chosen once, when the counters are built.
struct BreakdownConfig {
  bool country = false;  // needs a database with countries
  bool asn = false;      // needs a database with AS numbers
  bool app = false;      // needs the classifier
  uint32_t top_k = 32;   // value rows per (upstream, direction, dimension)

  bool enabled(Dimension d) const {
    switch (d) {
      case Dimension::Country: return country;
      case Dimension::Asn: return asn;
      case Dimension::App: return app;
    }
    return false;
  }
  bool any() const { return country || asn || app; }
};

// Where one addition landed.
enum class Placement : uint8_t {
  Existing,  // the value's row
  Admitted,  // a new row for the value, made by this addition
  Other,     // the value has no row and top_k rows exist: the `other` row
  Special,   // `unknown` or `unclassified`
};

class Breakdown {
 public:
  enum class Special : uint8_t { Unknown, Unclassified };

  explicit Breakdown(uint32_t top_k) : top_k_(top_k) {}

  // Adds `c` to the row of `value` (admitting it when there is room), else
  // to `other`.
  Placement add(uint32_t value, const Counter& c);
  // Adds `c` to a special row.
  void add(Special s, const Counter& c) { (s == Special::Unknown ? unknown_ : unclassified_) += c; }

  uint32_t topK() const { return top_k_; }
  // Value rows, sorted by value; at most topK().
  size_t size() const { return keys_.size(); }
  uint32_t valueAt(size_t i) const { return keys_[i]; }
  const Counter& rowAt(size_t i) const { return rows_[i]; }
  // The value's row, nullptr when it has none.
  const Counter* find(uint32_t value) const;

  const Counter& unknown() const { return unknown_; }
  const Counter& unclassified() const { return unclassified_; }
  const Counter& other() const { return other_; }

  // Sum of every row: equals the parent counter.
  Counter total() const;

  // Heap bytes held by the value rows (capacity, not size).
  size_t heapBytes() const { return keys_.capacity() * sizeof(uint32_t) + rows_.capacity() * sizeof(Counter); }

 private:
  uint32_t top_k_;
  std::vector<uint32_t> keys_;  // sorted
  std::vector<Counter> rows_;   // rows_[i] belongs to keys_[i]
  Counter unknown_;
  Counter unclassified_;
  Counter other_;
};

}  // namespace edgeflow::share
