// CSV range files for edgeflow-mkdb: the accepted forms, and every rejected
// line named by file:line.

#include <string>

#include "agent/enrich/mkdb/csv_ranges.h"

#include <CppUTest/TestHarness.h>

using edgeflow::enrich::mkdb::CsvFile;
using edgeflow::enrich::mkdb::CsvKind;
using edgeflow::enrich::mkdb::keyToString;
using edgeflow::enrich::mkdb::parseCsvRanges;
using edgeflow::enrich::mkdb::U128;

namespace {

std::string countryError(const std::string& text) {
  CsvFile file;
  return parseCsvRanges(text, "c.csv", CsvKind::Country, file);
}

std::string asnError(const std::string& text) {
  CsvFile file;
  return parseCsvRanges(text, "a.csv", CsvKind::Asn, file);
}

}  // namespace

TEST_GROUP(MkdbCsv){};

TEST(MkdbCsv, ReadsCountryLinesOfBothFamilies) {
  CsvFile file;
  STRCMP_EQUAL(
      "",
      parseCsvRanges("1.0.0.0,1.0.0.255,AU\n2001:db8::,2001:db8::ffff,de\n", "c.csv", CsvKind::Country, file).c_str());
  LONGS_EQUAL(2, file.ranges.size());
  CHECK(file.ranges[0].v4);
  CHECK(file.ranges[0].first == U128::fromV4(0x01000000));
  CHECK(file.ranges[0].last == U128::fromV4(0x010000ff));
  STRCMP_EQUAL("AU", file.ranges[0].country.c_str());
  LONGS_EQUAL(1, file.ranges[0].line);
  CHECK_FALSE(file.ranges[1].v4);
  STRCMP_EQUAL("DE", file.ranges[1].country.c_str());  // stored upper case
  STRCMP_EQUAL("2001:db8::ffff", keyToString(file.ranges[1].last, false).c_str());
}

TEST(MkdbCsv, ReadsAsnLinesWithQuotedOrganisations) {
  CsvFile file;
  const std::string text =
      "ip_range_start,ip_range_end,autonomous_system_number,autonomous_system_organization\r\n"
      "# comment\r\n"
      "\r\n"
      "1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\r\n"
      "8.8.8.0, 8.8.8.255 ,AS15169,\"Google \"\"LLC\"\"\"\r\n"
      "9.9.9.0,9.9.9.255,19281,\r\n";
  STRCMP_EQUAL("", parseCsvRanges(text, "a.csv", CsvKind::Asn, file).c_str());
  LONGS_EQUAL(3, file.ranges.size());
  LONGS_EQUAL(13335, file.ranges[0].asn);
  STRCMP_EQUAL("Cloudflare, Inc.", file.ranges[0].org.c_str());
  LONGS_EQUAL(4, file.ranges[0].line);
  LONGS_EQUAL(15169, file.ranges[1].asn);
  STRCMP_EQUAL("Google \"LLC\"", file.ranges[1].org.c_str());
  STRCMP_EQUAL("", file.ranges[2].org.c_str());
  LONGS_EQUAL(4294967295u, [] {
    CsvFile f;
    parseCsvRanges("1.1.1.1,1.1.1.1,4294967295,x", "a.csv", CsvKind::Asn, f);
    return f.ranges.at(0).asn;
  }());
}

TEST(MkdbCsv, SortsRangesGivenOutOfOrder) {
  CsvFile file;
  STRCMP_EQUAL("", parseCsvRanges("2.0.0.0,2.0.0.9,FR\n1.0.0.0,1.0.0.9,AU\n", "c.csv", CsvKind::Country, file).c_str());
  STRCMP_EQUAL("AU", file.ranges[0].country.c_str());
  LONGS_EQUAL(2, file.ranges[0].line);
}

TEST(MkdbCsv, BadLinesNameFileAndLine) {
  STRCMP_EQUAL("c.csv:2: '1.0.0.256' is not an IPv4 or IPv6 address",
               countryError("1.0.0.0,1.0.0.9,AU\n1.0.0.256,1.0.1.0,AU\n").c_str());
  STRCMP_EQUAL("c.csv:1: start 1.0.0.9 is after end 1.0.0.0", countryError("1.0.0.9,1.0.0.0,AU\n").c_str());
  STRCMP_EQUAL("c.csv:1: '1.0.0.0' and '::1' are of different address families",
               countryError("1.0.0.0,::1,AU\n").c_str());
  STRCMP_EQUAL("c.csv:1: country 'AUS' is not a two-letter ISO 3166 code",
               countryError("1.0.0.0,1.0.0.9,AUS\n").c_str());
  STRCMP_EQUAL("c.csv:1: country '1A' is not a two-letter ISO 3166 code", countryError("1.0.0.0,1.0.0.9,1A\n").c_str());
  STRCMP_EQUAL("c.csv:1: 4 fields, expected 3 (start,end,country)", countryError("1.0.0.0,1.0.0.9,AU,x\n").c_str());
  STRCMP_EQUAL("a.csv:1: 3 fields, expected 4 (start,end,asn,organisation)",
               asnError("1.0.0.0,1.0.0.9,13335\n").c_str());
  STRCMP_EQUAL("a.csv:1: ASN '4294967296' is not a 32-bit decimal number",
               asnError("1.0.0.0,1.0.0.9,4294967296,x\n").c_str());
  STRCMP_EQUAL("a.csv:1: ASN 'ASX' is not a 32-bit decimal number", asnError("1.0.0.0,1.0.0.9,ASX,x\n").c_str());
  STRCMP_EQUAL("a.csv:1: unterminated quoted field", asnError("1.0.0.0,1.0.0.9,1,\"x\n").c_str());
  STRCMP_EQUAL("a.csv:1: unexpected text after a quoted field", asnError("1.0.0.0,1.0.0.9,1,\"x\"y\n").c_str());
  STRCMP_EQUAL("c.csv:2: '' is not an IPv4 or IPv6 address", countryError("1.0.0.0,1.0.0.9,AU\n,,AU\n").c_str());
}

TEST(MkdbCsv, HeaderOnlyOnTheFirstDataLine) {
  STRCMP_EQUAL("", countryError("start,end,country\n1.0.0.0,1.0.0.9,AU\n").c_str());
  STRCMP_EQUAL("c.csv:2: 'start' is not an IPv4 or IPv6 address",
               countryError("1.0.0.0,1.0.0.9,AU\nstart,end,country\n").c_str());
}

TEST(MkdbCsv, OverlapsAreRejectedNamingBothLines) {
  STRCMP_EQUAL("c.csv:3: range 1.0.0.5-1.0.0.20 overlaps the range at line 1",
               countryError("1.0.0.0,1.0.0.9,AU\n2.0.0.0,2.0.0.0,FR\n1.0.0.5,1.0.0.20,AU\n").c_str());
  // Out of file order: the later line is the one reported.
  STRCMP_EQUAL("c.csv:2: range 1.0.0.0-1.0.0.9 overlaps the range at line 1",
               countryError("1.0.0.9,1.0.0.9,AU\n1.0.0.0,1.0.0.9,AU\n").c_str());
  STRCMP_EQUAL("", countryError("1.0.0.0,1.0.0.9,AU\n1.0.0.10,1.0.0.20,AU\n").c_str());
}
