// GeoLookup: the remote end's country and AS, from MaxMind-format databases.
//
// The interface lives in the core so that the pipeline and its tests do not
// depend on libmaxminddb; MaxmindGeoAsn (maxmind_geo_asn.h, built with
// EDGEFLOW_WITH_MAXMINDDB) implements it.
#pragma once

#include <string>

#include "agent/common/ip_addr.h"
#include "agent/enrich/labels.h"

namespace edgeflow::enrich {

struct GeoAsn {
  CountryCode country = kCountryUnknown;
  uint32_t asn = 0;
};

struct GeoLookupStats {
  uint64_t lookups = 0;
  uint64_t not_found = 0;  // the address is in no range of any database
  uint64_t errors = 0;     // a database answered with an error (corrupt data)
};

class GeoLookup {
 public:
  virtual ~GeoLookup() = default;

  // Country and AS of `addr` (zeros for what no database knows). Called once
  // per new flow, with the remote address.
  virtual GeoAsn lookup(const IpAddr& addr) = 0;

  // The AS organisation of `addr` ("" when not known). Called rarely: when a
  // new ASN row enters a breakdown.
  virtual std::string asOrganization(const IpAddr& addr) = 0;

  virtual GeoLookupStats stats() const = 0;
};

}  // namespace edgeflow::enrich
