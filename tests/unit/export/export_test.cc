#include <string>

#include "agent/export/json_writer.h"
#include "agent/export/report_json.h"
#include "agent/export/report_table.h"

// Last: CppUTest's leak detector redefines `new` for what follows.
#include <CppUTest/TestHarness.h>

using namespace edgeflow;

TEST_GROUP(JsonWriter){};

TEST(JsonWriter, EscapesAndSeparates) {
  exporter::JsonWriter w;
  w.beginObject();
  w.key("a\"b");
  w.value("line\nbreak\\\x01");
  w.key("n");
  w.value(uint64_t{18446744073709551615ull});
  w.key("o");
  w.beginObject();
  w.key("x");
  w.fixed(0.5, 3);
  w.key("y");
  w.value(true);
  w.endObject();
  w.endObject();
  STRCMP_EQUAL("{\"a\\\"b\":\"line\\nbreak\\\\\\u0001\",\"n\":18446744073709551615,\"o\":{\"x\":0.500,\"y\":true}}",
               w.str().c_str());
}

TEST_GROUP(ReportRender) {
  share::Report r;
  void setup() override {
    r.agent_id = "border-1";
    r.first_packet_us = 1767225600000000ull;  // 2026-01-01 00:00:00 UTC
    r.last_packet_us = 1767225605250000ull;
    share::UpstreamShare ttk;
    ttk.id = "ttk";
    ttk.name = "TransTeleCom";
    ttk.asn = 20485;
    ttk.in = {10, 6000, 6140, 2};
    ttk.share_in = 0.6;
    r.upstreams.push_back(ttk);
    r.unknown_upstream.id = "unknown-upstream";
    r.unknown_upstream.name = "unknown-upstream";
    r.non_ip = {1, 0, 60, 0};
    r.input = {11, 0, 6200, 0};
    r.health.decode = {{"decode.non_ip.ethertype", 1}};
  }
};

TEST(ReportRender, JsonHasTheBucketShapeOfTheCountingRules) {
  const std::string json = exporter::reportToJson(r, true);
  CHECK(json.find("\"buckets\":{\"upstreams\":{\"ttk\":{\"in\":{\"packets\":10,\"ip_bytes\":6000,"
                  "\"frame_bytes\":6140,\"flows\":2},\"out\":{\"packets\":0,\"ip_bytes\":0,\"frame_bytes\":0,"
                  "\"flows\":0}}},\"unknown-upstream\":{\"in\":") != std::string::npos);
  CHECK(json.find("\"non-ip\":{\"packets\":1,\"ip_bytes\":0,\"frame_bytes\":60,\"flows\":0}") != std::string::npos);
  CHECK(json.find("\"shares\":{\"ttk\":{\"in\":0.600000,") != std::string::npos);
  CHECK(json.find("\"decode\":{\"decode.non_ip.ethertype\":1}") != std::string::npos);
  CHECK(json.find("\"final\":true") != std::string::npos);
  CHECK(json.find('\n') == std::string::npos);  // one line per report
}

TEST(ReportRender, TableShowsUpstreamsSharesAndConservation) {
  const std::string table = exporter::reportToTable(r, true);
  CHECK(table.find("ttk (TransTeleCom)") != std::string::npos);
  CHECK(table.find("20485") != std::string::npos);
  CHECK(table.find(" 60.0%") != std::string::npos);
  CHECK(table.find("2026-01-01 00:00:00.000 UTC .. 2026-01-01 00:00:05.250 UTC") != std::string::npos);
  CHECK(table.find("(conserved)") != std::string::npos);
  CHECK(table.find("both directions: ttk 0.0%, unknown-upstream 0.0%") != std::string::npos);
  r.input.packets = 12;
  CHECK(exporter::reportToTable(r, true).find("MISMATCH") != std::string::npos);
}

TEST(ReportRender, FormatUtcHandlesLeapYears) {
  STRCMP_EQUAL("2024-02-29 23:59:59.999 UTC", exporter::formatUtc(1709251199999000ull).c_str());
  STRCMP_EQUAL("1970-01-01 00:00:00.000 UTC", exporter::formatUtc(0).c_str());
}
