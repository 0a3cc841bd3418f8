// geo_cost: the instruction cost of MaxmindGeoAsn::lookup() on addresses
// it finds and on addresses it does not, and the label cache's hit rate.
//
//   geo_cost DB.mmdb [--count N] [--in PREFIX] [--seed S] [--slots N]
//
// Draws N random IPv4 addresses (uniform in PREFIX, default 0.0.0.0/0),
// sorts them into found and not found with one MaxmindGeoAsn, then looks
// each group up with a fresh one, in lookupFound() and lookupNotFound().
// Under callgrind, the inclusive cost of those two divided by the counts
// printed is the cost of one lookup:
//
//   valgrind --tool=callgrind --callgrind-out-file=cg.out geo_cost f.mmdb
//   callgrind_annotate --inclusive=yes cg.out | grep lookup
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/linux/geo/maxmind_geo_asn.h"

using edgeflow::IpAddr;
using edgeflow::IpFamily;
using edgeflow::IpPrefix;
using edgeflow::enrich::GeoAsn;
using edgeflow::enrich::MaxmindGeoAsn;

namespace {

uint64_t nextRandom(uint64_t& state) {  // splitmix64
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Keeps the answers alive so that no lookup is optimised away.
uint64_t g_sink = 0;

[[gnu::noinline]] void lookupFound(MaxmindGeoAsn& geo, const std::vector<IpAddr>& addrs) {
  for (const IpAddr& addr : addrs) {
    const GeoAsn got = geo.lookup(addr);
    g_sink += got.asn + got.country;
  }
}

// Not folded into lookupFound() by the compiler: the sink differs.
[[gnu::noinline]] void lookupNotFound(MaxmindGeoAsn& geo, const std::vector<IpAddr>& addrs) {
  for (const IpAddr& addr : addrs) {
    const GeoAsn got = geo.lookup(addr);
    g_sink ^= got.asn + got.country;
  }
}

std::unique_ptr<MaxmindGeoAsn> openDb(const std::string& path, size_t slots) {
  MaxmindGeoAsn::Opened opened = MaxmindGeoAsn::open({{"geo_db", path}}, {}, slots);
  for (const std::string& error : opened.errors) std::fprintf(stderr, "geo_cost: %s\n", error.c_str());
  if (!opened.geo) std::exit(1);
  return std::move(opened.geo);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: geo_cost DB.mmdb [--count N] [--in PREFIX] [--seed S] [--slots N]\n");
    return 2;
  }
  const std::string db = argv[1];
  uint64_t count = 100000;
  uint64_t seed = 1;
  size_t slots = edgeflow::enrich::geo::LabelCache::kDefaultSlots;
  IpPrefix within = *IpPrefix::parse("0.0.0.0/0");
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--count") {
      count = std::strtoull(value, nullptr, 10);
    } else if (flag == "--seed") {
      seed = std::strtoull(value, nullptr, 10);
    } else if (flag == "--slots") {
      slots = std::strtoull(value, nullptr, 10);
    } else if (flag == "--in") {
      const std::optional<IpPrefix> p = IpPrefix::parse(value);
      if (!p || p->addr.family != IpFamily::V4) {
        std::fprintf(stderr, "geo_cost: --in takes an IPv4 prefix\n");
        return 2;
      }
      within = *p;
    } else {
      std::fprintf(stderr, "geo_cost: unknown option %s\n", flag.c_str());
      return 2;
    }
  }

  std::vector<IpAddr> found;
  std::vector<IpAddr> not_found;
  {
    std::unique_ptr<MaxmindGeoAsn> sorter = openDb(db, slots);
    const uint32_t base = within.addr.v4HostOrder();
    const uint32_t host_mask = within.len == 0 ? 0xffffffffu : (within.len >= 32 ? 0u : (1u << (32 - within.len)) - 1);
    for (uint64_t i = 0; i < count; ++i) {
      const IpAddr addr = IpAddr::v4(base | (static_cast<uint32_t>(nextRandom(seed)) & host_mask));
      const uint64_t before = sorter->stats().not_found;
      sorter->lookup(addr);
      (sorter->stats().not_found == before ? found : not_found).push_back(addr);
    }
  }

  std::unique_ptr<MaxmindGeoAsn> geo = openDb(db, slots);
  lookupFound(*geo, found);
  const edgeflow::enrich::geo::LabelCacheStats cache = geo->cacheStats();
  lookupNotFound(*geo, not_found);
  const uint64_t probes = cache.hits + cache.misses;
  std::printf("addresses %llu in %s: found %zu, not found %zu\n", static_cast<unsigned long long>(count),
              within.toString().c_str(), found.size(), not_found.size());
  std::printf("label cache %zu bytes: %llu hits, %llu misses, hit rate %.1f%%\n", geo->cacheBytes(),
              static_cast<unsigned long long>(cache.hits), static_cast<unsigned long long>(cache.misses),
              probes == 0 ? 0.0 : 100.0 * static_cast<double>(cache.hits) / static_cast<double>(probes));
  std::printf("errors %llu (checksum %llu)\n", static_cast<unsigned long long>(geo->stats().errors),
              static_cast<unsigned long long>(g_sink));
  return 0;
}
