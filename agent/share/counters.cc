#include "agent/share/counters.h"

#include <algorithm>
#include <cassert>

namespace edgeflow::share {

ShareCounters::ShareCounters(attribute::RowLayout layout, BreakdownConfig breakdowns)
    : layout_(layout), config_(breakdowns), rows_(layout.count() * 2) {
  for (size_t d = 0; d < kDimensionCount; ++d) {
    if (config_.enabled(static_cast<Dimension>(d))) dim_pos_[d] = static_cast<int>(dims_enabled_++);
  }
  // Rows 0..upstreams (the upstreams and unknown-upstream) are directional.
  const size_t directional_rows = layout_.upstreams + 1;
  breakdowns_.assign(directional_rows * 2 * dims_enabled_, Breakdown(config_.top_k));
}

Counter ShareCounters::total() const {
  Counter sum;
  for (const Counter& c : rows_) sum += c;
  sum += non_ip_;
  sum += undecodable_;
  return sum;
}

long ShareCounters::breakdownIndex(attribute::Row r, attribute::Direction dir, Dimension dim) const {
  const int pos = dim_pos_[static_cast<size_t>(dim)];
  if (pos < 0 || !layout_.isDirectional(r)) return -1;
  return static_cast<long>((size_t{r} * 2 + static_cast<size_t>(dir)) * dims_enabled_ + static_cast<size_t>(pos));
}

const Breakdown* ShareCounters::breakdown(attribute::Row r, attribute::Direction dir, Dimension dim) const {
  const long i = breakdownIndex(r, dir, dim);
  return i < 0 ? nullptr : &breakdowns_[static_cast<size_t>(i)];
}

uint32_t ShareCounters::addToBreakdowns(attribute::Row r, attribute::Direction dir, const enrich::FlowLabels& labels,
                                        const Counter& c) {
  if (dims_enabled_ == 0 || !layout_.isDirectional(r)) return 0;
  const size_t base = (size_t{r} * 2 + static_cast<size_t>(dir)) * dims_enabled_;
  uint32_t admitted_asn = 0;
  auto addValue = [&](Breakdown& b, uint32_t value) {
    const Placement p = b.add(value, c);
    if (p == Placement::Other) ++overflow_;
    return p;
  };
  if (dim_pos_[0] >= 0) {
    Breakdown& b = breakdowns_[base + static_cast<size_t>(dim_pos_[0])];
    if (labels.country == enrich::kCountryUnknown) {
      b.add(Breakdown::Special::Unknown, c);
    } else {
      addValue(b, labels.country);
    }
  }
  if (dim_pos_[1] >= 0) {
    Breakdown& b = breakdowns_[base + static_cast<size_t>(dim_pos_[1])];
    if (labels.asn == 0) {
      b.add(Breakdown::Special::Unknown, c);
    } else if (addValue(b, labels.asn) == Placement::Admitted && asnName(labels.asn) == nullptr) {
      admitted_asn = labels.asn;
    }
  }
  if (dim_pos_[2] >= 0) {
    Breakdown& b = breakdowns_[base + static_cast<size_t>(dim_pos_[2])];
    // An undecided application cannot reach here (the sink decides first);
    // were it to, it counts as unknown rather than as a row of its own.
    assert(labels.app != enrich::kAppUndecided);
    if (labels.app == enrich::kAppUnknown || labels.app == enrich::kAppUndecided) {
      b.add(Breakdown::Special::Unknown, c);
    } else if (labels.app == enrich::kAppUnclassified) {
      b.add(Breakdown::Special::Unclassified, c);
    } else {
      addValue(b, labels.app);
    }
  }
  return admitted_asn;
}

namespace {

bool byAsn(const std::pair<uint32_t, std::string>& a, uint32_t asn) { return a.first < asn; }

}  // namespace

const std::string* ShareCounters::asnName(uint32_t asn) const {
  const auto it = std::lower_bound(asn_names_.begin(), asn_names_.end(), asn, byAsn);
  return it == asn_names_.end() || it->first != asn ? nullptr : &it->second;
}

void ShareCounters::setAsnName(uint32_t asn, std::string name) {
  const auto it = std::lower_bound(asn_names_.begin(), asn_names_.end(), asn, byAsn);
  if (it != asn_names_.end() && it->first == asn) {
    it->second = std::move(name);
  } else {
    asn_names_.emplace(it, asn, std::move(name));
  }
}

size_t ShareCounters::breakdownBytes() const {
  size_t bytes = breakdowns_.capacity() * sizeof(Breakdown);
  for (const Breakdown& b : breakdowns_) bytes += b.heapBytes();
  bytes += asn_names_.capacity() * sizeof(asn_names_[0]);
  for (const auto& entry : asn_names_) {
    // Names longer than the inline buffer (libstdc++: 15 chars) own a block.
    if (entry.second.capacity() > 15) bytes += entry.second.capacity() + 1;
  }
  return bytes;
}

}  // namespace edgeflow::share
