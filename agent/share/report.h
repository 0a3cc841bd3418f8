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
#include "agent/share/counters.h"

namespace edgeflow::share {

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
};

struct Report {
  std::string agent_id;
  TimestampUs first_packet_us = 0;
  TimestampUs last_packet_us = 0;
  Counter input;  // frames and wire bytes delivered by the source (packets, frame_bytes)
  std::vector<UpstreamShare> upstreams;
  UpstreamShare unknown_upstream;  // id "unknown-upstream"
  Counter internal;
  Counter transit;
  Counter non_ip;
  Counter undecodable;
  Health health;

  // Sum over every bucket (what conservation compares with `input`).
  Counter bucketTotal() const;
};

// Builds the snapshot from the counters (shares computed here).
Report makeReport(const config::Config& cfg, const ShareCounters& counters);

}  // namespace edgeflow::share
