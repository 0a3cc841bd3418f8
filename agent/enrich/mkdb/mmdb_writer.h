// buildDatabase: country and ASN range files compiled into one MaxMind DB
// file (format 2.0), in memory.
//
// Layout: search tree, 16 zero bytes, data section, then
// "\xAB\xCD\xEFMaxMind.com" and the metadata map. Records are written as in
// GeoLite2 (see GeoRecord), each distinct record once; map keys, country
// maps and organisation strings are shared through pointers. The record size
// is the smallest of 24/28/32 bits that fits. IPv6 databases keep IPv4 at
// ::/96 and alias ::ffff:0:0/96 (IPv4-mapped) and, unless disabled, 2002::/16
// (6to4) to it, as MaxMind's own databases do (Teredo is not aliased: it
// would answer for the relay, not the host).
//
// The output depends only on the inputs and the options (no clock): with the
// same build_epoch the bytes are the same.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "agent/enrich/mkdb/csv_ranges.h"

namespace edgeflow::enrich::mkdb {

struct BuildOptions {
  unsigned ip_version = 6;  // 6, or 4 for an IPv4-only tree (IPv6 ranges are then errors)
  bool alias_6to4 = true;
  std::string database_type = "edgeflow-geo-asn";
  std::string description = "edgeflow-mkdb database";
  // Metadata build time (Unix seconds), at least 1: libmaxminddb treats a
  // zero build_epoch as missing and refuses the file.
  uint64_t build_epoch = 1;
  // The smallest record size to use (24, 28 or 32); a larger one is chosen
  // when the tree and data need it. Tests use it to exercise every layout.
  unsigned min_record_size = 24;
};

struct BuildStats {
  size_t country_ranges = 0;  // as read
  size_t asn_ranges = 0;
  size_t clipped = 0;   // IPv6 ranges cut at ::/96, ::ffff:0:0/96 or 2002::/16
  size_t segments = 0;  // disjoint ranges after splitting and merging
  size_t blocks = 0;    // CIDR blocks inserted
  size_t records = 0;   // distinct data records
  uint32_t nodes = 0;
  unsigned record_size = 0;
  size_t tree_bytes = 0;
  size_t data_bytes = 0;
  size_t metadata_bytes = 0;
  size_t total_bytes = 0;
};

struct BuildResult {
  std::string error;           // "" on success; else "file:line: message" or a limit
  std::vector<uint8_t> bytes;  // the database file
  BuildStats stats;
};

// The smallest record size (24, 28, 32) at least `min_size` that holds
// record values up to `max_value`; 0 when none does.
unsigned recordSizeFor(uint64_t max_value, unsigned min_size = 24);

// Either file may be null (at least one should be given; with none the
// database is valid and empty).
BuildResult buildDatabase(const CsvFile* country, const CsvFile* asn, const BuildOptions& options);

// "N ranges, M records, K nodes, record size R, B bytes" for the CLI.
std::string summarize(const BuildStats& stats);

}  // namespace edgeflow::enrich::mkdb
