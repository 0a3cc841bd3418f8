#include "agent/export/report_json.h"

#include "agent/export/json_writer.h"

namespace edgeflow::exporter {

namespace {

void writeCounter(JsonWriter& w, const share::Counter& c) {
  w.beginObject();
  w.key("packets");
  w.value(c.packets);
  w.key("ip_bytes");
  w.value(c.ip_bytes);
  w.key("frame_bytes");
  w.value(c.frame_bytes);
  w.key("flows");
  w.value(c.flows);
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
  w.key("agent");
  w.value(r.agent_id);
  w.key("final");
  w.value(final);
  w.key("capture");
  w.beginObject();
  w.key("first_us");
  w.value(r.first_packet_us);
  w.key("last_us");
  w.value(r.last_packet_us);
  w.endObject();
  w.key("input");
  w.beginObject();
  w.key("packets");
  w.value(r.input.packets);
  w.key("frame_bytes");
  w.value(r.input.frame_bytes);
  w.endObject();

  w.key("upstreams");
  w.beginObject();
  for (const share::UpstreamShare& u : r.upstreams) {
    w.key(u.id);
    w.beginObject();
    w.key("name");
    w.value(u.name);
    w.key("asn");
    w.value(uint64_t{u.asn});
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
    w.key(name);
    w.value(count);
  }
  w.endObject();
  w.key("flows");
  w.beginObject();
  w.key("active");
  w.value(r.health.flows_active);
  w.key("created");
  w.value(r.health.flows_created);
  w.key("evicted");
  w.value(r.health.flows_evicted);
  w.key("idle_expired");
  w.value(r.health.flows_idle_expired);
  w.key("active_expired");
  w.value(r.health.flows_active_expired);
  w.endObject();
  w.key("fragments");
  w.beginObject();
  w.key("unmatched");
  w.value(r.health.fragments_unmatched);
  w.key("cache_overwrites");
  w.value(r.health.fragment_cache_overwrites);
  w.endObject();
  w.endObject();

  w.endObject();
  return w.str();
}

}  // namespace edgeflow::exporter
