#include "tests/gen/traffic_plan.h"

#include <cstdlib>
#include <unordered_set>

#include "tests/gen/addresses.h"
#include "tests/gen/size_dist.h"
#include "tests/gen/tuple_hash.h"
#include "tests/gen/unit_plan.h"

namespace edgeflow::gen {
namespace {

// Where a flow runs. Balanced flows use the VLAN upstreams that carry the
// configured byte shares; the rest feed the other buckets.
enum class Bucket : uint8_t { Balanced, Ix, IxTransit, Internal, Transit, Unknown };

// IPsec NAT traversal (RFC 3948): ESP in UDP, whose large packets are
// fragmented by the outer IP layer.
constexpr uint16_t kBulkUdpPort = 4500;

class TrafficPlanner {
 public:
  TrafficPlanner(const Options& o, const Scenario& s, Rng& rng)
      : o_(o),
        s_(s),
        rng_(rng),
        book_(s, o.flowCount(), rng),
        assigned_(s.upstreams.size(), 0),
        flood_assigned_(s.upstreams.size(), 0) {
    for (size_t i = 0; i < s.upstreams.size(); ++i) {
      if (s.upstreams[i].share > 0) balanced_.push_back(i);
      if (s.upstreams[i].match_mac) ix_ = static_cast<int>(i);
    }
  }

  Plan run() {
    const uint64_t non_ip = o_.packets * o_.non_ip_ppm / kPpmOne;
    const uint64_t malformed = o_.packets * o_.malformed_ppm / kPpmOne;
    const uint64_t ip_frames = o_.packets - non_ip - malformed;
    const uint64_t flows = ip_frames == 0 ? 0 : std::min(o_.flowCount(), ip_frames);
    if (flows != 0) {
      const std::vector<uint32_t> sizes = drawFlowSizes(flows, ip_frames, o_.size_dist, rng_);
      for (uint32_t n : sizes) legitFlow(n);
    }
    plan_.legit_flows = flows;
    for (uint64_t i = 0; i < o_.syn_flood; ++i) floodFlow();
    specialFlow(FlowClass::NonIp, non_ip, UnitKind::Arp, 5);
    specialFlow(FlowClass::Malformed, malformed, UnitKind::BadIhl, 6);

    uint64_t frames = 0;
    for (const FlowSpec& f : plan_.flows) frames += f.frame_count;
    if (frames != o_.packets + o_.syn_flood) std::abort();  // planner invariant
    plan_.frames = frames;
    return std::move(plan_);
  }

 private:
  Bucket chooseBucket() {
    uint64_t r = rng_.below(kPpmOne);
    auto take = [&r](uint64_t ppm) {
      if (r < ppm) return true;
      r -= ppm;
      return false;
    };
    if (ix_ >= 0) {
      if (take(100000)) return Bucket::Ix;
      if (o_.other_buckets && take(20000)) return Bucket::IxTransit;
    }
    if (o_.other_buckets) {
      if (take(40000)) return Bucket::Internal;
      if (take(30000)) return Bucket::Transit;
      if (take(30000)) return Bucket::Unknown;
    }
    return Bucket::Balanced;
  }

  // Short flows are mostly DNS and pings; long ones mostly TCP and QUIC.
  FlowClass chooseClass(uint32_t frames) {
    const uint64_t r = rng_.below(100);
    if (frames == 1)
      return r < 30   ? FlowClass::Tcp
             : r < 60 ? FlowClass::Dns
             : r < 80 ? FlowClass::Icmp
                      : FlowClass::Quic;
    if (frames <= 4)
      return r < 45   ? FlowClass::Dns
             : r < 65 ? FlowClass::Icmp
             : r < 95 ? FlowClass::Tcp
                      : FlowClass::Quic;
    return r < 72   ? FlowClass::Tcp
           : r < 90 ? FlowClass::Quic
           : r < 94 ? FlowClass::Dns
                    : FlowClass::Icmp;
  }

  uint16_t ephemeralPort() {
    // Linux's default range, or the IANA/Windows one.
    return static_cast<uint16_t>(rng_.chance(600000) ? rng_.range(32768, 60999)
                                                     : rng_.range(49152, 65535));
  }

  uint16_t serverPort(const FlowSpec& f) {
    switch (f.cls) {
      case FlowClass::Tcp: {
        const uint64_t r = rng_.below(100);
        return r < 85 ? 443 : r < 95 ? 993 : 465;  // ports Wireshark decodes as TLS
      }
      case FlowClass::Dns:
        return 53;
      case FlowClass::Quic:
        return 443;
      case FlowClass::BulkUdp:
        return kBulkUdpPort;
      default:
        return 0;
    }
  }

