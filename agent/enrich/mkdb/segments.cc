#include "agent/enrich/mkdb/segments.h"

#include <map>

namespace edgeflow::enrich::mkdb {

namespace {

struct Span {
  U128 first;
  U128 last;
};

constexpr U128 kMapped{0, 0x0000ffff00000000ull};
constexpr U128 k6to4{0x2002000000000000ull, 0};

// Reserved spans, sorted, disjoint.
std::vector<Span> reservedSpans(bool alias_6to4) {
  std::vector<Span> spans;
  spans.push_back({U128{}, U128::lowMask(32)});                          // ::/96
  spans.push_back({kMapped, kMapped | U128::lowMask(32)});               // ::ffff:0:0/96
  if (alias_6to4) spans.push_back({k6to4, k6to4 | U128::lowMask(112)});  // 2002::/16
  return spans;
}

// `range` minus the reserved spans, appended to `out`; true when anything
// was cut away.
bool clip(const CsvRange& range, const std::vector<Span>& reserved, std::vector<CsvRange>& out) {
  bool cut = false;
  U128 cur = range.first;
  bool done = false;
  for (const Span& span : reserved) {
    if (done) break;
    if (span.last < cur || range.last < span.first) continue;
    cut = true;
    if (cur < span.first) {
      CsvRange piece = range;
      piece.first = cur;
      piece.last = span.first.minusOne();
      out.push_back(piece);
    }
    if (span.last == U128::max() || range.last <= span.last) {
      done = true;
    } else {
      cur = span.last.plusOne();
    }
  }
  if (!done) {
    CsvRange piece = range;
    piece.first = cur;
    out.push_back(piece);
  }
  return cut;
}

// The file's ranges with IPv6 ones clipped (or rejected for IPv4-only).
std::vector<CsvRange> prepared(const CsvFile& file, bool ipv4_only, const std::vector<Span>& reserved, size_t& clipped,
                               std::string& error) {
  std::vector<CsvRange> out;
  out.reserve(file.ranges.size());
  for (const CsvRange& range : file.ranges) {
    if (range.v4) {
      out.push_back(range);
      continue;
    }
    if (ipv4_only) {
      error = file.name + ":" + std::to_string(range.line) + ": an IPv6 range in an IPv4-only database";
      return {};
    }
    if (clip(range, reserved, out)) ++clipped;
  }
  return out;
}

class RecordIndex {
 public:
  explicit RecordIndex(std::vector<GeoRecord>& records) : records_(records) {}
  uint32_t idOf(const GeoRecord& record) {
    const auto it = ids_.find(record);
    if (it != ids_.end()) return it->second;
    const uint32_t id = static_cast<uint32_t>(records_.size());
    records_.push_back(record);
    ids_.emplace(record, id);
    return id;
  }

 private:
  std::vector<GeoRecord>& records_;
  std::map<GeoRecord, uint32_t> ids_;
};

void append(std::vector<Segment>& segments, Segment segment) {
  if (!segments.empty()) {
    Segment& prev = segments.back();
    if (prev.record == segment.record && prev.last != U128::max() && prev.last.plusOne() == segment.first) {
      prev.last = segment.last;
      return;
    }
  }
  segments.push_back(segment);
}

}  // namespace

Segmented segmentRanges(const CsvFile* country, const CsvFile* asn, bool ipv4_only, bool alias_6to4,
                        std::string& error) {
  Segmented result;
  error.clear();
  const std::vector<Span> reserved = reservedSpans(alias_6to4);
  std::vector<CsvRange> a;
  std::vector<CsvRange> b;
  if (country) {
    a = prepared(*country, ipv4_only, reserved, result.clipped, error);
    if (!error.empty()) return result;
  }
  if (asn) {
    b = prepared(*asn, ipv4_only, reserved, result.clipped, error);
    if (!error.empty()) return result;
  }

  // Sweep both sorted, disjoint lists: from `cur`, the next segment ends at
  // the nearest end of a covering range or start of a coming one.
  RecordIndex index(result.records);
  size_t i = 0;
  size_t j = 0;
  U128 cur{};
  bool started = false;
  while (true) {
    if (!started) {
      if (a.empty() && b.empty()) break;
      cur = a.empty() ? b[0].first : (b.empty() ? a[0].first : (a[0].first < b[0].first ? a[0].first : b[0].first));
      started = true;
    }
    while (i < a.size() && a[i].last < cur) ++i;
    while (j < b.size() && b[j].last < cur) ++j;
    if (i == a.size() && j == b.size()) break;
    const bool in_a = i < a.size() && a[i].first <= cur;
    const bool in_b = j < b.size() && b[j].first <= cur;
    if (!in_a && !in_b) {
      if (i == a.size()) {
        cur = b[j].first;
      } else if (j == b.size()) {
        cur = a[i].first;
      } else {
        cur = a[i].first < b[j].first ? a[i].first : b[j].first;
      }
      continue;
    }
    U128 end = U128::max();
    if (in_a) {
      if (a[i].last < end) end = a[i].last;
    } else if (i < a.size() && a[i].first.minusOne() < end) {
      end = a[i].first.minusOne();
    }
    if (in_b) {
      if (b[j].last < end) end = b[j].last;
    } else if (j < b.size() && b[j].first.minusOne() < end) {
      end = b[j].first.minusOne();
    }
    GeoRecord record;
    if (in_a) record.country = a[i].country;
    if (in_b) {
      record.has_asn = true;
      record.asn = b[j].asn;
      record.org = b[j].org;
    }
    append(result.segments, Segment{cur, end, index.idOf(record)});
    if (end == U128::max()) break;
    cur = end.plusOne();
  }
  return result;
}

}  // namespace edgeflow::enrich::mkdb
