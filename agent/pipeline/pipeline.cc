#include "agent/pipeline/pipeline.h"

#include <algorithm>
#include <cstring>

namespace edgeflow::pipeline {

using attribute::Direction;

Pipeline::Pipeline(const config::Config& cfg, uint64_t hash_seed, PipelineEnrichment enrichment)
    : cfg_(cfg),
      enrichment_(enrichment),
      attributor_(cfg_),
      counters_(attributor_.layout(), share::BreakdownConfig{enrichment.geo != nullptr, enrichment.geo != nullptr,
                                                             enrichment.classifier != nullptr, cfg_.agent.top_k}),
      sink_(counters_, SinkEnrichment{enrichment.classifier, enrichment.geo, cfg_.agent.dpi_timeout}),
      flows_(cfg_.agent.max_flows, cfg_.agent.idle_timeout, cfg_.agent.active_timeout, hash_seed) {}

void Pipeline::setGeoLookup(enrich::GeoLookup* geo) {
  enrichment_.geo = geo;
  sink_.setGeoLookup(geo);
}

void Pipeline::setSource(decode::LinkType link, std::string_view interface_name) {
  link_ = link;
  iface_ = attributor_.interfaceId(interface_name);
}

// Inline into onPacket(): one call less on every packet.
[[gnu::always_inline]] inline void Pipeline::countFlow(const decode::DecodedPacket& p, const uint8_t* data, uint32_t captured,
                         uint32_t wire_len) {
  const uint32_t now_s = toSeconds(now_us_);
  uint16_t src_port = p.has_ports ? p.src_port : 0;
  uint16_t dst_port = p.has_ports ? p.dst_port : 0;
  if (p.is_fragment) {
    if (p.frag_offset == 0) {
      if (p.more_fragments) fragments_.remember(p.src, p.dst, p.ip_proto, p.frag_id, src_port, dst_port, now_s);
    } else if (!fragments_.lookup(p.src, p.dst, p.ip_proto, p.frag_id, !p.more_fragments, now_s, src_port,
                                  dst_port)) {
      // The first fragment was not seen: the bytes still count, in the
      // flow with ports 0.
      ++fragments_unmatched_;
      src_port = 0;
      dst_port = 0;
    }
  }

  const attribute::Attribution a = attributor_.attribute(p, iface_);
  const IpAddr& local = a.src_is_local ? p.src : p.dst;
  const IpAddr& remote = a.src_is_local ? p.dst : p.src;
  // The key's fields but the addresses, which differ by family.
  const auto fillKey = [&](auto& key) {
    key.local_port = a.src_is_local ? src_port : dst_port;
    key.remote_port = a.src_is_local ? dst_port : src_port;
    key.proto = p.ip_proto;
    key.row = a.row;
  };
  flow::FlowRecord* rec;
  if (p.src.family == IpFamily::V4) {
    flow::FlowKey4 key;
    std::memcpy(key.local.data(), local.v4Bytes(), 4);
    std::memcpy(key.remote.data(), remote.v4Bytes(), 4);
    fillKey(key);
    rec = &flows_.touch(key, now_s, sink_);
  } else {
    flow::FlowKey6 key;
    key.local = local.bytes;
    key.remote = remote.bytes;
    fillKey(key);
    rec = &flows_.touch(key, now_s, sink_);
  }

  // Only flows with a remote end (an upstream or unknown-upstream row) are
  // broken down; internal and transit flows are not labelled.
  if (flows_.lastTouchCreated() && attributor_.layout().isDirectional(a.row)) labelNewFlow(*rec, remote);
  if (rec->labels.app == enrich::kAppUndecided) inspect(*rec, p, data, captured, a.dir);
  const int d = static_cast<int>(a.dir);
  // Deltas are narrow to keep entries small; hand them over before they wrap.
  const uint32_t l2_bytes = wire_len - p.ip_bytes;  // the decoder keeps ip_bytes within the frame
  if (!rec->delta.fits(d, p.ip_bytes, l2_bytes)) {
    if (l2_bytes > flow::FlowDeltas::kMaxNarrow) {
      sink_.countPacket(*rec, remote, a.dir, share::Counter{1, p.ip_bytes, wire_len, 0});
      return;
    }
    sink_.flushNow(*rec, remote);
  }
  rec->delta.add(d, p.ip_bytes, l2_bytes);
}

void Pipeline::onPacket(TimestampUs ts, const uint8_t* data, uint32_t captured, uint32_t wire_len) {
  // A capture record cannot hold more than the wire carried; if one claims
  // to, the bytes we have are what is counted (the decoder does the same).
  if (wire_len < captured && data != nullptr) wire_len = captured;
  if (input_.packets == 0) first_us_ = ts;
  if (ts > now_us_) now_us_ = ts;
  input_.packets += 1;
  input_.frame_bytes += wire_len;

  const decode::DecodeStatus status = decode::decodePacket(link_, data, captured, wire_len, packet_);
  decode_counts_[static_cast<size_t>(status)] += 1;
  if (status != decode::DecodeStatus::Ok) {
    share::Counter& bucket = decode::isNonIp(status) ? counters_.nonIp() : counters_.undecodable();
    bucket.packets += 1;
    bucket.frame_bytes += wire_len;
    return;
  }
  countFlow(packet_, data, captured, wire_len);
}

void Pipeline::labelNewFlow(flow::FlowRecord& rec, const IpAddr& remote) {
  if (enrichment_.geo != nullptr) {
    const enrich::GeoAsn g = enrichment_.geo->lookup(remote);
    rec.labels.country = g.country;
    rec.labels.asn = g.asn;
  }
  if (enrichment_.classifier != nullptr) rec.labels.app = enrich::kAppUndecided;
}

void Pipeline::inspect(flow::FlowRecord& rec, const decode::DecodedPacket& p, const uint8_t* data,
                       uint32_t captured, attribute::Direction dir) {
  // Later fragments carry no transport header: nothing a classifier can use.
  if (p.is_fragment && p.frag_offset != 0) return;
  const uint32_t ip_captured = std::min(captured - p.l3_offset, p.ip_bytes);
  enrichment_.classifier->inspect(rec.labels, data + p.l3_offset, ip_captured, p.payload_captured,
                                  dir == Direction::Out, now_us_);
}

void Pipeline::tick(TimestampUs now) {
  if (now > now_us_) now_us_ = now;
  sink_.setNow(toSeconds(now_us_));
  flows_.expireIdle(toSeconds(now_us_), sink_);
}

share::Report Pipeline::report(bool final) {
  if (final) sink_.setHoldUndecided(false);
  sink_.setNow(toSeconds(now_us_));
  sink_.beginReport();
  flows_.flushAll(sink_);
  share::Report r = share::makeReport(cfg_, counters_, {sink_.classifier(), sink_.geo()});
  r.held = sink_.held();
  r.first_packet_us = first_us_;
  r.last_packet_us = now_us_;
  r.input = input_;
  for (int s = 0; s < decode::kDecodeStatusCount; ++s) {
    const auto status = static_cast<decode::DecodeStatus>(s);
    if (decode_counts_[s] != 0 && status != decode::DecodeStatus::Ok) {
      r.health.decode.emplace_back(std::string(decode::decodeStatusName(status)), decode_counts_[s]);
    }
  }
  const flow::FlowTableStats& fs = flows_.stats();
  r.health.flows_active = flows_.size();
  r.health.flows_created = fs.created;
  r.health.flows_evicted = fs.evicted;
  r.health.flows_idle_expired = fs.idle_expired;
  r.health.flows_active_expired = fs.active_expired;
  r.health.fragments_unmatched = fragments_unmatched_;
  r.health.fragment_cache_overwrites = fragments_.overwrites();
  return r;
}

}  // namespace edgeflow::pipeline
