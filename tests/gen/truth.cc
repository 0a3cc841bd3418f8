#include "tests/gen/truth.h"

namespace edgeflow::gen {
namespace {

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdull;
}

uint64_t mixBytes(uint64_t h, const std::array<uint8_t, 16>& b) {
  for (size_t i = 0; i < 16; i += 8) {
    uint64_t w = 0;
    for (size_t j = 0; j < 8; ++j) w = (w << 8) | b[i + j];
    h = mix(h, w);
  }
  return h;
}

}  // namespace

size_t Truth::Hash::operator()(const FlowKey& k) const {
  uint64_t h = mix(0, (uint64_t{k.bucket} << 40) | (uint64_t{k.proto} << 32) |
                          (uint64_t{k.local_port} << 16) | k.remote_port);
  h = mixBytes(h, k.local);
  return static_cast<size_t>(mixBytes(h, k.remote) >> 7);
}

size_t Truth::Hash::operator()(const FragmentKey& k) const {
  uint64_t h = mix(1, (uint64_t{k.id} << 8) | k.proto);
  h = mixBytes(h, k.src);
  return static_cast<size_t>(mixBytes(h, k.dst) >> 7);
}

Truth::Truth(const Scenario& s, const RemoteNetworks& nets, uint64_t max_frames)
    : s_(s), nets_(nets), lru_(max_frames) {
  buckets_.upstreams.resize(s.upstreams.size());
  breakdowns_.upstreams.resize(s.upstreams.size());
}

// The first upstream in config order with a matching rule, or -1.
int Truth::matchUpstream(const FrameFacts& f) const {
  for (size_t i = 0; i < s_.upstreams.size(); ++i) {
    const UpstreamDef& u = s_.upstreams[i];
    if (u.vlan != 0) {
      for (uint8_t t = 0; t < f.vlan_count; ++t) {
        if (f.vlans[t] == u.vlan) return static_cast<int>(i);
      }
    }
    if (u.match_mac && (f.src_mac == u.peer_mac || f.dst_mac == u.peer_mac))
      return static_cast<int>(i);
  }
  return -1;
}

Verdict Truth::add(uint64_t t_us, uint32_t cap_len, const FrameFacts& f) {
  if (file_.packets == 0) first_us_ = t_us;
  last_us_ = t_us;
  ++file_.packets;
  file_.frame_bytes += f.wire_len;
  file_.captured_bytes += cap_len;

  Verdict v;
  Counter* c = &buckets_.undecodable;
  if (f.kind == FrameKind::Malformed) {
    v.bucket = Verdict::kUndecodable;
  } else if (cap_len < f.header_end) {
    // A short capture that stops inside the headers: see docs/counting.md,
    // "Short captures".
    v.bucket = Verdict::kUndecodable;
    ++cut_by_snaplen_;
  } else if (f.kind == FrameKind::NonIp) {
    v.bucket = Verdict::kNonIp;
    c = &buckets_.non_ip;
  } else {
    return addIp(t_us, f);
  }
  ++c->packets;
  c->frame_bytes += f.wire_len;
  return v;
}

