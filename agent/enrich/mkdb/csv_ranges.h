// Address-range CSV files, in the formats of the ip-location-db packages:
//
//   country:  start,end,country          1.0.0.0,1.0.0.255,AU
//   asn:      start,end,asn,organisation 1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."
//
// `start` and `end` are both IPv4 or both IPv6, start <= end, inclusive. A
// country is two ASCII letters (stored upper case). An ASN is a decimal
// 32-bit number, optionally written "AS13335". The organisation may be empty
// and may be quoted RFC 4180 style ("" inside quotes is one quote).
// Blank lines and lines starting with '#' are skipped, as is a header line
// (a first line whose first field holds a character no address has, such as
// "ip_range_start"). Lines may end in CRLF; spaces around fields are trimmed.
//
// Ranges within one file must not overlap: an overlap is an error naming both
// lines (the rule is "reject", so that a file never means two things).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "agent/enrich/mkdb/u128.h"

namespace edgeflow::enrich::mkdb {

enum class CsvKind : uint8_t { Country, Asn };

struct CsvRange {
  U128 first;           // in the database key space (IPv4 at ::a.b.c.d)
  U128 last;            // inclusive
  bool v4 = false;      // written as IPv4 addresses
  uint32_t line = 0;    // 1-based line in its file
  std::string country;  // Country files: "RU"
  uint32_t asn = 0;     // Asn files
  std::string org;      // Asn files, may be empty
};

struct CsvFile {
  std::string name;  // for messages: "name:line: ..."
  CsvKind kind = CsvKind::Country;
  std::vector<CsvRange> ranges;  // sorted by `first`, disjoint
};

// Parses `text` as a CSV file of `kind`. On success fills `out` (ranges
// sorted, checked disjoint) and returns ""; otherwise returns the first
// error as "name:line: message" and `out.ranges` is unspecified.
std::string parseCsvRanges(std::string_view text, std::string_view name, CsvKind kind, CsvFile& out);

// "1.2.3.4" for keys in ::/96 when `v4`, else the IPv6 text form.
std::string keyToString(U128 key, bool v4);

}  // namespace edgeflow::enrich::mkdb
