// Builders the counting tests share: flow entries with per-direction deltas,
// flow labels, small upstream tables and the sum of a breakdown.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "agent/attribute/attribution.h"
#include "agent/common/ip_addr.h"
#include "agent/config/config.h"
#include "agent/enrich/labels.h"
#include "agent/flow/flow_table.h"
#include "agent/share/counters.h"
#include "agent/share/report.h"

namespace edgeflow::fakes {

// A flow as a sink sees it: the table's record and the remote address.
struct TestFlow {
  flow::FlowRecord rec{};
  IpAddr remote;
};

// An empty flow attributed to `row`: no remote address, default labels.
inline TestFlow entryOn(attribute::Row row) {
  TestFlow e;
  e.rec.row = row;
  return e;
}

// An empty flow attributed to `row`, with remote address `remote` (text,
// must parse) and `labels`.
inline TestFlow entryOn(attribute::Row row, const char* remote, enrich::FlowLabels labels) {
  TestFlow e = entryOn(row);
  e.remote = *IpAddr::parse(remote);
  e.rec.labels = labels;
  return e;
}

// One packet of `ip` IP bytes in a frame of `frame` bytes, added to the
// flow's delta in direction `d`.
inline void addPacket(TestFlow& e, attribute::Direction d, uint32_t ip, uint32_t frame) {
  e.rec.delta.add(static_cast<int>(d), ip, frame - ip);
}

// Packets still in the flow's deltas, both directions.
inline uint32_t pendingPackets(const TestFlow& e) { return e.rec.delta.get(0).packets + e.rec.delta.get(1).packets; }

// Labels of country `iso` (two letters), AS `asn` and application `app`.
inline enrich::FlowLabels flowLabels(const char* iso, uint32_t asn, enrich::AppId app) {
  enrich::FlowLabels l;
  l.country = enrich::packCountry(iso);
  l.asn = asn;
  l.app = app;
  return l;
}

// A config of agent "t" with one upstream per id, in order, each with only
// its id set.
inline config::Config upstreamsWithIds(std::initializer_list<const char*> ids) {
  config::Config cfg;
  cfg.agent.id = "t";
  for (const char* id : ids) {
    config::Upstream u;
    u.id = id;
    cfg.upstreams.push_back(u);
  }
  return cfg;
}

// The sum of the counters of `rows`.
inline share::Counter sumOf(const std::vector<share::BreakdownRow>& rows) {
  share::Counter s;
  for (const share::BreakdownRow& row : rows) s += row.counter;
  return s;
}

}  // namespace edgeflow::fakes
