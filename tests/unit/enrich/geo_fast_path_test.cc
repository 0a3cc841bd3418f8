// MaxmindGeoAsn's fast paths against libmaxminddb itself: the inline tree
// walk (geo::SearchTree) finds the record MMDB_lookup_sockaddr finds, or
// leaves the address to it; and lookups served from the label cache give
// the answers and counters of decoding every record every time, on intact
// and byte-flipped databases, with caches of 1, 4 and the default slots.

#include <arpa/inet.h>
#include <maxminddb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "platform/linux/geo/maxmind_geo_asn.h"
#include "platform/linux/geo/mmdb_fields.h"
#include "platform/linux/geo/search_tree.h"
#include "tests/unit/enrich/mkdb_test_db.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow;
using namespace edgeflow::enrich;
using edgeflow::enrich::testing::buildDb;
using edgeflow::enrich::testing::MemFile;

namespace {

const char* kCountryCsv =
    "0.0.0.0,0.0.0.255,ZZ\n"
    "1.0.0.0,1.0.0.255,AU\n"
    "1.0.1.0,1.0.3.255,CN\n"
    "10.0.0.5,10.0.0.9,RU\n"
    "91.0.0.0,91.63.255.255,DE\n"
    "175.45.176.0,175.45.179.255,KP\n"
    "2001:db8::,2001:db8::ffff,DE\n"
    "2a00:1450::,2a00:1450:ffff:ffff:ffff:ffff:ffff:ffff,US\n";

const char* kAsnCsv =
    "1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n"
    "1.0.2.0,1.0.2.255,4134,Chinanet\n"
    "10.0.0.7,10.0.0.20,64512,Private\n"
    "91.0.0.0,91.63.255.255,3320,Deutsche Telekom AG\n"
    "175.45.176.0,175.45.179.255,131279,Star JV\n"
    "2a00:1450:4000::,2a00:1450:4fff:ffff:ffff:ffff:ffff:ffff,15169,Google LLC\n";

uint32_t nextRandom(uint32_t& state) {
  state = state * 1664525u + 1013904223u;
  return state;
}

// Random addresses, a third of them inside the ranges above (or the dense
// database's 45.68.0.0/20), some IPv4-mapped and 6to4.
std::vector<IpAddr> testAddresses(size_t count, uint32_t seed) {
  static const uint32_t kNear[] = {0x01000000u, 0x0a000000u, 0x5b000000u, 0xaf2db000u, 0x2d440000u, 0x00000000u};
  std::vector<IpAddr> out;
  uint32_t state = seed;
  for (size_t i = 0; i < count; ++i) {
    const uint32_t kind = nextRandom(state) >> 28;
    const uint32_t r = nextRandom(state);
    if (kind < 8) {
      out.push_back(IpAddr::v4(r));
    } else if (kind < 12) {
      const uint32_t base = kNear[(r >> 24) % (sizeof kNear / sizeof kNear[0])];
      out.push_back(IpAddr::v4(base + (nextRandom(state) >> 18)));
    } else {
      uint8_t b[16] = {};
      for (uint8_t& byte : b) byte = static_cast<uint8_t>(nextRandom(state) >> 24);
      if (kind == 12) std::memcpy(b, "\x20\x01\x0d\xb8\x00\x00", 6);
      if (kind == 13) std::memcpy(b, "\x2a\x00\x14\x50\x40", 5);
      if (kind == 14) std::memcpy(b, "\x20\x02\x01\x00", 4);  // 6to4 of 1.0.x.x
      out.push_back(IpAddr::v6(b));
    }
  }
  return out;
}

// A database opened by libmaxminddb directly.
struct RawDb {
  MMDB_s mmdb{};
  bool ok = false;
  explicit RawDb(const std::string& path) { ok = MMDB_open(path.c_str(), MMDB_MODE_MMAP, &mmdb) == MMDB_SUCCESS; }
  ~RawDb() {
    if (ok) MMDB_close(&mmdb);
  }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;
};

bool isV4(const IpAddr& addr) {
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return addr.family == IpFamily::V4 || std::memcmp(addr.bytes.data(), kMapped, 12) == 0;
}

MMDB_lookup_result_s libraryLookup(MMDB_s& mmdb, const IpAddr& addr, int& error) {
  sockaddr_in v4{};
  sockaddr_in6 v6{};
  const sockaddr* sa = nullptr;
  if (isV4(addr)) {
    v4.sin_family = AF_INET;
    std::memcpy(&v4.sin_addr, addr.v4Bytes(), 4);
    sa = reinterpret_cast<const sockaddr*>(&v4);
  } else {
    v6.sin6_family = AF_INET6;
    std::memcpy(&v6.sin6_addr, addr.bytes.data(), 16);
    sa = reinterpret_cast<const sockaddr*>(&v6);
  }
  error = MMDB_SUCCESS;
  return MMDB_lookup_sockaddr(&mmdb, sa, &error);
}

// The walk agrees with the library wherever it answers. Returns how many
// addresses it left to the library.
size_t checkWalk(MMDB_s& mmdb, const std::vector<IpAddr>& addrs) {
  const geo::SearchTree tree(mmdb);
  size_t unsure = 0;
  for (const IpAddr& addr : addrs) {
    uint32_t offset = 0;
    const geo::SearchTree::Walk walk =
        isV4(addr) ? tree.findV4(addr.v4Bytes(), offset) : tree.findV6(addr.bytes.data(), offset);
    int error = MMDB_SUCCESS;
    const MMDB_lookup_result_s want = libraryLookup(mmdb, addr, error);
    const std::string where = addr.toString();
    if (walk == geo::SearchTree::Walk::Unsure) {
      ++unsure;
    } else if (walk == geo::SearchTree::Walk::NotFound) {
      CHECK_TEXT(error == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR || (error == MMDB_SUCCESS && !want.found_entry),
                 where.c_str());
    } else {
      LONGS_EQUAL_TEXT(MMDB_SUCCESS, error, where.c_str());
      CHECK_TEXT(want.found_entry, where.c_str());
      UNSIGNED_LONGS_EQUAL_TEXT(want.entry.offset, offset, where.c_str());
    }
  }
  return unsure;
}

// One lookup as MaxmindGeoAsn made it before the cache: the library's walk,
// then every field decoded, database after database.
struct Reference {
  GeoAsn geo;
  uint64_t errors = 0;
  bool not_found = false;
};

Reference referenceLookup(const std::vector<RawDb*>& dbs, const IpAddr& addr) {
  Reference ref;
  bool found_any = false;
  bool have_country = false;
  bool have_asn = false;
  for (RawDb* db : dbs) {
    if (have_country && have_asn) break;
    int error = MMDB_SUCCESS;
    const MMDB_lookup_result_s result = libraryLookup(db->mmdb, addr, error);
    if (error == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR) continue;
    if (error != MMDB_SUCCESS) {
      ++ref.errors;
      continue;
    }
    if (!result.found_entry) continue;
    found_any = true;
    MMDB_entry_s entry = result.entry;
    if (!have_country) {
      const geo::FieldStatus status = geo::readCountry(entry, ref.geo.country);
      if (status == geo::FieldStatus::Error) ++ref.errors;
      have_country = status == geo::FieldStatus::Found;
      if (!have_country) ref.geo.country = kCountryUnknown;
    }
    if (!have_asn) {
      const geo::FieldStatus status = geo::readAsn(entry, ref.geo.asn);
      if (status == geo::FieldStatus::Error) ++ref.errors;
      have_asn = status == geo::FieldStatus::Found;
      if (!have_asn) ref.geo.asn = 0;
    }
  }
  ref.not_found = !found_any;
  return ref;
}

// Every address twice (the second time from the cache when it holds the
// record): answers and counter steps equal the reference's. Returns the
// errors counted.
uint64_t checkAgainstReference(const std::vector<std::string>& paths, const std::vector<IpAddr>& addrs,
                               size_t cache_slots) {
  std::vector<GeoDbSource> sources;
  std::vector<std::unique_ptr<RawDb>> raw;
  std::vector<RawDb*> raw_ptrs;
  for (const std::string& path : paths) {
    sources.push_back({"geo_db", path});
    raw.push_back(std::make_unique<RawDb>(path));
    if (raw.back()->ok) raw_ptrs.push_back(raw.back().get());
  }
  MaxmindGeoAsn::Opened opened = MaxmindGeoAsn::open(sources, {}, cache_slots);
  if (!opened.geo) {
    CHECK(raw_ptrs.empty());
    return 0;
  }
  MaxmindGeoAsn& geo = *opened.geo;
  for (int pass = 0; pass < 2; ++pass) {
    for (const IpAddr& addr : addrs) {
      const GeoLookupStats before = geo.stats();
      const GeoAsn got = geo.lookup(addr);
      const GeoLookupStats after = geo.stats();
      const Reference want = referenceLookup(raw_ptrs, addr);
      const std::string where = addr.toString();
      UNSIGNED_LONGS_EQUAL_TEXT(want.geo.country, got.country, where.c_str());
      UNSIGNED_LONGS_EQUAL_TEXT(want.geo.asn, got.asn, where.c_str());
      UNSIGNED_LONGS_EQUAL_TEXT(want.errors, after.errors - before.errors, where.c_str());
      UNSIGNED_LONGS_EQUAL_TEXT(want.not_found ? 1 : 0, after.not_found - before.not_found, where.c_str());
    }
  }
  return geo.stats().errors;
}

std::string denseCountryCsv(uint32_t count) {
  static const char* kCodes[] = {"US", "DE", "RU", "CN", "JP"};
  std::string csv;
  for (uint32_t i = 0; i < count; ++i) {
    const std::string a = IpAddr::v4(0x2d440000u + 2 * i).toString();
    csv += a + "," + a + "," + kCodes[i % 5] + "\n";
  }
  return csv;
}

std::string denseAsnCsv(uint32_t count) {
  std::string csv;
  for (uint32_t i = 0; i < count; ++i) {
    const std::string a = IpAddr::v4(0x2d440000u + 2 * i).toString();
    csv += a + "," + a + "," + std::to_string(4200000000u + i) + ",Org " + std::to_string(i) + "\n";
  }
  return csv;
}

std::vector<std::vector<uint8_t>> intactDatabases() {
  std::vector<std::vector<uint8_t>> dbs;
  for (unsigned record_size : {24u, 28u, 32u}) {
    mkdb::BuildOptions options;
    options.min_record_size = record_size;
    dbs.push_back(buildDb(kCountryCsv, kAsnCsv, options));
  }
  mkdb::BuildOptions v4_only;
  v4_only.ip_version = 4;
  dbs.push_back(buildDb("1.0.0.0,1.0.0.255,AU\n91.0.0.0,91.63.255.255,DE\n", "1.0.0.0,1.0.255.255,13335,X\n", v4_only));
  dbs.push_back(buildDb(denseCountryCsv(3000), denseAsnCsv(3000)));
  return dbs;
}

std::vector<uint8_t> flipped(const std::vector<uint8_t>& db, uint32_t& state) {
  std::vector<uint8_t> bad = db;
  const uint32_t flips = 1 + (nextRandom(state) >> 8) % 4;
  for (uint32_t i = 0; i < flips; ++i) {
    // Most flips go to the tree and data, where they survive MMDB_open.
    const size_t span = bad.size() * 3 / 4;
    bad[(nextRandom(state) >> 8) % span] = static_cast<uint8_t>(nextRandom(state) >> 24);
  }
  return bad;
}

}  // namespace

