// The breakdowns in every rendering, pinned: the JSON shape is a contract
// with the generator's truth (docs/counting.md), the Prometheus names with
// dashboards (docs/collector.md), the table with operators' eyes.
#include <string>

#include "agent/export/prometheus_text.h"
#include "agent/export/report_json.h"
#include "agent/export/report_table.h"

// Last: CppUTest's leak detector redefines `new` for what follows.
#include <CppUTest/TestHarness.h>

using namespace edgeflow;
using share::BreakdownRow;

namespace {

// The section of `text` from the line starting with `from` up to (not
// including) the line starting with `to`.
std::string section(const std::string& text, const std::string& from, const std::string& to) {
  const size_t a = text.find(from);
  const size_t b = text.find(to, a);
  if (a == std::string::npos || b == std::string::npos) return "<missing: " + from + " .. " + to + ">";
  return text.substr(a, b - a);
}

share::Report breakdownReport() {
  share::Report r;
  r.agent_id = "border-1";
  r.first_packet_us = 1767225600000000ull;
  r.last_packet_us = 1767225605250000ull;
  r.has_country = r.has_asn = r.has_app = true;
  share::UpstreamShare ttk;
  ttk.id = "ttk";
  ttk.name = "TransTeleCom";
  ttk.asn = 20485;
  ttk.in = {10, 6000, 6140, 3};
  ttk.out = {4, 300, 356, 2};
  ttk.share_in = 6000.0 / 6100.0;
  ttk.share_out = 1.0;
  ttk.in_breakdowns.country = {{"RU", "", {6, 3672, 3756, 1}},
                               {"US", "", {2, 1200, 1228, 1}},
                               {"unknown", "", {1, 600, 614, 1}},
                               {"other", "", {1, 528, 542, 0}}};
  ttk.in_breakdowns.asn = {{"13238", "YANDEX", {6, 3672, 3756, 1}},
                           {"15169", "GOOGLE", {2, 1200, 1228, 1}},
                           {"unknown", "", {2, 1128, 1156, 1}}};
  ttk.in_breakdowns.app = {{"YouTube", "Media", {6, 3672, 3756, 1}},
                           {"DNS", "Network", {2, 1200, 1228, 1}},
                           {"unknown", "", {1, 600, 614, 1}},
                           {"unclassified", "", {1, 528, 542, 0}}};
  ttk.out_breakdowns.country = {{"US", "", {4, 300, 356, 2}}};
  ttk.out_breakdowns.asn = {{"15169", "GOOGLE", {4, 300, 356, 2}}};
  ttk.out_breakdowns.app = {{"DNS", "Network", {4, 300, 356, 2}}};
  r.upstreams.push_back(ttk);
  share::UpstreamShare cu;
  cu.id = "cu";
  cu.name = "cu";
  r.upstreams.push_back(cu);
  r.unknown_upstream.id = "unknown-upstream";
  r.unknown_upstream.name = "unknown-upstream";
  r.unknown_upstream.in = {1, 100, 114, 1};
  r.unknown_upstream.share_in = 100.0 / 6100.0;
  r.unknown_upstream.in_breakdowns.country = {{"DE", "", {1, 100, 114, 1}}};
  r.unknown_upstream.in_breakdowns.asn = {{"unknown", "", {1, 100, 114, 1}}};
  r.unknown_upstream.in_breakdowns.app = {{"other", "", {1, 100, 114, 1}}};
  r.held = {3, 180, 222, 0};
  r.input = {18, 0, 6832, 0};
  r.health.geo_lookups = 5;
  r.health.geo_not_found = 1;
  r.health.dpi_flows_started = 4;
  r.health.dpi_flows_classified = 3;
  r.health.dpi_pool_exhausted = 1;
  r.health.dpi_slots_in_use = 1;
  r.health.breakdown_overflow = 2;
  return r;
}

}  // namespace

TEST_GROUP(BreakdownRender) {
  share::Report r = breakdownReport();
};

