#include <string>

#include "agent/export/prometheus_text.h"

// Last: CppUTest's leak detector redefines `new` for what follows.
#include <CppUTest/TestHarness.h>

using namespace edgeflow;

TEST_GROUP(Prometheus){};

TEST(Prometheus, EscapesLabelValues) {
  STRCMP_EQUAL("a\\\\b\\\"c\\nd", exporter::escapeLabelValue("a\\b\"c\nd").c_str());
  STRCMP_EQUAL("Ω ok", exporter::escapeLabelValue("Ω ok").c_str());
}

// The whole exposition of a small report, pinned: metric names, labels and
// HELP/TYPE lines are what dashboards are built on.
TEST(Prometheus, GoldenExposition) {
  share::Report r;
  r.agent_id = "border-1";
  r.last_packet_us = 1767225605250000ull;
  share::UpstreamShare ttk;
  ttk.id = "ttk";
  ttk.name = "Trans\"Tele\"Com";
  ttk.asn = 20485;
  ttk.in = {10, 6000, 6140, 2};
  ttk.out = {4, 300, 340, 1};
  r.upstreams.push_back(ttk);
  share::UpstreamShare ix;
  ix.id = "ix";
  ix.name = "IX";
  r.upstreams.push_back(ix);
  r.unknown_upstream.id = "unknown-upstream";
  r.unknown_upstream.in = {1, 100, 114, 1};
  r.internal = {2, 200, 228, 1};
  r.non_ip = {3, 0, 180, 0};
  r.undecodable = {1, 0, 10, 0};
  r.input = {21, 0, 7012, 0};
  r.health.decode = {{"decode.non_ip.ethertype", 3}, {"decode.ethernet.truncated", 1}};
  r.health.flows_active = 4;
  r.health.flows_created = 5;
  r.health.flows_evicted = 1;
  r.held = {2, 0, 120, 0};
  r.health.geo_lookups = 7;
  r.health.geo_not_found = 2;
  r.health.geo_errors = 1;
  r.health.dpi_flows_started = 6;
  r.health.dpi_flows_classified = 4;
  r.health.dpi_flows_gave_up = 1;
  r.health.dpi_pool_exhausted = 3;
  r.health.dpi_slots_in_use = 1;
  r.health.breakdown_overflow = 9;
  r.health.capture_dropped = 5;

  const char* want =
      "# HELP edgeflow_upstream_info Configured upstreams: name and AS number (empty when not configured); value 1.\n"
      "# TYPE edgeflow_upstream_info gauge\n"
      "edgeflow_upstream_info{upstream=\"ttk\",name=\"Trans\\\"Tele\\\"Com\",asn=\"20485\"} 1\n"
      "edgeflow_upstream_info{upstream=\"ix\",name=\"IX\",asn=\"\"} 1\n"
      "# HELP edgeflow_upstream_packets_total Cumulative frames per upstream and direction.\n"
      "# TYPE edgeflow_upstream_packets_total counter\n"
      "edgeflow_upstream_packets_total{upstream=\"ttk\",direction=\"in\"} 10\n"
      "edgeflow_upstream_packets_total{upstream=\"ttk\",direction=\"out\"} 4\n"
      "edgeflow_upstream_packets_total{upstream=\"ix\",direction=\"in\"} 0\n"
      "edgeflow_upstream_packets_total{upstream=\"ix\",direction=\"out\"} 0\n"
      "edgeflow_upstream_packets_total{upstream=\"unknown-upstream\",direction=\"in\"} 1\n"
      "edgeflow_upstream_packets_total{upstream=\"unknown-upstream\",direction=\"out\"} 0\n"
      "# HELP edgeflow_upstream_bytes_total Cumulative IP bytes (IP total length, as NetFlow octets count) per "
      "upstream and direction.\n"
      "# TYPE edgeflow_upstream_bytes_total counter\n"
      "edgeflow_upstream_bytes_total{upstream=\"ttk\",direction=\"in\"} 6000\n"
      "edgeflow_upstream_bytes_total{upstream=\"ttk\",direction=\"out\"} 300\n"
      "edgeflow_upstream_bytes_total{upstream=\"ix\",direction=\"in\"} 0\n"
      "edgeflow_upstream_bytes_total{upstream=\"ix\",direction=\"out\"} 0\n"
      "edgeflow_upstream_bytes_total{upstream=\"unknown-upstream\",direction=\"in\"} 100\n"
      "edgeflow_upstream_bytes_total{upstream=\"unknown-upstream\",direction=\"out\"} 0\n"
      "# HELP edgeflow_upstream_frame_bytes_total Cumulative frame bytes (original wire length) per upstream and "
      "direction.\n"
      "# TYPE edgeflow_upstream_frame_bytes_total counter\n"
      "edgeflow_upstream_frame_bytes_total{upstream=\"ttk\",direction=\"in\"} 6140\n"
      "edgeflow_upstream_frame_bytes_total{upstream=\"ttk\",direction=\"out\"} 340\n"
      "edgeflow_upstream_frame_bytes_total{upstream=\"ix\",direction=\"in\"} 0\n"
      "edgeflow_upstream_frame_bytes_total{upstream=\"ix\",direction=\"out\"} 0\n"
      "edgeflow_upstream_frame_bytes_total{upstream=\"unknown-upstream\",direction=\"in\"} 114\n"
      "edgeflow_upstream_frame_bytes_total{upstream=\"unknown-upstream\",direction=\"out\"} 0\n"
      "# HELP edgeflow_upstream_flows_total Cumulative flow records (a flow counts once per direction it carried) "
      "per upstream and direction.\n"
      "# TYPE edgeflow_upstream_flows_total counter\n"
      "edgeflow_upstream_flows_total{upstream=\"ttk\",direction=\"in\"} 2\n"
      "edgeflow_upstream_flows_total{upstream=\"ttk\",direction=\"out\"} 1\n"
      "edgeflow_upstream_flows_total{upstream=\"ix\",direction=\"in\"} 0\n"
      "edgeflow_upstream_flows_total{upstream=\"ix\",direction=\"out\"} 0\n"
      "edgeflow_upstream_flows_total{upstream=\"unknown-upstream\",direction=\"in\"} 1\n"
      "edgeflow_upstream_flows_total{upstream=\"unknown-upstream\",direction=\"out\"} 0\n"
      "# HELP edgeflow_bucket_packets_total Cumulative frames of traffic that is not an upstream's: internal, "
      "transit, non-ip, undecodable.\n"
      "# TYPE edgeflow_bucket_packets_total counter\n"
      "edgeflow_bucket_packets_total{bucket=\"internal\"} 2\n"
      "edgeflow_bucket_packets_total{bucket=\"transit\"} 0\n"
      "edgeflow_bucket_packets_total{bucket=\"non-ip\"} 3\n"
      "edgeflow_bucket_packets_total{bucket=\"undecodable\"} 1\n"
      "# HELP edgeflow_bucket_bytes_total Cumulative IP bytes (IP total length, as NetFlow octets count) of "
      "traffic that is not an upstream's: internal, transit, non-ip, undecodable.\n"
      "# TYPE edgeflow_bucket_bytes_total counter\n"
      "edgeflow_bucket_bytes_total{bucket=\"internal\"} 200\n"
      "edgeflow_bucket_bytes_total{bucket=\"transit\"} 0\n"
      "edgeflow_bucket_bytes_total{bucket=\"non-ip\"} 0\n"
      "edgeflow_bucket_bytes_total{bucket=\"undecodable\"} 0\n"
      "# HELP edgeflow_bucket_frame_bytes_total Cumulative frame bytes (original wire length) of traffic that is "
      "not an upstream's: internal, transit, non-ip, undecodable.\n"
      "# TYPE edgeflow_bucket_frame_bytes_total counter\n"
      "edgeflow_bucket_frame_bytes_total{bucket=\"internal\"} 228\n"
      "edgeflow_bucket_frame_bytes_total{bucket=\"transit\"} 0\n"
      "edgeflow_bucket_frame_bytes_total{bucket=\"non-ip\"} 180\n"
      "edgeflow_bucket_frame_bytes_total{bucket=\"undecodable\"} 10\n"
      "# HELP edgeflow_bucket_flows_total Cumulative flow records (a flow counts once per direction it carried) "
      "of traffic that is not an upstream's: internal, transit, non-ip, undecodable.\n"
      "# TYPE edgeflow_bucket_flows_total counter\n"
      "edgeflow_bucket_flows_total{bucket=\"internal\"} 1\n"
      "edgeflow_bucket_flows_total{bucket=\"transit\"} 0\n"
      "edgeflow_bucket_flows_total{bucket=\"non-ip\"} 0\n"
      "edgeflow_bucket_flows_total{bucket=\"undecodable\"} 0\n"
      "# HELP edgeflow_breakdown_enabled 1 when the breakdown by this dimension (country, asn, app) is on, 0 when "
      "its enrichment is off.\n"
      "# TYPE edgeflow_breakdown_enabled gauge\n"
      "edgeflow_breakdown_enabled{dimension=\"country\"} 0\n"
      "edgeflow_breakdown_enabled{dimension=\"asn\"} 0\n"
      "edgeflow_breakdown_enabled{dimension=\"app\"} 0\n"
      "# HELP edgeflow_input_packets_total Frames read from the capture source.\n"
      "# TYPE edgeflow_input_packets_total counter\n"
      "edgeflow_input_packets_total 21\n"
      "# HELP edgeflow_input_frame_bytes_total Wire bytes of the frames read from the capture source.\n"
      "# TYPE edgeflow_input_frame_bytes_total counter\n"
      "edgeflow_input_frame_bytes_total 7012\n"
      "# HELP edgeflow_held_packets Frames of flows whose application is still being decided, not in any counter "
      "yet.\n"
      "# TYPE edgeflow_held_packets gauge\n"
      "edgeflow_held_packets 2\n"
      "# HELP edgeflow_held_frame_bytes Wire bytes of flows whose application is still being decided, not in any "
      "counter yet.\n"
      "# TYPE edgeflow_held_frame_bytes gauge\n"
      "edgeflow_held_frame_bytes 120\n"
      "# HELP edgeflow_decode_frames_total Frames the decoder did not pass as IP, by status (decode.non_ip.* or an "
      "error).\n"
      "# TYPE edgeflow_decode_frames_total counter\n"
      "edgeflow_decode_frames_total{status=\"decode.non_ip.ethertype\"} 3\n"
      "edgeflow_decode_frames_total{status=\"decode.ethernet.truncated\"} 1\n"
      "# HELP edgeflow_flows_active Flow records in the flow table.\n"
      "# TYPE edgeflow_flows_active gauge\n"
      "edgeflow_flows_active 4\n"
      "# HELP edgeflow_flow_records_total Flow records started.\n"
      "# TYPE edgeflow_flow_records_total counter\n"
      "edgeflow_flow_records_total 5\n"
      "# HELP edgeflow_flow_evictions_total Flow records ended early because the table was full (least recently "
      "seen first).\n"
      "# TYPE edgeflow_flow_evictions_total counter\n"
      "edgeflow_flow_evictions_total 1\n"
      "# HELP edgeflow_flow_idle_expired_total Flow records ended by the idle timeout.\n"
      "# TYPE edgeflow_flow_idle_expired_total counter\n"
      "edgeflow_flow_idle_expired_total 0\n"
      "# HELP edgeflow_flow_active_expired_total Flow records split by the active timeout.\n"
      "# TYPE edgeflow_flow_active_expired_total counter\n"
      "edgeflow_flow_active_expired_total 0\n"
      "# HELP edgeflow_fragments_unmatched_total Later IP fragments whose first fragment was not remembered "
      "(counted in a ports-0 flow).\n"
      "# TYPE edgeflow_fragments_unmatched_total counter\n"
      "edgeflow_fragments_unmatched_total 0\n"
      "# HELP edgeflow_fragment_cache_overwrites_total First fragments forgotten because another datagram needed "
      "their slot.\n"
      "# TYPE edgeflow_fragment_cache_overwrites_total counter\n"
      "edgeflow_fragment_cache_overwrites_total 0\n"
      "# HELP edgeflow_geo_lookups_total Remote addresses looked up in the geo/ASN databases.\n"
      "# TYPE edgeflow_geo_lookups_total counter\n"
      "edgeflow_geo_lookups_total 7\n"
      "# HELP edgeflow_geo_not_found_total Geo/ASN lookups of an address in no range of any database.\n"
      "# TYPE edgeflow_geo_not_found_total counter\n"
      "edgeflow_geo_not_found_total 2\n"
      "# HELP edgeflow_geo_errors_total Geo/ASN lookups a database answered with an error.\n"
      "# TYPE edgeflow_geo_errors_total counter\n"
      "edgeflow_geo_errors_total 1\n"
      "# HELP edgeflow_dpi_flows_started_total Flows given a classifier slot.\n"
      "# TYPE edgeflow_dpi_flows_started_total counter\n"
      "edgeflow_dpi_flows_started_total 6\n"
      "# HELP edgeflow_dpi_flows_classified_total Flows whose application was decided by inspection.\n"
      "# TYPE edgeflow_dpi_flows_classified_total counter\n"
      "edgeflow_dpi_flows_classified_total 4\n"
      "# HELP edgeflow_dpi_flows_gave_up_total Flows decided without a verdict (packet budget, timeout, flow end).\n"
      "# TYPE edgeflow_dpi_flows_gave_up_total counter\n"
      "edgeflow_dpi_flows_gave_up_total 1\n"
      "# HELP edgeflow_dpi_pool_exhausted_total Flows counted as app=\"unclassified\" because every classifier "
      "slot was taken.\n"
      "# TYPE edgeflow_dpi_pool_exhausted_total counter\n"
      "edgeflow_dpi_pool_exhausted_total 3\n"
      "# HELP edgeflow_dpi_slots_in_use Classifier slots held by flows being classified.\n"
      "# TYPE edgeflow_dpi_slots_in_use gauge\n"
      "edgeflow_dpi_slots_in_use 1\n"
      "# HELP edgeflow_breakdown_overflow_total Additions counted in an \"other\" breakdown row because the top_k "
      "rows were taken.\n"
      "# TYPE edgeflow_breakdown_overflow_total counter\n"
      "edgeflow_breakdown_overflow_total 9\n"
      "# HELP edgeflow_capture_dropped_total Packets the capture dropped before the agent saw them.\n"
      "# TYPE edgeflow_capture_dropped_total counter\n"
      "edgeflow_capture_dropped_total 5\n"
      "# HELP edgeflow_push_datagrams_total Report datagrams handed to the kernel for collectors.\n"
      "# TYPE edgeflow_push_datagrams_total counter\n"
      "edgeflow_push_datagrams_total 0\n"
      "# HELP edgeflow_push_errors_total Report datagrams dropped (socket buffer full, collector unreachable or "
      "refusing).\n"
      "# TYPE edgeflow_push_errors_total counter\n"
      "edgeflow_push_errors_total 0\n"
      "# HELP edgeflow_sampling_rate 1 in N packets captured; counters count the captured ones (multiply by N to "
      "estimate the link).\n"
      "# TYPE edgeflow_sampling_rate gauge\n"
      "edgeflow_sampling_rate 1\n"
      "# HELP edgeflow_last_packet_timestamp_seconds Capture time of the latest packet.\n"
      "# TYPE edgeflow_last_packet_timestamp_seconds gauge\n"
      "edgeflow_last_packet_timestamp_seconds 1767225605.250000\n";
  const std::string got = exporter::reportToPrometheus(r);
  STRCMP_EQUAL(want, got.c_str());
}