  void chooseEndpoints(FlowSpec& f, Bucket b) {
    const bool icmp = f.cls == FlowClass::Icmp;
    Ip client;
    Ip server;
    switch (b) {
      case Bucket::Internal:
        client = book_.localHost(f.v6, rng_);
        server = icmp ? book_.localHost(f.v6, rng_) : book_.localServer(f.v6, rng_);
        break;
      case Bucket::Transit:
      case Bucket::IxTransit:
        client = book_.remoteHost(f.v6, rng_);
        server = book_.remoteServer(f.v6, rng_);
        break;
      default:
        if (f.initiator_outside) {
          client = book_.remoteHost(f.v6, rng_);
          server = icmp ? book_.localHost(f.v6, rng_) : book_.localServer(f.v6, rng_);
        } else {
          client = book_.localHost(f.v6, rng_);
          server = book_.remoteServer(f.v6, rng_);
        }
    }
    const uint16_t client_port = icmp ? 0 : ephemeralPort();
    const uint16_t server_port = serverPort(f);
    f.inside = f.initiator_outside ? server : client;
    f.outside = f.initiator_outside ? client : server;
    f.inside_port = f.initiator_outside ? server_port : client_port;
    f.outside_port = f.initiator_outside ? client_port : server_port;
  }

  // Records the flow's 5-tuple; false if an earlier flow already used it.
  // Ends are ordered, so a reversed tuple collides too, and ICMP flows
  // collide on addresses alone (their keys carry types, not ids).
  bool claim(const FlowSpec& f) { return used_.insert(tupleHash(f)).second; }

  void chooseEncap(FlowSpec& f) {
    uint64_t r = rng_.below(kPpmOne);
    if (r < o_.qinq_ppm) {
      f.path.outer_tpid = rng_.chance(250000) ? 0x9100 : 0x88a8;
      f.path.outer_vid = s_.qinq_outer_vid;
      return;
    }
    r -= o_.qinq_ppm;
    if (r < o_.mpls_ppm) {
      f.path.mpls_count = static_cast<uint8_t>(rng_.range(1, 3));
      for (uint8_t i = 0; i < f.path.mpls_count; ++i)
        f.path.mpls[i] = static_cast<uint32_t>(rng_.range(16, 0xfffff));
      return;
    }
    r -= o_.mpls_ppm;
    if (r < o_.pppoe_ppm) {
      f.path.pppoe_session = static_cast<uint16_t>(rng_.range(1, 0xfffe));
      f.mtu = 1492;  // RFC 2516: 8 bytes of PPPoE and PPP headers
    }
  }

  void initState(FlowSpec& f, Bucket b) {
    FlowState& st = f.st;
    for (int side = 0; side < 2; ++side) {
      st.next_seq[side] = rng_.next32();
      st.ip_id[side] = static_cast<uint16_t>(rng_.next32());
      st.window[side] = static_cast<uint16_t>(rng_.range(500, 2048));
      st.flow_label[side] = rng_.next32() & 0xfffff;
      st.frag_id[side] = rng_.next32();
      st.conn_id[side] = rng_.next();
      // Hosts start at 64, 128 or 255. Local senders are seen one hop in
      // (our router decremented); remote ones after a path of hops.
      const bool local_sender =
          side == 0 ? (b != Bucket::Transit && b != Bucket::IxTransit) : b == Bucket::Internal;
      if (local_sender) {
        st.ttl[side] = rng_.chance(700000) ? 63 : 127;
      } else {
        const uint32_t initial = rng_.chance(500000) ? 64 : rng_.chance(500000) ? 128 : 255;
        st.ttl[side] = static_cast<uint8_t>(initial - rng_.range(6, 24));
      }
    }
    st.icmp_id = static_cast<uint16_t>(rng_.next32());
    st.icmp_seq = 1;
  }

  // The balanced upstream whose amount lags its target share the most.
  size_t pickBalanced(uint64_t amount, std::vector<uint64_t>& assigned) {
    uint64_t total = 0;
    uint64_t weights = 0;
    for (size_t u : balanced_) {
      total += assigned[u];
      weights += s_.upstreams[u].share;
    }
    size_t best = balanced_[0];
    int64_t best_deficit = INT64_MIN;
    for (size_t u : balanced_) {
      const int64_t deficit = static_cast<int64_t>(s_.upstreams[u].share * (total + amount)) -
                              static_cast<int64_t>(weights * assigned[u]);
      if (deficit > best_deficit) {
        best_deficit = deficit;
        best = u;
      }
    }
    assigned[best] += amount;
    return best;
  }

  void usePath(FlowSpec& f, const UpstreamDef& u) {
    f.path.vlan = u.vlan;
    f.path.outside_mac = u.peer_mac;
  }

