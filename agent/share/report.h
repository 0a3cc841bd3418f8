// Report: a snapshot of the share counters and the agent's health, taken
// after a flush, with the shares computed. Every renderer (text table, JSON,
// later Prometheus and protobuf) reads this and nothing else.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "agent/common/time.h"
#include "agent/config/config.h"
#include "agent/enrich/classifier.h"
#include "agent/enrich/geo_lookup.h"
#include "agent/share/counters.h"

namespace edgeflow::share {

// One row of a breakdown: the traffic of one (upstream, direction) to one
// remote country, AS or application. Rows of a breakdown sum exactly to
// their parent counter.
struct BreakdownRow {
  // "RU" (country), "15169" (ASN), "YouTube" (application); or one of the
  // special rows: "unknown" (the database or classifier found nothing),
  // "unclassified" (applications: the DPI pool was full), "other" (values
  // beyond the breakdown's top_k rows).
  std::string key;
  std::string name;  // ASN: the AS organisation; application: its category; else ""
  Counter counter;
};

// The breakdowns of one (upstream, direction). A dimension whose enrichment
// is off (no database, no classifier) has no rows. Each holds only rows with
// packets: value rows by value (countries alphabetically, AS numbers and
// application ids numerically), then "unknown", "unclassified", "other".
struct Breakdowns {
  std::vector<BreakdownRow> country;
  std::vector<BreakdownRow> asn;
  std::vector<BreakdownRow> app;
};

struct UpstreamShare {
  std::string id;    // config section name: the stable label
  std::string name;  // human-readable
  uint32_t asn = 0;
  Counter in;
  Counter out;
  // Share of IP bytes among all upstream rows (unknown-upstream included),
  // per direction and over both; 0 when the denominator is 0.
  double share_in = 0;
  double share_out = 0;
  double share_total = 0;
  Breakdowns in_breakdowns;
  Breakdowns out_breakdowns;
};

struct Health {
  std::vector<std::pair<std::string, uint64_t>> decode;  // status name -> frames, non-zero only
  uint64_t flows_active = 0;
  uint64_t flows_created = 0;
  uint64_t flows_evicted = 0;         // table full: least recently seen entry ended early
  uint64_t flows_idle_expired = 0;
  uint64_t flows_active_expired = 0;  // records split by the active timeout
  uint64_t fragments_unmatched = 0;   // later fragments whose first fragment was not remembered
  uint64_t fragment_cache_overwrites = 0;
  // Enrichment.
  uint64_t geo_lookups = 0;
  uint64_t geo_not_found = 0;
  uint64_t geo_errors = 0;
  uint64_t dpi_flows_started = 0;
  uint64_t dpi_flows_classified = 0;
  uint64_t dpi_flows_gave_up = 0;
  uint64_t dpi_pool_exhausted = 0;     // flows labelled "unclassified"
  uint64_t dpi_slots_in_use = 0;
  uint64_t breakdown_overflow = 0;     // additions counted in an "other" row (one per flush, direction, dimension)
  uint64_t capture_dropped = 0;        // packets the capture dropped (pcap_stats ps_drop + ps_ifdrop)
  // UDP push (set by the platform): datagrams handed to the kernel, and
  // datagrams dropped (socket buffer full, collector unreachable/refusing).
  uint64_t push_datagrams_sent = 0;
  uint64_t push_errors = 0;
};

struct Report {
  std::string agent_id;
  uint64_t boot_id = 0;     // random per process start (set by the platform)
  uint64_t seq = 0;         // reports made by this process so far, this one included
  TimestampUs report_time_us = 0;  // wall clock when the report was made (set by the platform)
  uint32_t sampling_rate = 1;      // 1 in N packets captured
  // Which breakdown dimensions are on (a collector tells "no rows" from "off").
  bool has_country = false;
  bool has_asn = false;
  bool has_app = false;
  TimestampUs first_packet_us = 0;
  TimestampUs last_packet_us = 0;
  Counter input;  // frames and wire bytes delivered by the source (packets, frame_bytes)
  std::vector<UpstreamShare> upstreams;
  UpstreamShare unknown_upstream;  // id "unknown-upstream"
  Counter internal;
  Counter transit;
  Counter non_ip;
  Counter undecodable;
  // Packets the counting sink holds back at this report: flows whose
  // application is still being decided (set by the pipeline). They are in
  // `input` but in no bucket yet; a later report counts them.
  // bucketTotal() + held == input.
  Counter held;
  Health health;

  // Sum over every bucket (with `held`, what conservation compares with
  // `input`).
  Counter bucketTotal() const;
};

// What names the breakdown rows and reports enrichment health; either may be
// nullptr (off).
struct ReportEnrichment {
  const enrich::Classifier* classifier = nullptr;  // application names and categories, dpi_* health
  const enrich::GeoLookup* geo = nullptr;          // geo_* health
};

// Builds the snapshot from the counters: shares computed, breakdowns keyed
// ("RU", "15169", the classifier's application name, "unknown",
// "unclassified", "other") and named (AS organisation, application
// category), has_* set from the counters' BreakdownConfig,
// health.breakdown_overflow, and the geo_*/dpi_* health of `enrichment`.
Report makeReport(const config::Config& cfg, const ShareCounters& counters, const ReportEnrichment& enrichment = {});

}  // namespace edgeflow::share
