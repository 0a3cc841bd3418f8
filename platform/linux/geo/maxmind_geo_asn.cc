#include "platform/linux/geo/maxmind_geo_asn.h"

#include <arpa/inet.h>
#include <maxminddb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "platform/linux/geo/mmdb_fields.h"

namespace edgeflow::enrich {

struct MaxmindGeoAsn::Db {
  MMDB_s mmdb{};
  bool opened = false;
  ~Db() {
    if (opened) MMDB_close(&mmdb);
  }
};

namespace {

bool isV4Mapped(const IpAddr& addr) {
  static constexpr uint8_t kPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return std::memcmp(addr.bytes.data(), kPrefix, sizeof kPrefix) == 0;
}

// The address as a sockaddr: IPv4 (also for ::ffff:a.b.c.d) or IPv6.
union SockAddr {
  sockaddr sa;
  sockaddr_in v4;
  sockaddr_in6 v6;
};

bool toSockAddr(const IpAddr& addr, SockAddr& out) {
  std::memset(&out, 0, sizeof out);
  if (addr.family == IpFamily::None) return false;
  if (addr.family == IpFamily::V4 || isV4Mapped(addr)) {
    out.v4.sin_family = AF_INET;
    std::memcpy(&out.v4.sin_addr, addr.v4Bytes(), 4);
    return true;
  }
  out.v6.sin6_family = AF_INET6;
  std::memcpy(&out.v6.sin6_addr, addr.bytes.data(), 16);
  return true;
}

enum class Hit : uint8_t { Found, NotFound, Error };

Hit find(MMDB_s& mmdb, const SockAddr& addr, MMDB_entry_s& entry) {
  int mmdb_error = MMDB_SUCCESS;
  const MMDB_lookup_result_s result = MMDB_lookup_sockaddr(&mmdb, &addr.sa, &mmdb_error);
  if (mmdb_error == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR) return Hit::NotFound;
  if (mmdb_error != MMDB_SUCCESS) return Hit::Error;
  if (!result.found_entry) return Hit::NotFound;
  entry = result.entry;
  return Hit::Found;
}

}  // namespace

MaxmindGeoAsn::Opened MaxmindGeoAsn::open(const std::vector<GeoDbSource>& sources, const GeoLookupStats& carried) {
  Opened opened;
  std::unique_ptr<MaxmindGeoAsn> geo(new MaxmindGeoAsn());
  geo->stats_ = carried;
  for (const GeoDbSource& source : sources) {
    auto db = std::make_unique<Db>();
    errno = 0;
    const int status = MMDB_open(source.path.c_str(), MMDB_MODE_MMAP, &db->mmdb);
    if (status != MMDB_SUCCESS) {
      const int saved_errno = errno;
      std::string message = source.option + " '" + source.path + "': cannot open: " + MMDB_strerror(status);
      if ((status == MMDB_FILE_OPEN_ERROR || status == MMDB_IO_ERROR) && saved_errno != 0) {
        message += std::string(": ") + std::strerror(saved_errno);
      }
      opened.errors.push_back(std::move(message));
      continue;  // MMDB_open released what it took
    }
    db->opened = true;
    GeoDbInfo info;
    info.option = source.option;
    info.path = source.path;
    if (db->mmdb.metadata.database_type) info.database_type = db->mmdb.metadata.database_type;
    info.build_epoch = db->mmdb.metadata.build_epoch;
    info.node_count = db->mmdb.metadata.node_count;
    info.ip_version = db->mmdb.metadata.ip_version;
    geo->infos_.push_back(std::move(info));
    geo->dbs_.push_back(std::move(db));
  }
  if (!geo->dbs_.empty()) opened.geo = std::move(geo);
  return opened;
}

MaxmindGeoAsn::~MaxmindGeoAsn() = default;

GeoAsn MaxmindGeoAsn::lookup(const IpAddr& addr) {
  ++stats_.lookups;
  GeoAsn out;
  SockAddr sa;
  if (!toSockAddr(addr, sa)) {
    ++stats_.not_found;
    return out;
  }
  bool found_any = false;
  bool have_country = false;
  bool have_asn = false;
  for (const std::unique_ptr<Db>& db : dbs_) {
    if (have_country && have_asn) break;
    MMDB_entry_s entry;
    const Hit hit = find(db->mmdb, sa, entry);
    if (hit == Hit::Error) ++stats_.errors;
    if (hit != Hit::Found) continue;
    found_any = true;
    if (!have_country) {
      const geo::FieldStatus status = geo::readCountry(entry, out.country);
      if (status == geo::FieldStatus::Error) ++stats_.errors;
      have_country = status == geo::FieldStatus::Found;
      if (!have_country) out.country = kCountryUnknown;
    }
    if (!have_asn) {
      const geo::FieldStatus status = geo::readAsn(entry, out.asn);
      if (status == geo::FieldStatus::Error) ++stats_.errors;
      have_asn = status == geo::FieldStatus::Found;
      if (!have_asn) out.asn = 0;
    }
  }
  if (!found_any) ++stats_.not_found;
  return out;
}

std::string MaxmindGeoAsn::asOrganization(const IpAddr& addr) {
  SockAddr sa;
  if (!toSockAddr(addr, sa)) return {};
  for (const std::unique_ptr<Db>& db : dbs_) {
    MMDB_entry_s entry;
    const Hit hit = find(db->mmdb, sa, entry);
    if (hit == Hit::Error) ++stats_.errors;
    if (hit != Hit::Found) continue;
    uint32_t asn = 0;
    const geo::FieldStatus asn_status = geo::readAsn(entry, asn);
    if (asn_status == geo::FieldStatus::Error) ++stats_.errors;
    if (asn_status != geo::FieldStatus::Found) continue;
    // The organisation comes from the database that gave the ASN.
    std::string org;
    if (geo::readOrganization(entry, org) == geo::FieldStatus::Error) ++stats_.errors;
    return org;
  }
  return {};
}

}  // namespace edgeflow::enrich