  void legitFlow(uint32_t frames) {
    FlowSpec f;
    const Bucket bucket = chooseBucket();
    f.v6 = rng_.chance(o_.ipv6_ppm);
    f.cls = chooseClass(frames);
    if ((f.cls == FlowClass::Dns || f.cls == FlowClass::Quic) && rng_.chance(o_.fragment_ppm)) {
      if (f.cls == FlowClass::Dns)
        f.fragmented = true;
      else
        f.cls = FlowClass::BulkUdp;
      ++plan_.fragmented_flows;
    }
    switch (f.cls) {
      case FlowClass::Tcp: {
        const uint64_t r = rng_.below(100);
        f.role = r < 62   ? TcpRole::Download
                 : r < 74 ? TcpRole::Upload
                 : r < 90 ? TcpRole::LocalServer
                          : TcpRole::Interactive;
        f.initiator_outside = f.role == TcpRole::LocalServer;
        break;
      }
      case FlowClass::Dns:
        f.initiator_outside = rng_.chance(200000);
        break;
      case FlowClass::Icmp:
        f.initiator_outside = rng_.chance(400000);
        break;
      default:
        break;
    }
    for (int attempt = 0; attempt < 64; ++attempt) {
      chooseEndpoints(f, bucket);
      if (!(f.inside == f.outside) && claim(f)) break;
    }
    if (bucket != Bucket::Ix && bucket != Bucket::IxTransit) chooseEncap(f);
    const uint16_t variation[] = {0, 0, 0, 0, 40, 80, 100};
    f.mss = static_cast<uint16_t>(f.mtu - ipHeaderLen(f.v6) - 20 - variation[rng_.below(7)]);
    f.qname_len = static_cast<uint8_t>(rng_.range(14, 40));
    f.edns = f.fragmented || rng_.chance(400000);
    f.name_seed = rng_.next32();
    initState(f, bucket);
    planUnits(f, frames, rng_, plan_.units);

    switch (bucket) {
      case Bucket::Balanced:
        usePath(f, s_.upstreams[pickBalanced(f.ip_bytes, assigned_)]);
        break;
      case Bucket::Ix:
      case Bucket::IxTransit:
        usePath(f, s_.upstreams[static_cast<size_t>(ix_)]);
        break;
      case Bucket::Transit:
        usePath(f, s_.upstreams[balanced_[rng_.index(balanced_.size())]]);
        break;
      case Bucket::Internal:
        f.path.vlan = s_.internal_vlan;
        f.path.outside_mac = s_.internal_peer_mac;
        break;
      case Bucket::Unknown:
        f.path.vlan = s_.unknown_vlan;
        f.path.outside_mac = s_.unknown_peer_mac;
        break;
    }
    plan_.flows.push_back(f);
  }

  // A spoofed SYN from a random public source to a local service, sent to
  // the upstreams in proportion to their shares.
  void floodFlow() {
    FlowSpec f;
    f.cls = FlowClass::SynFlood;
    f.v6 = rng_.chance(o_.ipv6_ppm);
    f.initiator_outside = true;
    for (int attempt = 0; attempt < 64; ++attempt) {
      f.inside = rng_.chance(500000) ? book_.localServer(f.v6, rng_) : book_.localHost(f.v6, rng_);
      f.outside = book_.remoteHost(f.v6, rng_);
      f.inside_port = rng_.chance(500000) ? 443 : 80;
      f.outside_port = static_cast<uint16_t>(rng_.range(1024, 65535));
      if (claim(f)) break;
    }
    initState(f, Bucket::Balanced);
    f.st.ttl[1] = static_cast<uint8_t>(rng_.range(32, 250));
    f.st.window[1] = static_cast<uint16_t>(rng_.range(512, 65535));
    planUnits(f, 1, rng_, plan_.units);
    usePath(f, s_.upstreams[pickBalanced(1, flood_assigned_)]);
    plan_.flows.push_back(f);
  }

  void specialFlow(FlowClass cls, uint64_t count, UnitKind first, unsigned kinds) {
    FlowSpec f;
    f.cls = cls;
    f.first_unit = static_cast<uint32_t>(plan_.units.size());
    for (uint64_t i = 0; i < count; ++i) {
      Unit u;
      u.kind = static_cast<UnitKind>(static_cast<unsigned>(first) + rng_.below(kinds));
      plan_.units.push_back(u);
    }
    f.unit_count = static_cast<uint32_t>(count);
    f.frame_count = static_cast<uint32_t>(count);
    plan_.flows.push_back(f);
  }

  const Options& o_;
  const Scenario& s_;
  Rng& rng_;
  AddressBook book_;
  std::vector<size_t> balanced_;
  int ix_ = -1;
  std::vector<uint64_t> assigned_;
  std::vector<uint64_t> flood_assigned_;
  std::unordered_set<uint64_t> used_;
  Plan plan_;
};

}  // namespace

Plan planTraffic(const Options& o, const Scenario& s, Rng& rng) {
  return TrafficPlanner(o, s, rng).run();
}

}  // namespace edgeflow::gen
