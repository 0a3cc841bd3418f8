// Segments: the country and ASN range files combined into one ordered list
// of disjoint address ranges, each with the record that answers it.
//
// Where the two files have different boundaries, ranges are split at every
// boundary, so that one database answers both questions. Neighbouring
// segments that touch and carry equal records are merged (fewer CIDR blocks,
// a smaller tree).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "agent/enrich/mkdb/csv_ranges.h"
#include "agent/enrich/mkdb/u128.h"

namespace edgeflow::enrich::mkdb {

// What one address maps to; written as in GeoLite2:
//   country => {iso_code => "RU"}, autonomous_system_number => uint32,
//   autonomous_system_organization => string (omitted when empty).
struct GeoRecord {
  std::string country;  // "" = none
  bool has_asn = false;
  uint32_t asn = 0;
  std::string org;

  bool operator<(const GeoRecord& o) const {
    return std::tie(country, has_asn, asn, org) < std::tie(o.country, o.has_asn, o.asn, o.org);
  }
  bool operator==(const GeoRecord& o) const {
    return std::tie(country, has_asn, asn, org) == std::tie(o.country, o.has_asn, o.asn, o.org);
  }
};

struct Segment {
  U128 first;
  U128 last;
  uint32_t record = 0;  // index into Segmented::records
};

struct Segmented {
  std::vector<GeoRecord> records;  // distinct, in order of first use
  std::vector<Segment> segments;   // sorted, disjoint
  size_t clipped = 0;              // IPv6 ranges cut where IPv4 lives or is aliased
};

// The address space an IPv6 range may not use in an IPv6 database: ::/96
// (IPv4 itself), ::ffff:0:0/96 (IPv4-mapped, aliased to IPv4) and, with
// `alias_6to4`, 2002::/16 (6to4, aliased to IPv4). IPv6 ranges are clipped
// out of these, and `clipped` counts the ranges that lost addresses.
//
// With `ipv4_only` (an ip_version 4 database) an IPv6 range is an error
// ("name:line: ..."), returned in `error`.
Segmented segmentRanges(const CsvFile* country, const CsvFile* asn, bool ipv4_only, bool alias_6to4,
                        std::string& error);

}  // namespace edgeflow::enrich::mkdb
