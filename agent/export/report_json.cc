#include "agent/export/report_json.h"

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
  w.endObject();

  w.endObject();
  return w.str();
}

}  // namespace edgeflow::exporter