TEST(BreakdownRender, Json) {
  const std::string json = exporter::reportToJson(r, true);
  // Held, then the breakdowns (every upstream, "in" and "out", one object
  // per enabled dimension, rows with packets only), then the names.
  const char* want =
      R"("held":{"packets":3,"ip_bytes":180,"frame_bytes":222,"flows":0},)"
      R"("breakdowns":{"upstreams":{"ttk":{"in":{"country":{"RU":{"packets":6,"ip_bytes":3672,)"
      R"("frame_bytes":3756,"flows":1},"US":{"packets":2,"ip_bytes":1200,"frame_bytes":1228,"flows":1},)"
      R"("unknown":{"packets":1,"ip_bytes":600,"frame_bytes":614,"flows":1},"other":{"packets":1,)"
      R"("ip_bytes":528,"frame_bytes":542,"flows":0}},"asn":{"13238":{"packets":6,"ip_bytes":3672,)"
      R"("frame_bytes":3756,"flows":1},"15169":{"packets":2,"ip_bytes":1200,"frame_bytes":1228,"flows":1},)"
      R"("unknown":{"packets":2,"ip_bytes":1128,"frame_bytes":1156,"flows":1}},"app":{"YouTube":{"packets":6,)"
      R"("ip_bytes":3672,"frame_bytes":3756,"flows":1},"DNS":{"packets":2,"ip_bytes":1200,"frame_bytes":1228,)"
      R"("flows":1},"unknown":{"packets":1,"ip_bytes":600,"frame_bytes":614,"flows":1},)"
      R"("unclassified":{"packets":1,"ip_bytes":528,"frame_bytes":542,"flows":0}}},)"
      R"("out":{"country":{"US":{"packets":4,"ip_bytes":300,"frame_bytes":356,"flows":2}},)"
      R"("asn":{"15169":{"packets":4,"ip_bytes":300,"frame_bytes":356,"flows":2}},"app":{"DNS":{"packets":4,)"
      R"("ip_bytes":300,"frame_bytes":356,"flows":2}}}},"cu":{"in":{"country":{},"asn":{},"app":{}},)"
      R"("out":{"country":{},"asn":{},"app":{}}}},"unknown-upstream":{"in":{"country":{"DE":{"packets":1,)"
      R"("ip_bytes":100,"frame_bytes":114,"flows":1}},"asn":{"unknown":{"packets":1,"ip_bytes":100,)"
      R"("frame_bytes":114,"flows":1}},"app":{"other":{"packets":1,"ip_bytes":100,"frame_bytes":114,)"
      R"("flows":1}}},"out":{"country":{},"asn":{},"app":{}}}},"labels":{"asn":{"13238":"YANDEX",)"
      R"("15169":"GOOGLE"},"app":{"DNS":"Network","YouTube":"Media"}},)";
  STRCMP_EQUAL(want, section(json, "\"held\":", "\"shares\":").c_str());
  STRCMP_EQUAL(
      R"("enrichment":{"geo":{"lookups":5,"not_found":1,"errors":0},)"
      R"("dpi":{"started":4,"classified":3,"gave_up":0,"pool_exhausted":1,"in_use":1},"breakdown_overflow":2},)",
      section(json, "\"enrichment\":", "\"capture\":{\"dropped\"").c_str());
}

TEST(BreakdownRender, Table) {
  const std::string table = exporter::reportToTable(r, true);
  const char* upstreams =
      "UPSTREAM                     ASN      DIR       PACKETS         IP BYTES      FRAME BYTES      FLOWS  SHARE\n"
      "ttk (TransTeleCom)           20485    in             10             6000             6140          3   98.4%\n"
      "                                      out             4              300              356          2  100.0%\n"
      "  in  countries: RU 61.2%, US 20.0%, unknown 10.0%, other 8.8%\n"
      "  in  ASes:      AS13238 YANDEX 61.2%, AS15169 GOOGLE 20.0%, unknown 18.8%\n"
      "  in  apps:      YouTube 61.2%, DNS 20.0%, unknown 10.0%, unclassified 8.8%\n"
      "  out countries: US 100.0%\n"
      "  out ASes:      AS15169 GOOGLE 100.0%\n"
      "  out apps:      DNS 100.0%\n"
      "cu                           -        in              0                0                0          0    0.0%\n"
      "                                      out             0                0                0          0    0.0%\n"
      "unknown-upstream             -        in              1              100              114          1    1.6%\n"
      "                                      out             0                0                0          0    0.0%\n"
      "  in  countries: DE 100.0%\n"
      "  in  ASes:      unknown 100.0%\n"
      "  in  apps:      other 100.0%\n"
      "\n";
  STRCMP_EQUAL(upstreams, section(table, "UPSTREAM", "SHARE is").c_str());
  const char* tail =
      "input: 18 frames, 6832 wire bytes; all buckets: 15 frames, 6610 bytes (conserved)\n"
      "held: 3 frames, 222 bytes of flows whose application is being decided (a later report counts them)\n"
      "flows: 0 active, 0 records, 0 evicted (table full), 0 idle-expired\n"
      "geo: 5 lookups, 1 not found, 0 errors\n"
      "dpi: 4 flows inspected, 3 classified, 0 gave up, 1 unclassified (pool full), 1 in progress\n"
      "breakdowns: 2 additions counted in 'other' (top_k rows full)\n";
  STRCMP_EQUAL(tail, table.substr(table.find("input:")).c_str());
}

