// The MaxMind DB writer: data-section encoding per the spec's own examples,
// range splitting and merging, the size of the tree, aliases, metadata and
// reproducible output. Lookups through libmaxminddb are in geo_*_test.cc.

#include <algorithm>
#include <string>
#include <vector>

#include "agent/enrich/mkdb/data_encoder.h"
#include "agent/enrich/mkdb/mmdb_writer.h"
#include "agent/enrich/mkdb/search_tree.h"
#include "tests/unit/enrich/mkdb_test_db.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::enrich::mkdb;
using edgeflow::enrich::testing::buildDb;
using edgeflow::enrich::testing::buildResult;

namespace {

std::vector<uint8_t> encodeString(size_t n) {
  std::vector<uint8_t> out;
  DataEncoder enc(out);
  enc.string(std::string(n, 'x'));
  return out;
}

std::vector<uint8_t> encodePointer(uint32_t target) {
  std::vector<uint8_t> out;
  DataEncoder enc(out);
  enc.pointer(target);
  return out;
}

bool contains(const std::vector<uint8_t>& bytes, const std::string& text) {
  const std::vector<uint8_t> needle(text.begin(), text.end());
  return std::search(bytes.begin(), bytes.end(), needle.begin(), needle.end()) != bytes.end();
}

BuildOptions v4Only() {
  BuildOptions options;
  options.ip_version = 4;
  return options;
}

BuildOptions no6to4() {
  BuildOptions options;
  options.alias_6to4 = false;
  return options;
}

}  // namespace

TEST_GROUP(MkdbEncoding){};

TEST(MkdbEncoding, StringSizesFollowTheSpecExamples) {
  LONGS_EQUAL(0x5c, encodeString(28)[0]);  // 010 11100: 28 bytes in the control byte
  // 80 bytes: 01011101 00110011 (29 + 51).
  std::vector<uint8_t> s80 = encodeString(80);
  LONGS_EQUAL(0x5d, s80[0]);
  LONGS_EQUAL(51, s80[1]);
  LONGS_EQUAL(82, s80.size());
  // 13392 bytes: 01011110 00110011 00110011 (285 + 13107).
  std::vector<uint8_t> s13392 = encodeString(13392);
  LONGS_EQUAL(0x5e, s13392[0]);
  LONGS_EQUAL(0x33, s13392[1]);
  LONGS_EQUAL(0x33, s13392[2]);
  std::vector<uint8_t> s65821 = encodeString(65821);  // first size of the 3-byte form
  LONGS_EQUAL(0x5f, s65821[0]);
  LONGS_EQUAL(0, s65821[1] | s65821[2] | s65821[3]);
  LONGS_EQUAL(0x5e, encodeString(65820)[0]);
}

TEST(MkdbEncoding, ExtendedTypesAndIntegers) {
  std::vector<uint8_t> out;
  DataEncoder enc(out);
  enc.unsignedInt(DataType::Uint32, 0);      // c0: no payload bytes
  enc.unsignedInt(DataType::Uint32, 15169);  // c2 3b 41
  enc.unsignedInt(DataType::Uint64, 1);      // 01 02 01: extended type 9 - 7
  enc.arrayHeader(2);                        // 02 04: extended type 11 - 7
  const std::vector<uint8_t> want = {0xc0, 0xc2, 0x3b, 0x41, 0x01, 0x02, 0x01, 0x02, 0x04};
  CHECK(want == out);
}

TEST(MkdbEncoding, PointerSizes) {
  CHECK((std::vector<uint8_t>{0x20, 0x00}) == encodePointer(0));
  CHECK((std::vector<uint8_t>{0x27, 0xff}) == encodePointer(2047));
  CHECK((std::vector<uint8_t>{0x28, 0x00, 0x00}) == encodePointer(2048));
  CHECK((std::vector<uint8_t>{0x2f, 0xff, 0xff}) == encodePointer(526335));
  CHECK((std::vector<uint8_t>{0x30, 0x00, 0x00, 0x00}) == encodePointer(526336));
  CHECK((std::vector<uint8_t>{0x38, 0x08, 0x08, 0x08, 0x00}) == encodePointer(0x08080800));
  LONGS_EQUAL(2, pointerSize(2047));
  LONGS_EQUAL(5, pointerSize(0xffffffffu));
}

