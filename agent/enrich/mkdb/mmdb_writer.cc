#include "agent/enrich/mkdb/mmdb_writer.h"

#include "agent/enrich/mkdb/data_encoder.h"
#include "agent/enrich/mkdb/search_tree.h"
#include "agent/enrich/mkdb/segments.h"

namespace edgeflow::enrich::mkdb {

namespace {

constexpr uint8_t kMetadataMarker[] = {0xab, 0xcd, 0xef, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};

// The data section: every distinct record once; returns each one's offset.
std::vector<uint32_t> writeRecords(const std::vector<GeoRecord>& records, std::vector<uint8_t>& data) {
  DataEncoder enc(data);
  std::vector<uint32_t> offsets;
  offsets.reserve(records.size());
  for (const GeoRecord& record : records) {
    offsets.push_back(enc.offset());
    uint32_t pairs = 0;
    if (!record.country.empty()) ++pairs;
    if (record.has_asn) ++pairs;
    if (record.has_asn && !record.org.empty()) ++pairs;
    enc.mapHeader(pairs);
    if (!record.country.empty()) {
      enc.sharedString("country");
      const std::string key = "country-map:" + record.country;
      if (!enc.sharedValue(key)) {
        enc.remember(key, enc.offset());
        enc.mapHeader(1);
        enc.sharedString("iso_code");
        enc.string(record.country);
      }
    }
    if (record.has_asn) {
      enc.sharedString("autonomous_system_number");
      enc.unsignedInt(DataType::Uint32, record.asn);
      if (!record.org.empty()) {
        enc.sharedString("autonomous_system_organization");
        enc.sharedString(record.org);
      }
    }
  }
  return offsets;
}

void writeMetadata(const BuildOptions& options, uint32_t node_count, unsigned record_size, std::vector<uint8_t>& out) {
  out.insert(out.end(), std::begin(kMetadataMarker), std::end(kMetadataMarker));
  // The metadata is its own section; it uses no pointers.
  std::vector<uint8_t> meta;
  DataEncoder enc(meta);
  enc.mapHeader(9);
  enc.string("binary_format_major_version");
  enc.unsignedInt(DataType::Uint16, 2);
  enc.string("binary_format_minor_version");
  enc.unsignedInt(DataType::Uint16, 0);
  enc.string("build_epoch");
  enc.unsignedInt(DataType::Uint64, options.build_epoch);
  enc.string("database_type");
  enc.string(options.database_type);
  enc.string("description");
  enc.mapHeader(1);
  enc.string("en");
  enc.string(options.description);
  enc.string("ip_version");
  enc.unsignedInt(DataType::Uint16, options.ip_version);
  enc.string("languages");
  enc.arrayHeader(1);
  enc.string("en");
  enc.string("node_count");
  enc.unsignedInt(DataType::Uint32, node_count);
  enc.string("record_size");
  enc.unsignedInt(DataType::Uint16, record_size);
  out.insert(out.end(), meta.begin(), meta.end());
}

}  // namespace

unsigned recordSizeFor(uint64_t max_value, unsigned min_size) {
  for (unsigned bits : {24u, 28u, 32u}) {
    if (bits >= min_size && max_value < (uint64_t{1} << bits)) return bits;
  }
  return 0;
}

BuildResult buildDatabase(const CsvFile* country, const CsvFile* asn, const BuildOptions& options) {
  BuildResult result;
  BuildStats& stats = result.stats;
  if (options.ip_version != 4 && options.ip_version != 6) {
    result.error = "ip_version must be 4 or 6";
    return result;
  }
  if (options.build_epoch == 0) {
    result.error = "build_epoch must be at least 1 (readers take 0 for a missing value)";
    return result;
  }
  stats.country_ranges = country ? country->ranges.size() : 0;
  stats.asn_ranges = asn ? asn->ranges.size() : 0;
  const bool ipv4_only = options.ip_version == 4;
  const Segmented seg = segmentRanges(country, asn, ipv4_only, !ipv4_only && options.alias_6to4, result.error);
  if (!result.error.empty()) return result;
  stats.clipped = seg.clipped;
  stats.segments = seg.segments.size();
  stats.records = seg.records.size();

  SearchTree tree(ipv4_only ? 32 : 128);
  for (const Segment& segment : seg.segments) {
    stats.blocks += tree.insertRange(segment.first, segment.last, segment.record);
    if (tree.nodeCount() >= 0x7fffffffu) {
      result.error = "too many ranges: the search tree outgrows 2^31 nodes";
      return result;
    }
  }
  if (!ipv4_only) {
    tree.aliasToIpv4(U128{0, 0x0000ffff00000000ull}, 96);
    if (options.alias_6to4) tree.aliasToIpv4(U128{0x2002000000000000ull, 0}, 16);
  }
  stats.nodes = tree.nodeCount();

  std::vector<uint8_t> data;
  const std::vector<uint32_t> offsets = writeRecords(seg.records, data);
  stats.data_bytes = data.size();

  // Record values reach node_count + 16 + the last data offset.
  stats.record_size = recordSizeFor(uint64_t{stats.nodes} + 16 + data.size(), options.min_record_size);
  if (stats.record_size == 0) {
    result.error = "database too large for 32-bit records";
    return result;
  }

  std::vector<uint8_t>& out = result.bytes;
  tree.write(stats.record_size, offsets, out);
  stats.tree_bytes = out.size();
  out.insert(out.end(), 16, 0);
  out.insert(out.end(), data.begin(), data.end());
  const size_t before_meta = out.size();
  writeMetadata(options, stats.nodes, stats.record_size, out);
  stats.metadata_bytes = out.size() - before_meta;
  stats.total_bytes = out.size();
  return result;
}

std::string summarize(const BuildStats& stats) {
  std::string text = std::to_string(stats.country_ranges + stats.asn_ranges) + " ranges (" +
                     std::to_string(stats.country_ranges) + " country, " + std::to_string(stats.asn_ranges) +
                     " asn), " + std::to_string(stats.segments) + " segments, " + std::to_string(stats.records) +
                     " records, " + std::to_string(stats.nodes) + " nodes, record size " +
                     std::to_string(stats.record_size) + ", " + std::to_string(stats.total_bytes) + " bytes";
  if (stats.clipped != 0) {
    text += "; " + std::to_string(stats.clipped) + " IPv6 ranges clipped at ::/96, ::ffff:0:0/96 or 2002::/16";
  }
  return text;
}

}  // namespace edgeflow::enrich::mkdb