TEST(BreakdownRender, Prometheus) {
  const std::string text = exporter::reportToPrometheus(r);
  const char* want =
      "# HELP edgeflow_breakdown_enabled 1 when the breakdown by this dimension (country, asn, app) is on, 0 when "
      "its enrichment is off.\n"
      "# TYPE edgeflow_breakdown_enabled gauge\n"
      "edgeflow_breakdown_enabled{dimension=\"country\"} 1\n"
      "edgeflow_breakdown_enabled{dimension=\"asn\"} 1\n"
      "edgeflow_breakdown_enabled{dimension=\"app\"} 1\n"
      "# HELP edgeflow_country_packets_total Cumulative frames per upstream, direction and remote country (ISO "
      "3166 alpha-2); special rows: unknown (no database range), other (beyond top_k).\n"
      "# TYPE edgeflow_country_packets_total counter\n"
      "edgeflow_country_packets_total{upstream=\"ttk\",direction=\"in\",country=\"RU\"} 6\n"
      "edgeflow_country_packets_total{upstream=\"ttk\",direction=\"in\",country=\"US\"} 2\n"
      "edgeflow_country_packets_total{upstream=\"ttk\",direction=\"in\",country=\"unknown\"} 1\n"
      "edgeflow_country_packets_total{upstream=\"ttk\",direction=\"in\",country=\"other\"} 1\n"
      "edgeflow_country_packets_total{upstream=\"ttk\",direction=\"out\",country=\"US\"} 4\n"
      "edgeflow_country_packets_total{upstream=\"unknown-upstream\",direction=\"in\",country=\"DE\"} 1\n"
      "# HELP edgeflow_country_bytes_total Cumulative IP bytes (IP total length, as NetFlow octets count) per "
      "upstream, direction and remote country (ISO 3166 alpha-2); special rows: unknown (no database range), other "
      "(beyond top_k).\n"
      "# TYPE edgeflow_country_bytes_total counter\n"
      "edgeflow_country_bytes_total{upstream=\"ttk\",direction=\"in\",country=\"RU\"} 3672\n"
      "edgeflow_country_bytes_total{upstream=\"ttk\",direction=\"in\",country=\"US\"} 1200\n"
      "edgeflow_country_bytes_total{upstream=\"ttk\",direction=\"in\",country=\"unknown\"} 600\n"
      "edgeflow_country_bytes_total{upstream=\"ttk\",direction=\"in\",country=\"other\"} 528\n"
      "edgeflow_country_bytes_total{upstream=\"ttk\",direction=\"out\",country=\"US\"} 300\n"
      "edgeflow_country_bytes_total{upstream=\"unknown-upstream\",direction=\"in\",country=\"DE\"} 100\n"
      "# HELP edgeflow_country_flows_total Cumulative flow records (a flow counts once per direction it carried) "
      "per upstream, direction and remote country (ISO 3166 alpha-2); special rows: unknown (no database range), "
      "other (beyond top_k).\n"
      "# TYPE edgeflow_country_flows_total counter\n"
      "edgeflow_country_flows_total{upstream=\"ttk\",direction=\"in\",country=\"RU\"} 1\n"
      "edgeflow_country_flows_total{upstream=\"ttk\",direction=\"in\",country=\"US\"} 1\n"
      "edgeflow_country_flows_total{upstream=\"ttk\",direction=\"in\",country=\"unknown\"} 1\n"
      "edgeflow_country_flows_total{upstream=\"ttk\",direction=\"in\",country=\"other\"} 0\n"
      "edgeflow_country_flows_total{upstream=\"ttk\",direction=\"out\",country=\"US\"} 2\n"
      "edgeflow_country_flows_total{upstream=\"unknown-upstream\",direction=\"in\",country=\"DE\"} 1\n"
      "# HELP edgeflow_asn_packets_total Cumulative frames per upstream, direction and remote AS (as_org: its "
      "organisation); special rows: unknown (no database range), other (beyond top_k).\n"
      "# TYPE edgeflow_asn_packets_total counter\n"
      "edgeflow_asn_packets_total{upstream=\"ttk\",direction=\"in\",asn=\"13238\",as_org=\"YANDEX\"} 6\n"
      "edgeflow_asn_packets_total{upstream=\"ttk\",direction=\"in\",asn=\"15169\",as_org=\"GOOGLE\"} 2\n"
      "edgeflow_asn_packets_total{upstream=\"ttk\",direction=\"in\",asn=\"unknown\",as_org=\"\"} 2\n"
      "edgeflow_asn_packets_total{upstream=\"ttk\",direction=\"out\",asn=\"15169\",as_org=\"GOOGLE\"} 4\n"
      "edgeflow_asn_packets_total{upstream=\"unknown-upstream\",direction=\"in\",asn=\"unknown\",as_org=\"\"} 1\n"
      "# HELP edgeflow_asn_bytes_total Cumulative IP bytes (IP total length, as NetFlow octets count) per "
      "upstream, direction and remote AS (as_org: its organisation); special rows: unknown (no database range), "
      "other (beyond top_k).\n"
      "# TYPE edgeflow_asn_bytes_total counter\n"
      "edgeflow_asn_bytes_total{upstream=\"ttk\",direction=\"in\",asn=\"13238\",as_org=\"YANDEX\"} 3672\n"
      "edgeflow_asn_bytes_total{upstream=\"ttk\",direction=\"in\",asn=\"15169\",as_org=\"GOOGLE\"} 1200\n"
      "edgeflow_asn_bytes_total{upstream=\"ttk\",direction=\"in\",asn=\"unknown\",as_org=\"\"} 1128\n"
      "edgeflow_asn_bytes_total{upstream=\"ttk\",direction=\"out\",asn=\"15169\",as_org=\"GOOGLE\"} 300\n"
      "edgeflow_asn_bytes_total{upstream=\"unknown-upstream\",direction=\"in\",asn=\"unknown\",as_org=\"\"} 100\n"
      "# HELP edgeflow_asn_flows_total Cumulative flow records (a flow counts once per direction it carried) per "
      "upstream, direction and remote AS (as_org: its organisation); special rows: unknown (no database range), "
      "other (beyond top_k).\n"
      "# TYPE edgeflow_asn_flows_total counter\n"
      "edgeflow_asn_flows_total{upstream=\"ttk\",direction=\"in\",asn=\"13238\",as_org=\"YANDEX\"} 1\n"
      "edgeflow_asn_flows_total{upstream=\"ttk\",direction=\"in\",asn=\"15169\",as_org=\"GOOGLE\"} 1\n"
      "edgeflow_asn_flows_total{upstream=\"ttk\",direction=\"in\",asn=\"unknown\",as_org=\"\"} 1\n"
      "edgeflow_asn_flows_total{upstream=\"ttk\",direction=\"out\",asn=\"15169\",as_org=\"GOOGLE\"} 2\n"
      "edgeflow_asn_flows_total{upstream=\"unknown-upstream\",direction=\"in\",asn=\"unknown\",as_org=\"\"} 1\n"
      "# HELP edgeflow_app_packets_total Cumulative frames per upstream, direction and application (category: its "
      "category); special rows: unknown (not recognised), unclassified (classifier pool full), other (beyond "
      "top_k).\n"
      "# TYPE edgeflow_app_packets_total counter\n"
      "edgeflow_app_packets_total{upstream=\"ttk\",direction=\"in\",app=\"YouTube\",category=\"Media\"} 6\n"
      "edgeflow_app_packets_total{upstream=\"ttk\",direction=\"in\",app=\"DNS\",category=\"Network\"} 2\n"
      "edgeflow_app_packets_total{upstream=\"ttk\",direction=\"in\",app=\"unknown\",category=\"\"} 1\n"
      "edgeflow_app_packets_total{upstream=\"ttk\",direction=\"in\",app=\"unclassified\",category=\"\"} 1\n"
      "edgeflow_app_packets_total{upstream=\"ttk\",direction=\"out\",app=\"DNS\",category=\"Network\"} 4\n"
      "edgeflow_app_packets_total{upstream=\"unknown-upstream\",direction=\"in\",app=\"other\",category=\"\"} 1\n"
      "# HELP edgeflow_app_bytes_total Cumulative IP bytes (IP total length, as NetFlow octets count) per "
      "upstream, direction and application (category: its category); special rows: unknown (not recognised), "
      "unclassified (classifier pool full), other (beyond top_k).\n"
      "# TYPE edgeflow_app_bytes_total counter\n"
      "edgeflow_app_bytes_total{upstream=\"ttk\",direction=\"in\",app=\"YouTube\",category=\"Media\"} 3672\n"
      "edgeflow_app_bytes_total{upstream=\"ttk\",direction=\"in\",app=\"DNS\",category=\"Network\"} 1200\n"
      "edgeflow_app_bytes_total{upstream=\"ttk\",direction=\"in\",app=\"unknown\",category=\"\"} 600\n"
      "edgeflow_app_bytes_total{upstream=\"ttk\",direction=\"in\",app=\"unclassified\",category=\"\"} 528\n"
      "edgeflow_app_bytes_total{upstream=\"ttk\",direction=\"out\",app=\"DNS\",category=\"Network\"} 300\n"
      "edgeflow_app_bytes_total{upstream=\"unknown-upstream\",direction=\"in\",app=\"other\",category=\"\"} 100\n"
      "# HELP edgeflow_app_flows_total Cumulative flow records (a flow counts once per direction it carried) per "
      "upstream, direction and application (category: its category); special rows: unknown (not recognised), "
      "unclassified (classifier pool full), other (beyond top_k).\n"
      "# TYPE edgeflow_app_flows_total counter\n"
      "edgeflow_app_flows_total{upstream=\"ttk\",direction=\"in\",app=\"YouTube\",category=\"Media\"} 1\n"
      "edgeflow_app_flows_total{upstream=\"ttk\",direction=\"in\",app=\"DNS\",category=\"Network\"} 1\n"
      "edgeflow_app_flows_total{upstream=\"ttk\",direction=\"in\",app=\"unknown\",category=\"\"} 1\n"
      "edgeflow_app_flows_total{upstream=\"ttk\",direction=\"in\",app=\"unclassified\",category=\"\"} 0\n"
      "edgeflow_app_flows_total{upstream=\"ttk\",direction=\"out\",app=\"DNS\",category=\"Network\"} 2\n"
      "edgeflow_app_flows_total{upstream=\"unknown-upstream\",direction=\"in\",app=\"other\",category=\"\"} 1\n";
  STRCMP_EQUAL(want, section(text, "# HELP edgeflow_breakdown_enabled", "# HELP edgeflow_input_packets_total").c_str());
}