TEST(MkdbEncoding, SharedStringsBecomePointers) {
  std::vector<uint8_t> out;
  DataEncoder enc(out);
  enc.sharedString("country");
  enc.sharedString("country");
  enc.sharedString("a");  // shorter inline than as a pointer
  enc.sharedString("a");
  const std::vector<uint8_t> want = {0x47, 'c', 'o', 'u', 'n', 't', 'r', 'y', 0x20, 0x00, 0x41, 'a', 0x41, 'a'};
  CHECK(want == out);
}

TEST_GROUP(MkdbWriter){};

TEST(MkdbWriter, OneBlockMakesOneNodePerBit) {
  BuildResult v4 = buildResult("1.0.0.0,1.0.0.255,AU\n", "", v4Only());
  STRCMP_EQUAL("", v4.error.c_str());
  LONGS_EQUAL(24, v4.stats.nodes);  // a /24 in a 32-bit tree
  LONGS_EQUAL(1, v4.stats.blocks);
  LONGS_EQUAL(24, v4.stats.record_size);
  // IPv6 tree: 96 + 24 nodes, plus 15 for the ::ffff:0:0/96 alias (it
  // leaves the ::/96 path at bit 80) and 13 for 2002::/16 (at bit 2).
  LONGS_EQUAL(120 + 15, buildResult("1.0.0.0,1.0.0.255,AU\n", "", no6to4()).stats.nodes);
  LONGS_EQUAL(120 + 15 + 13, buildResult("1.0.0.0,1.0.0.255,AU\n", "").stats.nodes);
}

TEST(MkdbWriter, RangesSplitIntoTheFewestBlocks) {
  BuildResult r = buildResult("1.0.0.1,1.0.0.6,AU\n", "", v4Only());
  LONGS_EQUAL(4, r.stats.blocks);  // .1/32 .2/31 .4/31 .6/32
  LONGS_EQUAL(1, r.stats.records);
  LONGS_EQUAL(1, buildResult("0.0.0.0,255.255.255.255,AU\n", "", v4Only()).stats.blocks);
  LONGS_EQUAL(1, buildResult("0.0.0.0,255.255.255.255,AU\n", "", v4Only()).stats.nodes);  // the root only
  LONGS_EQUAL(32, buildResult("0.0.0.1,255.255.255.255,AU\n", "", v4Only()).stats.blocks);
  // 2^127 - 1 addresses: /2, /3, ... /127 and one /128.
  LONGS_EQUAL(127, buildResult("", "8000::,ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe,1,x\n").stats.blocks);
}

TEST(MkdbWriter, AdjacentEqualRangesMerge) {
  BuildResult split = buildResult("1.0.0.0,1.0.0.127,AU\n1.0.0.128,1.0.0.255,AU\n", "", v4Only());
  LONGS_EQUAL(1, split.stats.segments);
  LONGS_EQUAL(1, split.stats.blocks);
  LONGS_EQUAL(24, split.stats.nodes);
  BuildResult different = buildResult("1.0.0.0,1.0.0.127,AU\n1.0.0.128,1.0.0.255,NZ\n", "", v4Only());
  LONGS_EQUAL(2, different.stats.segments);
  LONGS_EQUAL(25, different.stats.nodes);
  BuildResult gap = buildResult("1.0.0.0,1.0.0.126,AU\n1.0.0.128,1.0.0.255,AU\n", "", v4Only());
  LONGS_EQUAL(2, gap.stats.segments);
  LONGS_EQUAL(1, gap.stats.records);  // one record, pointed at twice
}

