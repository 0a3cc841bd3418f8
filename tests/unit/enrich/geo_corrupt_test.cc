// Corrupt and truncated database files: MaxmindGeoAsn refuses to open them
// or answers with not-found and counted errors; it never crashes. Every
// truncation length of a small database, and seeded random byte flips.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "platform/linux/geo/maxmind_geo_asn.h"
#include "tests/unit/enrich/mkdb_test_db.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow;
using namespace edgeflow::enrich;
using edgeflow::enrich::testing::buildDb;
using edgeflow::enrich::testing::MemFile;

namespace {

const char* kAddrs[] = {"1.0.0.1",      "1.0.0.200",   "1.0.3.9",           "8.8.8.8", "::ffff:1.0.0.1",
                        "2002:100:1::", "2001:db8::5", "2a00:1450:4001::1", "::",      "255.255.255.255"};

std::vector<uint8_t> smallDb() {
  return buildDb("1.0.0.0,1.0.0.255,AU\n1.0.1.0,1.0.3.255,CN\n2001:db8::,2001:db8::ffff,DE\n",
                 "1.0.0.128,1.0.2.255,13335,\"Cloudflare, Inc.\"\n2a00:1450::,2a00:1450:ffff::,15169,Google\n");
}

// Opens `bytes` and looks every address up. Returns whether it opened.
bool exercise(MemFile& file, const std::vector<uint8_t>& bytes, GeoLookupStats* stats = nullptr) {
  file.write(bytes.data(), bytes.size());
  MaxmindGeoAsn::Opened opened = MaxmindGeoAsn::open({{"geo_db", file.path()}});
  if (!opened.geo) {
    LONGS_EQUAL(1, opened.errors.size());
    return false;
  }
  for (const char* text : kAddrs) {
    const IpAddr addr = *IpAddr::parse(text);
    opened.geo->lookup(addr);
    opened.geo->asOrganization(addr);
  }
  if (stats) *stats = opened.geo->stats();
  return true;
}

uint32_t nextRandom(uint32_t& state) {
  state = state * 1664525u + 1013904223u;
  return state >> 8;
}

}  // namespace

// libmaxminddb before 1.12 leaks the metadata decoding pool when MMDB_open
// rejects corrupt metadata (upstream PR maxmind/libmaxminddb#356; Debian 12
// ships 1.7.1): sanitizer builds suppress leaks inside the library only.
extern "C" const char* __lsan_default_suppressions() { return "leak:libmaxminddb.so\n"; }

TEST_GROUP(GeoCorrupt){};

TEST(GeoCorrupt, IntactDatabaseHasNoErrors) {
  const std::vector<uint8_t> db = smallDb();
  MemFile file(db);
  GeoLookupStats stats;
  CHECK(exercise(file, db, &stats));
  LONGS_EQUAL(0, stats.errors);
  LONGS_EQUAL(3, stats.not_found);  // 8.8.8.8, :: (0.0.0.0) and 255.255.255.255
}

TEST(GeoCorrupt, EveryTruncationIsRefusedOrHarmless) {
  const std::vector<uint8_t> db = smallDb();
  MemFile file(db);
  size_t opened = 0;
  for (size_t len = 0; len < db.size(); ++len) {
    const std::vector<uint8_t> cut(db.begin(), db.begin() + static_cast<long>(len));
    if (exercise(file, cut)) ++opened;
  }
  // Cutting into the metadata (the file's tail) loses a required key or the
  // marker: no truncation opens.
  LONGS_EQUAL(0, opened);
}

TEST(GeoCorrupt, RandomByteFlipsNeverCrash) {
  const std::vector<uint8_t> db = smallDb();
  MemFile file(db);
  uint32_t state = 12345;
  size_t opened = 0;
  uint64_t errors = 0;
  for (int round = 0; round < 1500; ++round) {
    std::vector<uint8_t> bad = db;
    const int flips = 1 + static_cast<int>(nextRandom(state) % 4);
    for (int i = 0; i < flips; ++i) {
      bad[nextRandom(state) % bad.size()] = static_cast<uint8_t>(nextRandom(state));
    }
    GeoLookupStats stats;
    if (exercise(file, bad, &stats)) {
      ++opened;
      errors += stats.errors;
    }
  }
  CHECK(opened > 0);  // most flips land in the tree or data and still open...
  CHECK(errors > 0);  // ...and some of those are caught at lookup time
}

TEST(GeoCorrupt, TreePointingPastTheDataIsAnError) {
  std::vector<uint8_t> db = smallDb();
  // Node 0's records (24-bit) set to the largest value: past any data.
  for (size_t i = 0; i < 6; ++i) db[i] = 0xff;
  MemFile file(db);
  GeoLookupStats stats;
  CHECK(exercise(file, db, &stats));
  CHECK(stats.errors >= 1);
  LONGS_EQUAL(sizeof kAddrs / sizeof kAddrs[0], stats.not_found);
}