// Beyond five rows the rest is summed; long lines wrap under the first item,
// long AS organisations are cut.
TEST(BreakdownRender, TableSumsTheRestAndWraps) {
  share::Report q;
  q.has_asn = true;
  q.unknown_upstream.id = q.unknown_upstream.name = "unknown-upstream";
  q.unknown_upstream.in = {8, 1000, 1112, 8};
  auto& rows = q.unknown_upstream.in_breakdowns.asn;
  rows = {{"1", "ONE-VERY-LONG-ORGANISATION-NAME-INDEED", {1, 300, 314, 1}},
          {"2", "TWO", {1, 200, 214, 1}},
          {"3", "", {1, 150, 164, 1}},
          {"4", "FOUR", {1, 100, 114, 1}},
          {"5", "FIVE", {1, 90, 104, 1}},
          {"6", "SIX", {1, 60, 74, 1}},
          {"7", "SEVEN", {1, 50, 64, 1}},
          {"unknown", "", {1, 50, 64, 1}}};
  const std::string table = exporter::reportToTable(q, true);
  STRCMP_EQUAL(
      "  in  ASes:      AS1 ONE-VERY-LONG-ORGANISATI 30.0%, AS2 TWO 20.0%, AS3 15.0%, AS4 FOUR 10.0%,\n"
      "                 AS5 FIVE 9.0%, 3 more 16.0%\n",
      section(table, "  in  ASes:", "\nSHARE is").c_str());
}

// Without enrichment the table is the plain share table.
TEST(BreakdownRender, TableWithoutEnrichmentHasNoBreakdownLines) {
  r.has_country = r.has_asn = r.has_app = false;
  r.held = {};
  r.input = {15, 0, 6610, 0};
  const std::string table = exporter::reportToTable(r, true);
  CHECK(table.find("countries:") == std::string::npos);
  CHECK(table.find("geo:") == std::string::npos);
  CHECK(table.find("held:") == std::string::npos);
  CHECK(table.find("(conserved)") != std::string::npos);
}

TEST(BreakdownRender, JsonWithoutDimensionsHasEmptyDirections) {
  r.has_country = r.has_asn = r.has_app = false;
  const std::string json = exporter::reportToJson(r, true);
  CHECK(json.find(R"("breakdowns":{"upstreams":{"ttk":{"in":{},"out":{}},"cu":{"in":{},"out":{}}},)"
                  R"("unknown-upstream":{"in":{},"out":{}}},"labels":{},)") != std::string::npos);
}