TEST(MkdbWriter, CountryAndAsnSplitAtEveryBoundary) {
  BuildResult r = buildResult("1.0.0.0,1.0.0.255,AU\n", "1.0.0.128,1.0.1.255,13335,Cloudflare\n", v4Only());
  STRCMP_EQUAL("", r.error.c_str());
  LONGS_EQUAL(3, r.stats.segments);  // AU | AU+13335 | 13335
  LONGS_EQUAL(3, r.stats.records);
  BuildResult same = buildResult("1.0.0.0,1.0.0.255,AU\n", "1.0.0.0,1.0.0.255,13335,Cloudflare\n", v4Only());
  LONGS_EQUAL(1, same.stats.segments);
}

TEST(MkdbWriter, RecordsAreWrittenOnceAndKeysShared) {
  std::string csv;
  for (int i = 0; i < 50; ++i) csv += "1.0." + std::to_string(2 * i) + ".0,1.0." + std::to_string(2 * i) + ".255,AU\n";
  BuildResult r = buildResult(csv, "", v4Only());
  LONGS_EQUAL(50, r.stats.segments);
  LONGS_EQUAL(1, r.stats.records);
  // {country: {iso_code: "AU"}}: map, "country", map, "iso_code", "AU".
  LONGS_EQUAL(1 + 8 + 1 + 9 + 3, r.stats.data_bytes);
  BuildResult two = buildResult("1.0.0.0,1.0.0.255,AU\n2.0.0.0,2.0.0.255,FR\n", "", v4Only());
  // The second record points at both keys: map, ptr, map, ptr, "FR".
  LONGS_EQUAL(22 + 1 + 2 + 1 + 2 + 3, two.stats.data_bytes);
}

TEST(MkdbWriter, MetadataAndLayout) {
  BuildOptions options;
  options.database_type = "edgeflow-test";
  options.description = "unit test";
  options.build_epoch = 1700000000;
  BuildResult r = buildResult("1.0.0.0,1.0.0.255,AU\n", "", options);
  const std::vector<uint8_t>& b = r.bytes;
  LONGS_EQUAL(r.stats.total_bytes, b.size());
  LONGS_EQUAL(r.stats.nodes * 6, r.stats.tree_bytes);
  for (size_t i = 0; i < 16; ++i) LONGS_EQUAL(0, b[r.stats.tree_bytes + i]);  // the separator
  CHECK(contains(b, "\xab\xcd\xefMaxMind.com"));
  for (const char* key :
       {"binary_format_major_version", "binary_format_minor_version", "build_epoch", "database_type", "edgeflow-test",
        "description", "unit test", "ip_version", "languages", "node_count", "record_size"}) {
    CHECK_TEXT(contains(b, key), key);
  }
}

TEST(MkdbWriter, OutputIsReproducible) {
  const std::string country = "1.0.0.0,1.0.0.255,AU\n2001:db8::,2001:db8::ffff,DE\n";
  const std::string asn = "1.0.0.0,1.0.1.255,13335,Cloudflare\n";
  CHECK(buildDb(country, asn) == buildDb(country, asn));
  BuildOptions later;
  later.build_epoch = 2;
  const std::vector<uint8_t> a = buildDb(country, asn);
  const std::vector<uint8_t> b = buildDb(country, asn, later);
  LONGS_EQUAL(a.size(), b.size());
  CHECK(a != b);
}

TEST(MkdbWriter, IPv6AliasedSpaceIsClipped) {
  BuildResult mapped = buildResult("::ffff:1.0.0.0,::ffff:1.0.0.255,AU\n", "");
  LONGS_EQUAL(1, mapped.stats.clipped);
  LONGS_EQUAL(0, mapped.stats.segments);
  BuildResult around = buildResult("2001:ffff::,2002:0:ffff::,AU\n", "");
  LONGS_EQUAL(1, around.stats.clipped);
  LONGS_EQUAL(1, around.stats.segments);  // the part below 2002::
  BuildResult kept = buildResult("2001:ffff::,2002:0:ffff::,AU\n", "", no6to4());
  LONGS_EQUAL(0, kept.stats.clipped);
}

