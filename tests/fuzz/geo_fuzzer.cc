// Fuzz target for MaxmindGeoAsn's use path: any bytes as a database file
// (written to a memfd, opened through /proc/self/fd), then the lookups the
// agent makes: IPv4, IPv6, IPv4-mapped and 6to4 addresses, some taken from
// the input itself, and the organisation. Opening may fail; nothing may
// crash, and a refusal must name the option and the path.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "platform/linux/geo/maxmind_geo_asn.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

void probe(edgeflow::enrich::MaxmindGeoAsn& geo, const edgeflow::IpAddr& addr) {
  const edgeflow::enrich::GeoAsn got = geo.lookup(addr);
  (void)got;
  const std::string org = geo.asOrganization(addr);
  (void)org;
}

}  // namespace

// libmaxminddb before 1.12 leaks the metadata decoding pool when MMDB_open
// rejects corrupt metadata (upstream PR maxmind/libmaxminddb#356); Debian
// 12 ships 1.7.1. Leaks inside the library are suppressed, ours are not.
extern "C" const char* __lsan_default_suppressions() { return "leak:libmaxminddb.so\n"; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int fd = memfd_create("geo_fuzzer", 0);
  if (fd < 0) return 0;
  size_t written = 0;
  while (written < size) {
    const ssize_t n = write(fd, data + written, size - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  edgeflow::enrich::MaxmindGeoAsn::Opened opened = edgeflow::enrich::MaxmindGeoAsn::open({{"geo_db", path}});
  if (!opened.geo) {
    require(opened.errors.size() == 1);
    require(opened.errors[0].rfind("geo_db '" + path + "': cannot open: ", 0) == 0);
  } else {
    require(opened.errors.empty());
    edgeflow::enrich::MaxmindGeoAsn& geo = *opened.geo;
    for (const char* text :
         {"1.0.0.1", "1.0.0.200", "8.8.8.8", "0.0.0.0", "255.255.255.255", "::ffff:1.0.0.1",
          "2002:100:1::", "2001:db8::5", "2a00:1450:4001::1", "::", "::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}) {
      probe(geo, *edgeflow::IpAddr::parse(text));
    }
    // Addresses from the input, so the fuzzer can steer into the tree.
    for (size_t at = 0; at + 16 <= size && at < 64; at += 16) {
      probe(geo, edgeflow::IpAddr::v6(data + at));
      probe(geo, edgeflow::IpAddr::v4(data + at));
    }
    const edgeflow::enrich::GeoLookupStats stats = geo.stats();
    require(stats.not_found <= stats.lookups);
  }
  close(fd);
  return 0;
}
