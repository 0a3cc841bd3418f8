// MaxmindGeoAsn: GeoLookup on MaxMind-format databases (libmaxminddb).
//
// One object holds one or more opened databases (memory-mapped) and never
// changes them: to reload, open a new object and swap the pointer, passing
// the old object's stats() so that counters continue.
//
// Per address, each database is asked in order and the first database that
// has a field wins that field:
//   country  `country.iso_code` (GeoLite2, DB-IP), `country` as a string
//            (IPinfo), `country_code` (ip-location-db), and last
//            `registered_country.iso_code` (GeoLite2 entries without a
//            located country)
//   ASN      `autonomous_system_number` (GeoLite2-ASN, DB-IP, ip-location-db)
//            or `asn` (IPinfo); an unsigned integer or a string such as
//            "AS15169" or "15169"
//   org      `autonomous_system_organization` or `as_name`, from the
//            database that gave the ASN
// IPv4 addresses (and IPv4-mapped IPv6 ones, ::ffff:a.b.c.d) are looked up
// as IPv4, which is right for ip_version 4 databases and for IPv6 ones
// whether or not they alias ::ffff:0:0/96. An IPv6 address asked of an
// IPv4-only database is simply not found there.
//
// Corrupt data never crashes: every libmaxminddb error is counted in
// stats().errors and the field is treated as unknown. A value of the wrong
// type (a path that does not match the data) is just an absent field.
//
// Cost: lookup() is called for every new flow, floods of spoofed sources
// included. The search tree is walked inline (geo::SearchTree, 4 KiB of
// tables per database, falling back to libmaxminddb for anything unusual)
// and the decoded labels of each data record are kept in a fixed 24 KiB
// cache (geo::LabelCache), so a record is decoded only when it is first
// met or was evicted. Answers and counters are the same as decoding every
// time. A reload builds a new object, and with it an empty cache.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "agent/enrich/geo_lookup.h"
#include "platform/linux/geo/label_cache.h"

namespace edgeflow::enrich {

// A database to open: `option` names where it came from in messages
// ("geo_db", "asn_db").
struct GeoDbSource {
  std::string option;
  std::string path;
};

// What an opened database says about itself (for the start-up log line).
struct GeoDbInfo {
  std::string option;
  std::string path;
  std::string database_type;  // metadata database_type, e.g. "GeoLite2-Country"
  uint64_t build_epoch = 0;
  uint32_t node_count = 0;
  uint16_t ip_version = 0;
};

class MaxmindGeoAsn final : public GeoLookup {
 public:
  struct Opened {
    std::unique_ptr<MaxmindGeoAsn> geo;  // nullptr when no database opened
    // One message per database that failed, e.g.
    // "geo_db '/x.mmdb': cannot open: Error opening the specified MaxMind DB file: No such file or directory".
    std::vector<std::string> errors;
  };

  // Opens every source (MMDB_MODE_MMAP), in order; the ones that open are
  // used, the others reported in `errors`. `carried` seeds the counters
  // (pass the replaced object's stats() on reload). `cache_slots` sizes the
  // label cache (12 bytes a slot, rounded up to a power of two); answers do
  // not depend on it.
  static Opened open(const std::vector<GeoDbSource>& sources, const GeoLookupStats& carried = {},
                     size_t cache_slots = geo::LabelCache::kDefaultSlots);

  ~MaxmindGeoAsn() override;
  MaxmindGeoAsn(const MaxmindGeoAsn&) = delete;
  MaxmindGeoAsn& operator=(const MaxmindGeoAsn&) = delete;

  GeoAsn lookup(const IpAddr& addr) override;
  std::string asOrganization(const IpAddr& addr) override;
  GeoLookupStats stats() const override { return stats_; }

  const std::vector<GeoDbInfo>& databases() const { return infos_; }
  // Hits and misses of the label cache (for benchmarks).
  const geo::LabelCacheStats& cacheStats() const { return cache_.stats(); }
  size_t cacheBytes() const { return cache_.bytes(); }

 private:
  struct Db;
  enum class Hit : uint8_t { Found, NotFound, Error };
  explicit MaxmindGeoAsn(size_t cache_slots);
  // Finds `addr` in database `db`; on Found, `offset` is its data record.
  Hit find(Db& db, const IpAddr& addr, uint32_t& offset);
  static Hit findInLibrary(Db& db, const IpAddr& addr, bool v4, uint32_t& offset);

  std::vector<std::unique_ptr<Db>> dbs_;
  std::vector<GeoDbInfo> infos_;
  GeoLookupStats stats_;
  geo::LabelCache cache_;
};

}  // namespace edgeflow::enrich