Verdict Truth::addIp(uint64_t t_us, const FrameFacts& f) {
  const bool src_local = s_.isLocal(f.src);
  const bool dst_local = s_.isLocal(f.dst);
  const int up = matchUpstream(f);
  const uint8_t n = static_cast<uint8_t>(s_.upstreams.size());
  const uint8_t unknown = n;
  const uint8_t internal = n + 1;
  const uint8_t transit = n + 2;

  uint8_t bucket = transit;
  int dir = -1;
  if (src_local && dst_local) {
    bucket = internal;
  } else if (src_local != dst_local) {
    dir = dst_local ? kIn : kOut;
    bucket = up >= 0 ? static_cast<uint8_t>(up) : unknown;
  } else if (up >= 0 && s_.upstreams[static_cast<size_t>(up)].match_mac) {
    // Neither end local: the peer's MAC gives the direction.
    const Mac& peer = s_.upstreams[static_cast<size_t>(up)].peer_mac;
    if (f.src_mac == peer)
      dir = kIn;
    else if (f.dst_mac == peer)
      dir = kOut;
    if (dir >= 0) bucket = static_cast<uint8_t>(up);
  }

  Counter& c = bucket == internal  ? buckets_.internal
               : bucket == transit ? buckets_.transit
               : bucket == unknown ? buckets_.unknown[dir]
                                   : buckets_.upstreams[bucket][dir];
  ++c.packets;
  c.ip_bytes += f.ip_bytes;
  c.frame_bytes += f.wire_len;

  const uint32_t id = keyId(f, bucket, dir);
  KeyState& st = states_[id];
  const bool seen = st.directions != 0;
  // One record per direction with traffic; internal and transit count once.
  const uint8_t bit = static_cast<uint8_t>(dir < 0 ? 1u : 1u << dir);
  const bool new_flow = (st.directions & bit) == 0;
  if (new_flow) {
    ++c.flows;
    st.directions |= bit;
  }
  if (dir >= 0) {
    // Upstreams and unknown-upstream break down by the remote end: the
    // source of inbound frames, the destination of outbound ones.
    if (!st.remote_known) {
      st.remote = nets_.facts(dir == kIn ? f.src : f.dst);
      st.remote_known = true;
    }
    Breakdown& b =
        bucket == unknown ? breakdowns_.unknown[dir] : breakdowns_.upstreams[bucket][dir];
    Counter* rows[3] = {&b.country[st.remote.country != nullptr ? st.remote.country : "unknown"],
                        &b.asn[st.remote.asn], &b.app[f.app]};
    for (Counter* r : rows) {
      ++r->packets;
      r->ip_bytes += f.ip_bytes;
      r->frame_bytes += f.wire_len;
      if (new_flow) ++r->flows;
    }
  }
  if (seen && t_us - st.last_us > max_gap_us_) max_gap_us_ = t_us - st.last_us;
  st.last_us = t_us;
  lru_.access(id);

  Verdict v;
  v.bucket = bucket == internal  ? Verdict::kInternal
             : bucket == transit ? Verdict::kTransit
             : bucket == unknown ? Verdict::kUnknown
                                 : bucket;
  v.dir = dir;
  v.flow = id;
  return v;
}

uint32_t Truth::keyId(const FrameFacts& f, uint8_t bucket, int dir) {
  FragmentKey frag;
  if (f.fragment) {
    frag.src = f.src.b;
    frag.dst = f.dst.b;
    frag.id = f.frag_id;
    frag.proto = f.proto;
    frag.v6 = f.src.v6;
    if (!f.first_fragment) {
      // A later fragment joins its first fragment's flow; without one it
      // goes to the flow with ports 0.
      auto it = fragments_.find(frag);
      if (it != fragments_.end()) return it->second;
    }
  }
  const uint16_t sport = f.has_ports ? f.sport : 0;
  const uint16_t dport = f.has_ports ? f.dport : 0;
  bool src_is_local = dir == kOut;
  if (dir < 0) {
    // Internal and transit: the lower (address, port) end plays "local".
    const int cmp = compareIp(f.src, f.dst);
    src_is_local = cmp < 0 || (cmp == 0 && sport <= dport);
  }
  FlowKey k;
  k.bucket = bucket;
  k.proto = f.proto;
  k.v6 = f.src.v6;
  k.local = src_is_local ? f.src.b : f.dst.b;
  k.remote = src_is_local ? f.dst.b : f.src.b;
  k.local_port = src_is_local ? sport : dport;
  k.remote_port = src_is_local ? dport : sport;
  auto [it, inserted] = keys_.try_emplace(k, static_cast<uint32_t>(states_.size()));
  if (inserted) states_.emplace_back();
  if (f.fragment && f.first_fragment) fragments_[frag] = it->second;
  return it->second;
}

}  // namespace edgeflow::gen
