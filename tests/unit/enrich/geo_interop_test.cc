// Third-party databases (../shared/interop/mmdb, read at run time, never
// copied here): MaxMind's GeoLite2 test databases and IPinfo-schema samples
// answer as expected/mmdb-truth.tsv says. Without the directory the test
// says so and passes.

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "platform/linux/geo/maxmind_geo_asn.h"
#include "platform/linux/geo/mmdb_fields.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow;
using namespace edgeflow::enrich;

TEST_GROUP(GeoInterop){};

TEST(GeoInterop, ThirdPartyDatabasesMatchTheTruthTable) {
  const std::string root = EDGEFLOW_INTEROP_DIR;
  std::ifstream truth(root + "/expected/mmdb-truth.tsv");
  if (!truth) {
    UT_PRINT("interop directory not found; skipped");
    return;
  }
  std::string line;
  int checked = 0;
  while (std::getline(truth, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) f.push_back(field);
    if (f.size() < 8) continue;
    const std::string& db = f[0];
    MaxmindGeoAsn::Opened opened = MaxmindGeoAsn::open({{"geo_db", root + "/mmdb/" + db}});
    CHECK_TEXT(opened.geo != nullptr, db.c_str());
    const IpAddr addr = *IpAddr::parse(f[1]);
    const GeoAsn got = opened.geo->lookup(addr);
    const std::string where = db + " " + f[1];
    const std::string want_country = f[2] != "-" ? f[2] : "";
    STRCMP_EQUAL_TEXT(want_country.c_str(), unpackCountry(got.country).c_str(), where.c_str());
    uint32_t want_asn = 0;
    if (f[4] != "-") CHECK(geo::parseAsnText(f[4].data(), static_cast<uint32_t>(f[4].size()), want_asn));
    UNSIGNED_LONGS_EQUAL_TEXT(want_asn, got.asn, where.c_str());
    if (want_asn != 0) {
      const std::string want_org = f[5] != "-" ? f[5] : "";
      STRCMP_EQUAL_TEXT(want_org.c_str(), opened.geo->asOrganization(addr).c_str(), where.c_str());
    }
    LONGS_EQUAL_TEXT(f[7] == "NOTFOUND" ? 1 : 0, opened.geo->stats().not_found, where.c_str());
    LONGS_EQUAL(0, opened.geo->stats().errors);
    ++checked;
  }
  CHECK(checked >= 10);
}
