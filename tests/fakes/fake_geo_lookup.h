// FakeGeoLookup: a GeoLookup over a table a test fills.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "agent/enrich/geo_lookup.h"

namespace edgeflow::fakes {

class FakeGeoLookup final : public enrich::GeoLookup {
 public:
  // `addr` (text) is in country `iso` and AS `asn` of organisation `org`.
  void add(const std::string& addr, std::string_view iso, uint32_t asn, std::string org) {
    entries_[addr] = {enrich::GeoAsn{enrich::packCountry(iso), asn}, std::move(org)};
  }

  enrich::GeoAsn lookup(const IpAddr& addr) override {
    ++stats_.lookups;
    const auto it = entries_.find(addr.toString());
    if (it == entries_.end()) {
      ++stats_.not_found;
      return {};
    }
    return it->second.first;
  }

  std::string asOrganization(const IpAddr& addr) override {
    ++org_lookups;
    last_org_addr = addr;
    const auto it = entries_.find(addr.toString());
    return it == entries_.end() ? std::string() : it->second.second;
  }

  enrich::GeoLookupStats stats() const override { return stats_; }
  enrich::GeoLookupStats& mutableStats() { return stats_; }

  uint32_t org_lookups = 0;
  IpAddr last_org_addr;

 private:
  std::map<std::string, std::pair<enrich::GeoAsn, std::string>> entries_;
  enrich::GeoLookupStats stats_;
};

}  // namespace edgeflow::fakes
