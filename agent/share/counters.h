// ShareCounters: the cumulative counters every export reads.
//
// One Counter per (upstream row, direction), per explicit bucket, and for the
// frames that never reach the flow table (non-ip, undecodable). Counters only
// grow while the process lives.
//
// Each (upstream row, direction) — unknown-upstream included; internal and
// transit have none — also has one Breakdown per enabled dimension (remote
// country, remote AS, application), whose rows sum exactly to the parent
// counter (breakdown.h).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "agent/attribute/attribution.h"
#include "agent/enrich/labels.h"
#include "agent/share/breakdown.h"
#include "agent/share/counter.h"

namespace edgeflow::share {

class ShareCounters {
 public:
  explicit ShareCounters(attribute::RowLayout layout, BreakdownConfig breakdowns = {});

  const attribute::RowLayout& layout() const { return layout_; }
  const BreakdownConfig& breakdownConfig() const { return config_; }

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

  // Adds `c` — what was just added to row(r, dir) — to the row of each
  // enabled dimension that `labels` names: country 0 and AS 0 count as
  // `unknown`; kAppUnknown as `unknown`, kAppUnclassified as `unclassified`
  // (kAppUndecided must have been decided before). Nothing for rows without
  // breakdowns (internal, transit). Returns the AS number when this admitted
  // a new AS row whose organisation is not known yet (setAsnName), else 0.
  uint32_t addToBreakdowns(attribute::Row r, attribute::Direction dir, const enrich::FlowLabels& labels,
                           const Counter& c);

  // The breakdown of (r, dir) by `dim`; nullptr when the dimension is off or
  // the row has no breakdowns.
  const Breakdown* breakdown(attribute::Row r, attribute::Direction dir, Dimension dim) const;

  // Additions that landed in an `other` row (one per flush, direction and
  // dimension): values that found top_k rows taken.
  uint64_t breakdownOverflow() const { return overflow_; }

  // AS organisation names, one per AS that has a row somewhere (so bounded
  // by the rows). nullptr when not set.
  const std::string* asnName(uint32_t asn) const;
  void setAsnName(uint32_t asn, std::string name);

  // Bytes held by the breakdowns now (rows, special rows, names).
  size_t breakdownBytes() const;

 private:
  size_t slot(attribute::Row r, attribute::Direction dir) const {
    const size_t d = layout_.isDirectional(r) ? static_cast<size_t>(dir) : 0;
    return size_t{r} * 2 + d;
  }
  // Index into breakdowns_, or -1.
  long breakdownIndex(attribute::Row r, attribute::Direction dir, Dimension dim) const;

  attribute::RowLayout layout_;
  BreakdownConfig config_;
  std::vector<Counter> rows_;
  Counter non_ip_;
  Counter undecodable_;
  // Per directional row and direction, one Breakdown per enabled dimension.
  int dim_pos_[kDimensionCount] = {-1, -1, -1};
  size_t dims_enabled_ = 0;
  std::vector<Breakdown> breakdowns_;
  std::vector<std::pair<uint32_t, std::string>> asn_names_;  // sorted by AS number
  uint64_t overflow_ = 0;
};

}  // namespace edgeflow::share
