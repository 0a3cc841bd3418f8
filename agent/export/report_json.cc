#include "agent/export/report_json.h"

#include <map>
#include <string>

#include "agent/export/json_writer.h"

namespace edgeflow::exporter {

namespace {

void writeCounter(JsonWriter& w, const share::Counter& c) {
  w.beginObject();
  w.field("packets", c.packets);
  w.field("ip_bytes", c.ip_bytes);
  w.field("frame_bytes", c.frame_bytes);
  w.field("flows", c.flows);
  w.endObject();
}

void writeInOut(JsonWriter& w, const share::UpstreamShare& u) {
  w.beginObject();
  w.key("in");
  writeCounter(w, u.in);
  w.key("out");
  writeCounter(w, u.out);
  w.endObject();
}

void writeShares(JsonWriter& w, const share::UpstreamShare& u) {
  w.key(u.id);
  w.beginObject();
  w.key("in");
  w.fixed(u.share_in, 6);
  w.key("out");
  w.fixed(u.share_out, 6);
  w.key("total");
  w.fixed(u.share_total, 6);
  w.endObject();
}

void writeRows(JsonWriter& w, const char* dimension, const std::vector<share::BreakdownRow>& rows) {
  w.key(dimension);
  w.beginObject();
  for (const share::BreakdownRow& row : rows) {
    w.key(row.key);
    writeCounter(w, row.counter);
  }
  w.endObject();
}

// One direction: an object per enabled dimension (docs/counting.md).
void writeDirection(JsonWriter& w, const share::Report& r, const share::Breakdowns& b) {
  w.beginObject();
  if (r.has_country) writeRows(w, "country", b.country);
  if (r.has_asn) writeRows(w, "asn", b.asn);
  if (r.has_app) writeRows(w, "app", b.app);
  w.endObject();
}

void writeBreakdownInOut(JsonWriter& w, const share::Report& r, const share::UpstreamShare& u) {
  w.beginObject();
  w.key("in");
  writeDirection(w, r, u.in_breakdowns);
  w.key("out");
  writeDirection(w, r, u.out_breakdowns);
  w.endObject();
}

void writeBreakdowns(JsonWriter& w, const share::Report& r) {
  w.key("breakdowns");
  w.beginObject();
  w.key("upstreams");
  w.beginObject();
  for (const share::UpstreamShare& u : r.upstreams) {
    w.key(u.id);
    writeBreakdownInOut(w, r, u);
  }
  w.endObject();
  w.key("unknown-upstream");
  writeBreakdownInOut(w, r, r.unknown_upstream);
  w.endObject();
}

// Names of the rows' keys, gathered over every breakdown: AS organisations
// and application categories (non-empty only), sorted by key.
void writeLabels(JsonWriter& w, const share::Report& r) {
  std::map<std::string, std::string> asn, app;
  auto gather = [&](const share::UpstreamShare& u) {
    for (const share::Breakdowns* b : {&u.in_breakdowns, &u.out_breakdowns}) {
      for (const share::BreakdownRow& row : b->asn) {
        if (!row.name.empty()) asn.emplace(row.key, row.name);
      }
      for (const share::BreakdownRow& row : b->app) {
        if (!row.name.empty()) app.emplace(row.key, row.name);
      }
    }
  };
  for (const share::UpstreamShare& u : r.upstreams) gather(u);
  gather(r.unknown_upstream);
  w.key("labels");
  w.beginObject();
  if (r.has_asn) {
    w.key("asn");
    w.beginObject();
    for (const auto& [k, v] : asn) w.field(k, v);
    w.endObject();
  }
  if (r.has_app) {
    w.key("app");
    w.beginObject();
    for (const auto& [k, v] : app) w.field(k, v);
    w.endObject();
  }
  w.endObject();
}

}  // namespace

std::string reportToJson(const share::Report& r, bool final) {
  JsonWriter w;
  w.beginObject();
  w.field("agent", r.agent_id);
  w.field("final", final);
  w.key("capture");
  w.beginObject();
  w.field("first_us", r.first_packet_us);
  w.field("last_us", r.last_packet_us);
  w.endObject();
  w.key("input");
  w.beginObject();
  w.field("packets", r.input.packets);
  w.field("frame_bytes", r.input.frame_bytes);
  w.endObject();

  w.key("upstreams");
  w.beginObject();
  for (const share::UpstreamShare& u : r.upstreams) {
    w.key(u.id);
    w.beginObject();
    w.field("name", u.name);
    w.field("asn", uint64_t{u.asn});
    w.endObject();
  }
  w.endObject();

  w.key("buckets");
  w.beginObject();
  w.key("upstreams");
  w.beginObject();
  for (const share::UpstreamShare& u : r.upstreams) {
    w.key(u.id);
    writeInOut(w, u);
  }
  w.endObject();
  w.key("unknown-upstream");
  writeInOut(w, r.unknown_upstream);
  w.key("internal");
  writeCounter(w, r.internal);
  w.key("transit");
  writeCounter(w, r.transit);
  w.key("non-ip");
  writeCounter(w, r.non_ip);
  w.key("undecodable");
  writeCounter(w, r.undecodable);
  w.endObject();

  // Packets held back (application undecided): buckets + held == input.
  w.key("held");
  writeCounter(w, r.held);

  writeBreakdowns(w, r);
  writeLabels(w, r);

  w.key("shares");
  w.beginObject();
  for (const share::UpstreamShare& u : r.upstreams) writeShares(w, u);
  writeShares(w, r.unknown_upstream);
  w.endObject();

  w.key("health");
  w.beginObject();
  w.key("decode");
  w.beginObject();
  for (const auto& [name, count] : r.health.decode) {
    w.field(name, count);
  }
  w.endObject();
  w.key("flows");
  w.beginObject();
  w.field("active", r.health.flows_active);
  w.field("created", r.health.flows_created);
  w.field("evicted", r.health.flows_evicted);
  w.field("idle_expired", r.health.flows_idle_expired);
  w.field("active_expired", r.health.flows_active_expired);
  w.endObject();
  w.key("fragments");
  w.beginObject();
  w.field("unmatched", r.health.fragments_unmatched);
  w.field("cache_overwrites", r.health.fragment_cache_overwrites);
  w.endObject();
  w.key("enrichment");
  w.beginObject();
  w.key("geo");
  w.beginObject();
  w.field("lookups", r.health.geo_lookups);
  w.field("not_found", r.health.geo_not_found);
  w.field("errors", r.health.geo_errors);
  w.endObject();
  w.key("dpi");
  w.beginObject();
  w.field("started", r.health.dpi_flows_started);
  w.field("classified", r.health.dpi_flows_classified);
  w.field("gave_up", r.health.dpi_flows_gave_up);
  w.field("pool_exhausted", r.health.dpi_pool_exhausted);
  w.field("in_use", r.health.dpi_slots_in_use);
  w.endObject();
  w.field("breakdown_overflow", r.health.breakdown_overflow);
  w.endObject();
  w.key("capture");
  w.beginObject();
  w.field("dropped", r.health.capture_dropped);
  w.field("sampling_rate", uint64_t{r.sampling_rate});
  w.endObject();
  w.key("push");
  w.beginObject();
  w.field("datagrams", r.health.push_datagrams_sent);
  w.field("errors", r.health.push_errors);
  w.endObject();
  w.endObject();

  w.endObject();
  return w.str();
}

}  // namespace edgeflow::exporter
