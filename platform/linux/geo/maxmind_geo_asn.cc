#include "platform/linux/geo/maxmind_geo_asn.h"

#include <arpa/inet.h>
#include <maxminddb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>

#include "platform/linux/geo/mmdb_fields.h"
#include "platform/linux/geo/search_tree.h"

namespace edgeflow::enrich {

struct MaxmindGeoAsn::Db {
  MMDB_s mmdb{};
  bool opened = false;
  std::optional<geo::SearchTree> tree;  // set once mmdb is open
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

void toSockAddr(const IpAddr& addr, bool v4, SockAddr& out) {
  std::memset(&out, 0, sizeof out);
  if (v4) {
    out.v4.sin_family = AF_INET;
    std::memcpy(&out.v4.sin_addr, addr.v4Bytes(), 4);
    return;
  }
  out.v6.sin6_family = AF_INET6;
  std::memcpy(&out.v6.sin6_addr, addr.bytes.data(), 16);
}

geo::Outcome outcomeOf(geo::FieldStatus status) {
  switch (status) {
    case geo::FieldStatus::Found:
      return geo::Outcome::Found;
    case geo::FieldStatus::Absent:
      return geo::Outcome::Absent;
    case geo::FieldStatus::Error:
      break;
  }
  return geo::Outcome::Error;
}

// A cache slot's labels can tell apart at most 254 databases.
constexpr size_t kMaxDatabases = 254;

}  // namespace

MaxmindGeoAsn::Hit MaxmindGeoAsn::find(Db& db, const IpAddr& addr, uint32_t& offset) {
  // IpAddr keeps IPv4 as ::ffff:a.b.c.d; both spellings are looked up as IPv4.
  const bool v4 = addr.family == IpFamily::V4 || isV4Mapped(addr);
  const geo::SearchTree::Walk walk =
      v4 ? db.tree->findV4(addr.v4Bytes(), offset) : db.tree->findV6(addr.bytes.data(), offset);
  if (walk == geo::SearchTree::Walk::Found) return Hit::Found;
  if (walk == geo::SearchTree::Walk::NotFound) return Hit::NotFound;
  return findInLibrary(db, addr, v4, offset);
}

// An ending the fast walk does not judge: libmaxminddb decides.
MaxmindGeoAsn::Hit MaxmindGeoAsn::findInLibrary(Db& db, const IpAddr& addr, bool v4, uint32_t& offset) {
  SockAddr sa;
  toSockAddr(addr, v4, sa);
  int mmdb_error = MMDB_SUCCESS;
  const MMDB_lookup_result_s result = MMDB_lookup_sockaddr(&db.mmdb, &sa.sa, &mmdb_error);
  if (mmdb_error == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR) return Hit::NotFound;
  if (mmdb_error != MMDB_SUCCESS) return Hit::Error;
  if (!result.found_entry) return Hit::NotFound;
  offset = result.entry.offset;
  return Hit::Found;
}

MaxmindGeoAsn::Opened MaxmindGeoAsn::open(const std::vector<GeoDbSource>& sources, const GeoLookupStats& carried,
                                          size_t cache_slots) {
  Opened opened;
  std::unique_ptr<MaxmindGeoAsn> geo(new MaxmindGeoAsn(cache_slots));
  geo->stats_ = carried;
  for (const GeoDbSource& source : sources) {
    if (geo->dbs_.size() == kMaxDatabases) {
      opened.errors.push_back(source.option + " '" + source.path + "': cannot open: more than " +
                              std::to_string(kMaxDatabases) + " databases");
      continue;
    }
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
    db->tree.emplace(db->mmdb);
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

MaxmindGeoAsn::MaxmindGeoAsn(size_t cache_slots) : cache_(cache_slots) {}

MaxmindGeoAsn::~MaxmindGeoAsn() = default;

GeoAsn MaxmindGeoAsn::lookup(const IpAddr& addr) {
  ++stats_.lookups;
  GeoAsn out;
  if (addr.family == IpFamily::None) {
    ++stats_.not_found;
    return out;
  }
  bool found_any = false;
  bool have_country = false;
  bool have_asn = false;
  for (size_t i = 0; i < dbs_.size(); ++i) {
    if (have_country && have_asn) break;
    Db& db = *dbs_[i];
    uint32_t offset = 0;
    const Hit hit = find(db, addr, offset);
    if (hit == Hit::Error) ++stats_.errors;
    if (hit != Hit::Found) continue;
    found_any = true;
    // A field is decoded the first time its record is met; the outcome,
    // an error included, is replayed from the cache after that.
    geo::LabelSlot& slot = cache_.slot(i, offset);
    MMDB_entry_s entry{&db.mmdb, offset};
    if (!have_country) {
      if (slot.countryOutcome() == geo::Outcome::Unread) {
        CountryCode country = kCountryUnknown;
        const geo::Outcome outcome = outcomeOf(geo::readCountry(entry, country));
        slot.setCountry(outcome, country);
      }
      if (slot.countryOutcome() == geo::Outcome::Error) ++stats_.errors;
      have_country = slot.countryOutcome() == geo::Outcome::Found;
      out.country = have_country ? slot.country : kCountryUnknown;
    }
    if (!have_asn) {
      if (slot.asnOutcome() == geo::Outcome::Unread) {
        uint32_t asn = 0;
        const geo::Outcome outcome = outcomeOf(geo::readAsn(entry, asn));
        slot.setAsn(outcome, asn);
      }
      if (slot.asnOutcome() == geo::Outcome::Error) ++stats_.errors;
      have_asn = slot.asnOutcome() == geo::Outcome::Found;
      out.asn = have_asn ? slot.asn : 0;
    }
  }
  if (!found_any) ++stats_.not_found;
  return out;
}

std::string MaxmindGeoAsn::asOrganization(const IpAddr& addr) {
  if (addr.family == IpFamily::None) return {};
  for (const std::unique_ptr<Db>& db : dbs_) {
    uint32_t offset = 0;
    const Hit hit = find(*db, addr, offset);
    if (hit == Hit::Error) ++stats_.errors;
    if (hit != Hit::Found) continue;
    MMDB_entry_s entry{&db->mmdb, offset};
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
