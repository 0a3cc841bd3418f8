#include "tests/gen/unit_plan.h"

#include <algorithm>

namespace edgeflow::gen {
namespace {

class Planner {
 public:
  Planner(FlowSpec& flow, uint32_t budget, Rng& rng, std::vector<Unit>& units)
      : f_(flow), left_(budget), rng_(rng), units_(units) {}

  void run() {
    switch (f_.cls) {
      case FlowClass::Tcp:
        tcp();
        break;
      case FlowClass::Dns:
        dns();
        break;
      case FlowClass::Quic:
        quic();
        break;
      case FlowClass::BulkUdp:
        bulkUdp();
        break;
      case FlowClass::Icmp:
        icmp();
        break;
      case FlowClass::SynFlood:
        add(UnitKind::TcpSyn, 1, 0);
        break;
      case FlowClass::NonIp:
      case FlowClass::Malformed:
        break;  // planned by traffic_plan.cc
    }
  }

 private:
  // `side`: 0 = inside endpoint sends, 1 = outside endpoint sends.
  void add(UnitKind kind, int side, uint32_t payload, uint32_t frames = 1) {
    Unit u;
    u.kind = kind;
    u.from_outside = static_cast<uint8_t>(side);
    u.payload = static_cast<uint16_t>(payload);
    u.frames = static_cast<uint8_t>(frames);
    units_.push_back(u);
    left_ -= frames;
    if (kind == UnitKind::TcpData) f_.stream_len[side] += payload;
  }

  int client() const { return f_.initiator_outside ? 1 : 0; }
  int server() const { return 1 - client(); }

  // SYN, SYN-ACK, ACK, a request, the bulk or the dialogue, FIN handshake.
  // Short budgets make the short conversations a border link really sees:
  // an unanswered SYN, a refused one, a handshake without data.
  void tcp() {
    const int c = client();
    const int s = server();
    const uint32_t mss = f_.mss;
    add(UnitKind::TcpSyn, c, 0);
    if (left_ == 0) return;
    if (left_ == 1 && rng_.chance(500000)) {
      add(UnitKind::TcpRst, s, 0);
      return;
    }
    add(UnitKind::TcpSynAck, s, 0);
    if (left_ == 0) return;
    add(UnitKind::TcpAck, c, 0);
    if (left_ == 0) return;
    const bool interactive = f_.role == TcpRole::Interactive;
    add(UnitKind::TcpData, c,
        static_cast<uint32_t>(interactive ? rng_.range(20, 400) : rng_.range(120, 700)));
    const uint32_t close = left_ >= 4 ? 3 : 0;
    const uint32_t mid = left_ - close;
    const int sender = f_.role == TcpRole::Upload ? c : s;
    for (uint32_t i = 0; i < mid; ++i) {
      if (interactive) {
        add(UnitKind::TcpData, i % 2 == 0 ? s : c, static_cast<uint32_t>(rng_.range(20, 400)));
      } else if (i % 3 == 2) {
        add(UnitKind::TcpAck, 1 - sender, 0);  // delayed ACK every second segment
      } else {
        const bool last = i + 1 == mid || (i + 2 == mid && (i + 1) % 3 == 2);
        add(UnitKind::TcpData, sender, last ? static_cast<uint32_t>(rng_.range(1, mss)) : mss);
      }
    }
    if (close != 0) {
      add(UnitKind::TcpFin, c, 0);
      add(UnitKind::TcpFin, s, 0);
      add(UnitKind::TcpAck, c, 0);
    }
  }

  void dns() {
    const int c = client();
    const int s = server();
    const uint32_t query = dnsQuerySize(f_);
    while (left_ > 0) {
      add(UnitKind::DnsQuery, c, query);
      if (left_ == 0) break;
      if (f_.fragmented && left_ >= 2 && rng_.chance(700000) && fragmentedResponse()) continue;
      add(UnitKind::DnsResponse, s, dnsResponseSize(f_, static_cast<uint32_t>(rng_.range(1, 8))));
    }
  }

  // An EDNS answer above the MTU (a large TXT/DNSSEC-style answer), sent as
  // 2 or 3 fragments.
  bool fragmentedResponse() {
    const uint32_t frames = std::min<uint32_t>(left_, static_cast<uint32_t>(rng_.range(2, 3)));
    uint32_t lo = 0;
    uint32_t hi = 0;
    udpRange(frames, lo, hi);
    const uint32_t base = 8 + dnsResponseSize(f_, 0);
    const uint32_t kmin = (lo - base) / kDnsAnswerSize + 1;
    const uint32_t kmax = (hi - base) / kDnsAnswerSize;
    if (kmin > kmax) return false;
    add(UnitKind::DnsResponse, server(),
        dnsResponseSize(f_, static_cast<uint32_t>(rng_.range(kmin, kmax))), frames);
    return true;
  }