TEST(MkdbWriter, Errors) {
  STRCMP_EQUAL("country.csv:2: an IPv6 range in an IPv4-only database",
               buildResult("1.0.0.0,1.0.0.255,AU\n2001:db8::,2001:db8::1,DE\n", "", v4Only()).error.c_str());
  BuildOptions zero;
  zero.build_epoch = 0;
  STRCMP_EQUAL("build_epoch must be at least 1 (readers take 0 for a missing value)",
               buildResult("1.0.0.0,1.0.0.255,AU\n", "", zero).error.c_str());
}

TEST(MkdbWriter, SummaryLine) {
  BuildResult r = buildResult("1.0.0.0,1.0.0.255,AU\n", "1.0.0.0,1.0.0.255,1,x\n", v4Only());
  const std::string want = "2 ranges (1 country, 1 asn), 1 segments, 1 records, 24 nodes, record size 24, " +
                           std::to_string(r.stats.total_bytes) + " bytes";
  STRCMP_EQUAL(want.c_str(), summarize(r.stats).c_str());
}

TEST(MkdbWriter, RecordSizeIsTheSmallestThatFits) {
  LONGS_EQUAL(24, recordSizeFor((uint64_t{1} << 24) - 1));
  LONGS_EQUAL(28, recordSizeFor(uint64_t{1} << 24));
  LONGS_EQUAL(28, recordSizeFor((uint64_t{1} << 28) - 1));
  LONGS_EQUAL(32, recordSizeFor(uint64_t{1} << 28));
  LONGS_EQUAL(32, recordSizeFor((uint64_t{1} << 32) - 1));
  LONGS_EQUAL(0, recordSizeFor(uint64_t{1} << 32));
  LONGS_EQUAL(28, recordSizeFor(100, 28));
  LONGS_EQUAL(32, recordSizeFor(100, 32));
  BuildOptions wide;
  wide.min_record_size = 28;
  BuildResult r28 = buildResult("1.0.0.0,1.0.0.255,AU\n", "", wide);
  LONGS_EQUAL(28, r28.stats.record_size);
  LONGS_EQUAL(r28.stats.nodes * 7, r28.stats.tree_bytes);
  wide.min_record_size = 32;
  BuildResult r32 = buildResult("1.0.0.0,1.0.0.255,AU\n", "", wide);
  LONGS_EQUAL(r32.stats.nodes * 8, r32.stats.tree_bytes);
}

// Node layouts from the spec's "Node Layout" section, with a data record
// value that uses the top bits: 1 node + 16 + 0x0abcdef0 = 0x0abcdf01 on the
// left (0.0.0.0/1), the empty marker 1 (= node count) on the right.
TEST(MkdbWriter, NodeLayoutsOfEveryRecordSize) {
  SearchTree tree(32);
  tree.insertRange(U128{}, U128::fromV4(0x7fffffff), 0);
  LONGS_EQUAL(1, tree.nodeCount());
  const std::vector<uint32_t> offsets = {0x0abcdef0};
  std::vector<uint8_t> b28;
  tree.write(28, offsets, b28);
  // | 23..0 of left | 27..24 of left, 27..24 of right | 23..0 of right |
  CHECK((std::vector<uint8_t>{0xbc, 0xdf, 0x01, 0xa0, 0x00, 0x00, 0x01}) == b28);
  std::vector<uint8_t> b32;
  tree.write(32, offsets, b32);
  CHECK((std::vector<uint8_t>{0x0a, 0xbc, 0xdf, 0x01, 0x00, 0x00, 0x00, 0x01}) == b32);
  std::vector<uint8_t> b24;
  tree.write(24, {0x10}, b24);
  CHECK((std::vector<uint8_t>{0x00, 0x00, 0x21, 0x00, 0x00, 0x01}) == b24);
}