TEST_GROUP(GeoFastPath){};

TEST(GeoFastPath, TreeWalkFindsWhatLibmaxminddbFinds) {
  const std::vector<IpAddr> addrs = testAddresses(4000, 1);
  for (const std::vector<uint8_t>& bytes : intactDatabases()) {
    MemFile file(bytes);
    RawDb db(file.path());
    CHECK(db.ok);
    // On an intact database the walk answers every address itself.
    LONGS_EQUAL(0, checkWalk(db.mmdb, addrs));
  }
  // Third-party layouts, when ../shared/interop is there.
  for (const char* name : {"maxmind-test-data-newer/GeoLite2-Country-Test.mmdb",
                           "maxmind-test-data-newer/GeoLite2-ASN-Test.mmdb", "ipinfo-style/ip_country_asn_sample.mmdb",
                           "ipinfo-style/ip_geolocation_sample.mmdb"}) {
    RawDb db(std::string(EDGEFLOW_INTEROP_DIR) + "/mmdb/" + name);
    if (db.ok) LONGS_EQUAL_TEXT(0, checkWalk(db.mmdb, addrs), name);
  }
}

TEST(GeoFastPath, TreeWalkOnFlippedBytesAnswersOnlyWhatTheLibraryWould) {
  const std::vector<uint8_t> db = buildDb(kCountryCsv, kAsnCsv);
  const std::vector<IpAddr> addrs = testAddresses(300, 2);
  MemFile file(db);
  uint32_t state = 99;
  size_t opened = 0;
  size_t unsure = 0;
  for (int round = 0; round < 600; ++round) {
    const std::vector<uint8_t> bad = flipped(db, state);
    file.write(bad.data(), bad.size());
    RawDb raw(file.path());
    if (!raw.ok) continue;
    ++opened;
    unsure += checkWalk(raw.mmdb, addrs);
  }
  CHECK(opened > 300);
  CHECK(unsure > 0);  // some flips make trees the walk leaves to the library
}