  // UDP lengths (header included) that make exactly `frames` fragments:
  // lo < len <= hi.
  void udpRange(uint32_t frames, uint32_t& lo, uint32_t& hi) const {
    const uint32_t unit = fragmentUnit(f_.v6, f_.mtu);
    lo = std::max((frames - 1) * unit, f_.mtu - ipHeaderLen(f_.v6));
    hi = frames * unit;
  }

  // Client's first flight padded to 1200+ bytes as QUIC requires, then the
  // server's data with the client's small ACK-only packets in between.
  void quic() {
    const int c = client();
    const int s = server();
    add(UnitKind::UdpData, c, static_cast<uint32_t>(rng_.range(1200, 1252)));
    for (uint32_t i = 0; left_ > 0; ++i) {
      if (i % 3 == 2)
        add(UnitKind::UdpData, c, static_cast<uint32_t>(rng_.range(25, 60)));
      else
        add(UnitKind::UdpData, s, static_cast<uint32_t>(rng_.range(1150, 1350)));
    }
  }

  // IPsec ESP over UDP 4500 with datagrams above the MTU: small client
  // requests, server answers of 2..6 fragments, now and then a large upload.
  void bulkUdp() {
    const int c = client();
    const int s = server();
    add(UnitKind::UdpData, c, static_cast<uint32_t>(rng_.range(40, 200)));
    while (left_ > 0) {
      if (left_ == 1) {
        add(UnitKind::UdpData, s, static_cast<uint32_t>(rng_.range(200, 1000)));
        break;
      }
      const uint32_t frames = std::min<uint32_t>(left_, static_cast<uint32_t>(rng_.range(2, 6)));
      uint32_t lo = 0;
      uint32_t hi = 0;
      udpRange(frames, lo, hi);
      const int side = rng_.chance(200000) ? c : s;
      add(UnitKind::UdpData, side, static_cast<uint32_t>(rng_.range(lo + 1, hi)) - 8, frames);
    }
  }

  void icmp() {
    const uint32_t sizes[] = {56, 32, 56, 48, 64, 56};
    const uint32_t payload = sizes[rng_.below(6)];
    while (left_ > 0) {
      add(UnitKind::EchoRequest, client(), payload);
      if (left_ > 0) add(UnitKind::EchoReply, server(), payload);
    }
  }

  FlowSpec& f_;
  uint32_t left_;
  Rng& rng_;
  std::vector<Unit>& units_;
};

}  // namespace

uint32_t dnsQuerySize(const FlowSpec& flow) {
  return 12 + flow.qname_len + 4 + (flow.edns ? 11 : 0);
}

uint32_t dnsResponseSize(const FlowSpec& flow, uint32_t answers) {
  return dnsQuerySize(flow) + answers * kDnsAnswerSize;
}

uint64_t unitIpBytes(const FlowSpec& flow, const Unit& u) {
  const uint32_t ip = ipHeaderLen(flow.v6);
  switch (u.kind) {
    case UnitKind::TcpSyn:
    case UnitKind::TcpSynAck:
    case UnitKind::TcpAck:
    case UnitKind::TcpData:
    case UnitKind::TcpFin:
    case UnitKind::TcpRst:
      return ip + tcpHeaderLen(u.kind, flow.cls == FlowClass::SynFlood) + u.payload;
    case UnitKind::UdpData:
    case UnitKind::DnsQuery:
    case UnitKind::DnsResponse:
      if (u.frames == 1) return ip + 8 + u.payload;
      return 8 + u.payload + uint64_t{u.frames} * (ip + (flow.v6 ? 8 : 0));
    case UnitKind::EchoRequest:
    case UnitKind::EchoReply:
      return ip + 8 + u.payload;
    default:
      return 0;
  }
}

void planUnits(FlowSpec& flow, uint32_t frames, Rng& rng, std::vector<Unit>& units) {
  flow.first_unit = static_cast<uint32_t>(units.size());
  Planner(flow, frames, rng, units).run();
  flow.unit_count = static_cast<uint32_t>(units.size()) - flow.first_unit;
  flow.frame_count = 0;
  flow.ip_bytes = 0;
  for (uint32_t i = 0; i < flow.unit_count; ++i) {
    const Unit& u = units[flow.first_unit + i];
    flow.frame_count += u.frames;
    flow.ip_bytes += unitIpBytes(flow, u);
  }
}

}  // namespace edgeflow::gen
