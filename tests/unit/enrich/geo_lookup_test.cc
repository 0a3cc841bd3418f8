// MaxmindGeoAsn against databases built by edgeflow_mkdb: IPv4, IPv6,
// IPv4-mapped and 6to4 addresses, the edges of ranges and one address past
// them, addresses in no range, an IPv4-only database, two databases at once,
// open errors, and the same answers from Debian's mmdblookup.

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "platform/linux/geo/maxmind_geo_asn.h"
#include "tests/unit/enrich/mkdb_test_db.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow;
using namespace edgeflow::enrich;
using edgeflow::enrich::testing::buildDb;
using edgeflow::enrich::testing::TempFile;

namespace {

const char* kCountryCsv =
    "0.0.0.0,0.0.0.255,ZZ\n"
    "1.0.0.0,1.0.0.255,AU\n"
    "1.0.1.0,1.0.3.255,CN\n"
    "10.0.0.5,10.0.0.9,RU\n"
    "175.45.176.0,175.45.179.255,KP\n"
    "255.255.255.0,255.255.255.255,YY\n"
    "2001:db8::,2001:db8::ffff,DE\n"
    "2a00:1450::,2a00:1450:ffff:ffff:ffff:ffff:ffff:ffff,US\n"
    "ffff::,ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff,XX\n";

const char* kAsnCsv =
    "1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n"
    "1.0.2.0,1.0.2.255,4134,Chinanet\n"
    "10.0.0.7,10.0.0.20,64512,Private\n"
    "175.45.176.0,175.45.179.255,131279,Star JV\n"
    "2a00:1450:4000::,2a00:1450:4fff:ffff:ffff:ffff:ffff:ffff,15169,Google LLC\n";

IpAddr ip(const char* text) {
  const std::optional<IpAddr> addr = IpAddr::parse(text);
  CHECK_TEXT(addr.has_value(), text);
  return *addr;
}

struct Want {
  const char* addr;
  const char* country;  // "" = none
  uint32_t asn;
  const char* org;
};

// Every address: its first and last, one below and one above.
const Want kWants[] = {
    {"0.0.0.0", "ZZ", 0, ""},
    {"0.0.0.255", "ZZ", 0, ""},
    {"0.0.1.0", "", 0, ""},
    {"0.255.255.255", "", 0, ""},
    {"1.0.0.0", "AU", 13335, "Cloudflare, Inc."},
    {"1.0.0.255", "AU", 13335, "Cloudflare, Inc."},
    {"1.0.1.0", "CN", 0, ""},
    {"1.0.1.255", "CN", 0, ""},
    {"1.0.2.0", "CN", 4134, "Chinanet"},
    {"1.0.2.255", "CN", 4134, "Chinanet"},
    {"1.0.3.0", "CN", 0, ""},
    {"1.0.3.255", "CN", 0, ""},
    {"1.0.4.0", "", 0, ""},
    {"10.0.0.4", "", 0, ""},
    {"10.0.0.5", "RU", 0, ""},
    {"10.0.0.6", "RU", 0, ""},
    {"10.0.0.7", "RU", 64512, "Private"},
    {"10.0.0.9", "RU", 64512, "Private"},
    {"10.0.0.10", "", 64512, "Private"},
    {"10.0.0.20", "", 64512, "Private"},
    {"10.0.0.21", "", 0, ""},
    {"175.45.175.255", "", 0, ""},
    {"175.45.176.0", "KP", 131279, "Star JV"},
    {"175.45.179.255", "KP", 131279, "Star JV"},
    {"175.45.180.0", "", 0, ""},
    {"255.255.254.255", "", 0, ""},
    {"255.255.255.0", "YY", 0, ""},
    {"255.255.255.255", "YY", 0, ""},
    {"2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "", 0, ""},
    {"2001:db8::", "DE", 0, ""},
    {"2001:db8::ffff", "DE", 0, ""},
    {"2001:db8::1:0", "", 0, ""},
    {"2a00:144f:ffff:ffff:ffff:ffff:ffff:ffff", "", 0, ""},
    {"2a00:1450::", "US", 0, ""},
    {"2a00:1450:3fff:ffff:ffff:ffff:ffff:ffff", "US", 0, ""},
    {"2a00:1450:4000::", "US", 15169, "Google LLC"},
    {"2a00:1450:4fff:ffff:ffff:ffff:ffff:ffff", "US", 15169, "Google LLC"},
    {"2a00:1450:5000::", "US", 0, ""},
    {"2a00:1451::", "", 0, ""},
    {"fffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "", 0, ""},
    {"ffff::", "XX", 0, ""},
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "XX", 0, ""},
    // IPv4 lives at ::/96 in an IPv6 tree, so :: is 0.0.0.0.
    {"::", "ZZ", 0, ""},
    {"::1", "ZZ", 0, ""},
    {"::1:0:0", "", 0, ""},
    // IPv4-mapped and 6to4 answer as IPv4.
    {"::ffff:1.0.2.9", "CN", 4134, "Chinanet"},
    {"::ffff:175.45.179.255", "KP", 131279, "Star JV"},
    {"::ffff:175.45.180.0", "", 0, ""},
    {"2002:af2d:b001::1", "KP", 131279, "Star JV"},
    {"2002:100:0::", "AU", 13335, "Cloudflare, Inc."},
    {"2002:a00:15::", "", 0, ""},
};

std::unique_ptr<MaxmindGeoAsn> openOne(const std::string& path, const char* option = "geo_db") {
  MaxmindGeoAsn::Opened opened = MaxmindGeoAsn::open({{option, path}});
  LONGS_EQUAL(0, opened.errors.size());
  CHECK(opened.geo != nullptr);
  return std::move(opened.geo);
}

void checkWant(MaxmindGeoAsn& geo, const Want& want) {
  const IpAddr addr = ip(want.addr);
  const GeoAsn got = geo.lookup(addr);
  STRCMP_EQUAL_TEXT(want.country, unpackCountry(got.country).c_str(), want.addr);
  UNSIGNED_LONGS_EQUAL_TEXT(want.asn, got.asn, want.addr);
  STRCMP_EQUAL_TEXT(want.org, geo.asOrganization(addr).c_str(), want.addr);
}

// mmdblookup's answer for one address, reduced to "CC asn" ("-" for
// absent, "none" when it finds no entry).
std::string mmdblookup(const std::string& db, const char* addr) {
  const std::string command = std::string(EDGEFLOW_MMDBLOOKUP) + " --file " + db + " --ip " + addr + " 2>&1";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  CHECK(pipe != nullptr);
  std::string out;
  char buffer[512];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  if (out.find("Could not find an entry") != std::string::npos) return "none";
  auto valueAfter = [&](const std::string& key) -> std::string {
    size_t at = out.find("\"" + key + "\":");
    if (at == std::string::npos) return "-";
    at += key.size() + 3;
    while (at < out.size() && (out[at] == ' ' || out[at] == '\n' || out[at] == '"')) ++at;
    size_t end = at;
    while (end < out.size() && out[end] != '"' && out[end] != ' ' && out[end] != '\n') ++end;
    return out.substr(at, end - at);
  };
  return valueAfter("iso_code") + " " + valueAfter("autonomous_system_number");
}

}  // namespace

TEST_GROUP(GeoLookup){};

TEST(GeoLookup, CombinedDatabaseAnswersEveryEdge) {
  TempFile db(buildDb(kCountryCsv, kAsnCsv));
  std::unique_ptr<MaxmindGeoAsn> geo = openOne(db.path());
  LONGS_EQUAL(1, geo->databases().size());
  STRCMP_EQUAL("edgeflow-geo-asn", geo->databases()[0].database_type.c_str());
  LONGS_EQUAL(6, geo->databases()[0].ip_version);
  for (const Want& want : kWants) checkWant(*geo, want);
  const GeoLookupStats stats = geo->stats();
  LONGS_EQUAL(sizeof kWants / sizeof kWants[0], stats.lookups);
  LONGS_EQUAL(0, stats.errors);
  size_t none = 0;
  for (const Want& want : kWants) none += (*want.country == 0 && want.asn == 0) ? 1 : 0;
  LONGS_EQUAL(none, stats.not_found);
}

TEST(GeoLookup, MmdblookupGivesTheSameAnswers) {
  if (std::string(EDGEFLOW_MMDBLOOKUP).empty()) {
    UT_PRINT("mmdblookup not found; skipped");
    return;
  }
  TempFile db(buildDb(kCountryCsv, kAsnCsv));
  for (const Want& want : kWants) {
    std::string expected = "none";
    if (*want.country != 0 || want.asn != 0) {
      expected = std::string(*want.country ? want.country : "-") + " " +
                 (want.asn ? std::to_string(want.asn) : std::string("-"));
    }
    STRCMP_EQUAL_TEXT(expected.c_str(), mmdblookup(db.path(), want.addr).c_str(), want.addr);
  }
}

TEST(GeoLookup, EveryRecordSizeAnswersAlike) {
  for (unsigned bits : {28u, 32u}) {
    mkdb::BuildOptions options;
    options.min_record_size = bits;
    TempFile db(buildDb(kCountryCsv, kAsnCsv, options));
    std::unique_ptr<MaxmindGeoAsn> geo = openOne(db.path());
    for (const Want& want : kWants) checkWant(*geo, want);
    LONGS_EQUAL(0, geo->stats().errors);
  }
}

TEST(GeoLookup, SeparateCountryAndAsnDatabases) {
  TempFile country(buildDb(kCountryCsv, ""));
  TempFile asn(buildDb("", kAsnCsv));
  MaxmindGeoAsn::Opened opened = MaxmindGeoAsn::open({{"geo_db", country.path()}, {"asn_db", asn.path()}});
  LONGS_EQUAL(0, opened.errors.size());
  LONGS_EQUAL(2, opened.geo->databases().size());
  STRCMP_EQUAL("asn_db", opened.geo->databases()[1].option.c_str());
  for (const Want& want : kWants) checkWant(*opened.geo, want);
}

TEST(GeoLookup, TheFirstDatabaseWinsEachField) {
  TempFile first(buildDb("1.0.0.0,1.0.0.255,AU\n", ""));
  TempFile second(buildDb("1.0.0.0,1.0.0.255,NZ\n", "1.0.0.0,1.0.0.255,13335,Cloudflare\n"));
  MaxmindGeoAsn::Opened opened = MaxmindGeoAsn::open({{"geo_db", first.path()}, {"asn_db", second.path()}});
  const GeoAsn got = opened.geo->lookup(ip("1.0.0.7"));
  STRCMP_EQUAL("AU", unpackCountry(got.country).c_str());
  LONGS_EQUAL(13335, got.asn);
  STRCMP_EQUAL("Cloudflare", opened.geo->asOrganization(ip("1.0.0.7")).c_str());
}

TEST(GeoLookup, IPv4OnlyDatabase) {
  mkdb::BuildOptions options;
  options.ip_version = 4;
  TempFile db(buildDb("1.0.0.0,1.0.0.255,AU\n255.255.255.255,255.255.255.255,YY\n",
                      "1.0.0.128,1.0.0.255,13335,Cloudflare\n", options));
  std::unique_ptr<MaxmindGeoAsn> geo = openOne(db.path());
  LONGS_EQUAL(4, geo->databases()[0].ip_version);
  checkWant(*geo, {"1.0.0.0", "AU", 0, ""});
  checkWant(*geo, {"1.0.0.127", "AU", 0, ""});
  checkWant(*geo, {"1.0.0.128", "AU", 13335, "Cloudflare"});
  checkWant(*geo, {"1.0.0.255", "AU", 13335, "Cloudflare"});
  checkWant(*geo, {"1.0.1.0", "", 0, ""});
  checkWant(*geo, {"255.255.255.255", "YY", 0, ""});
  checkWant(*geo, {"::ffff:1.0.0.200", "AU", 13335, "Cloudflare"});
  checkWant(*geo, {"2001:db8::1", "", 0, ""});  // IPv6 in an IPv4 database: not found, no error
  LONGS_EQUAL(0, geo->stats().errors);
  LONGS_EQUAL(2, geo->stats().not_found);  // 1.0.1.0 and the IPv6 address
  if (!std::string(EDGEFLOW_MMDBLOOKUP).empty()) {
    STRCMP_EQUAL("AU 13335", mmdblookup(db.path(), "1.0.0.200").c_str());
  }
}

TEST(GeoLookup, NoAddressIsNotFound) {
  TempFile db(buildDb(kCountryCsv, ""));
  std::unique_ptr<MaxmindGeoAsn> geo = openOne(db.path());
  const GeoAsn got = geo->lookup(IpAddr{});
  LONGS_EQUAL(kCountryUnknown, got.country);
  LONGS_EQUAL(1, geo->stats().not_found);
  STRCMP_EQUAL("", geo->asOrganization(IpAddr{}).c_str());
}

TEST(GeoLookup, OpenErrorsNameTheOptionAndPath) {
  MaxmindGeoAsn::Opened none = MaxmindGeoAsn::open({{"geo_db", "/nonexistent/x.mmdb"}});
  CHECK(none.geo == nullptr);
  LONGS_EQUAL(1, none.errors.size());
  STRCMP_EQUAL(
      "geo_db '/nonexistent/x.mmdb': cannot open: Error opening the specified MaxMind DB file: "
      "No such file or directory",
      none.errors[0].c_str());

  TempFile garbage(std::vector<uint8_t>(100, 0x41));
  TempFile good(buildDb(kCountryCsv, ""));
  MaxmindGeoAsn::Opened some = MaxmindGeoAsn::open({{"geo_db", garbage.path()}, {"asn_db", good.path()}});
  CHECK(some.geo != nullptr);
  LONGS_EQUAL(1, some.errors.size());
  const std::string want =
      "geo_db '" + garbage.path() + "': cannot open: The MaxMind DB file contains invalid metadata";
  STRCMP_EQUAL(want.c_str(), some.errors[0].c_str());
  LONGS_EQUAL(1, some.geo->databases().size());
  STRCMP_EQUAL("AU", unpackCountry(some.geo->lookup(ip("1.0.0.1")).country).c_str());

  MaxmindGeoAsn::Opened nothing = MaxmindGeoAsn::open({});
  CHECK(nothing.geo == nullptr);
  LONGS_EQUAL(0, nothing.errors.size());
}

TEST(GeoLookup, ReloadCarriesTheCounters) {
  TempFile db(buildDb(kCountryCsv, ""));
  std::unique_ptr<MaxmindGeoAsn> geo = openOne(db.path());
  geo->lookup(ip("1.0.0.1"));
  geo->lookup(ip("9.9.9.9"));
  // A new database (edgeflow-mkdb renames it into place), swapped by pointer.
  TempFile next(buildDb("9.9.9.0,9.9.9.255,CH\n", ""));
  MaxmindGeoAsn::Opened reloaded = MaxmindGeoAsn::open({{"geo_db", next.path()}}, geo->stats());
  geo = std::move(reloaded.geo);
  STRCMP_EQUAL("CH", unpackCountry(geo->lookup(ip("9.9.9.9")).country).c_str());
  LONGS_EQUAL(3, geo->stats().lookups);
  LONGS_EQUAL(1, geo->stats().not_found);
}