TEST(GeoFastPath, CachedLookupsAnswerAndCountAsDecodingEveryTime) {
  const std::vector<IpAddr> addrs = testAddresses(1500, 3);
  for (const std::vector<uint8_t>& bytes : intactDatabases()) {
    MemFile file(bytes);
    for (size_t slots : {size_t{1}, size_t{4}, geo::LabelCache::kDefaultSlots}) {
      LONGS_EQUAL(0, checkAgainstReference({file.path()}, addrs, slots));
    }
  }
}

TEST(GeoFastPath, TwoDatabasesThroughTheCacheStillTakeEachFieldFromTheFirst) {
  MemFile country(buildDb(kCountryCsv, ""));
  MemFile asn(buildDb("1.0.0.0,1.0.255.255,FR\n", kAsnCsv));
  MemFile both(buildDb(kCountryCsv, kAsnCsv));
  const std::vector<IpAddr> addrs = testAddresses(1500, 4);
  for (size_t slots : {size_t{1}, size_t{4}, geo::LabelCache::kDefaultSlots}) {
    checkAgainstReference({country.path(), asn.path()}, addrs, slots);
    checkAgainstReference({asn.path(), both.path()}, addrs, slots);
  }
}

TEST(GeoFastPath, CachedLookupsOnFlippedBytesCountTheSameErrors) {
  const std::vector<uint8_t> db = buildDb(kCountryCsv, kAsnCsv);
  const std::vector<IpAddr> addrs = testAddresses(120, 5);
  MemFile file(db);
  uint32_t state = 7;
  uint64_t errors = 0;
  for (int round = 0; round < 400; ++round) {
    const std::vector<uint8_t> bad = flipped(db, state);
    file.write(bad.data(), bad.size());
    errors += checkAgainstReference({file.path()}, addrs, round % 2 == 0 ? 4 : geo::LabelCache::kDefaultSlots);
  }
  CHECK(errors > 0);  // corrupt records were met, and counted at every lookup
}

TEST(GeoFastPath, RepeatedRecordsAreServedFromTheCache) {
  MemFile file(buildDb(kCountryCsv, kAsnCsv));
  MaxmindGeoAsn::Opened opened = MaxmindGeoAsn::open({{"geo_db", file.path()}});
  CHECK(opened.geo != nullptr);
  UNSIGNED_LONGS_EQUAL(geo::LabelCache::kDefaultSlots * 12, opened.geo->cacheBytes());
  // 1000 addresses in 91.0.0.0/10 share one record.
  for (uint32_t i = 0; i < 1000; ++i) {
    const GeoAsn got = opened.geo->lookup(IpAddr::v4(0x5b000000u + i * 4099));
    STRCMP_EQUAL("DE", unpackCountry(got.country).c_str());
    UNSIGNED_LONGS_EQUAL(3320, got.asn);
  }
  UNSIGNED_LONGS_EQUAL(1, opened.geo->cacheStats().misses);
  UNSIGNED_LONGS_EQUAL(999, opened.geo->cacheStats().hits);
}
