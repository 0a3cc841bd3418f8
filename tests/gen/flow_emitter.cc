#include "tests/gen/flow_emitter.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "tests/gen/app_payload.h"
#include "tests/gen/payload.h"
#include "tests/gen/special_frames.h"
#include "tests/gen/unit_plan.h"

namespace edgeflow::gen {
namespace {

constexpr uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10;

// An ESP SPI from 256 to 65535 (0..255 are reserved, RFC 4303). Its two
// zero bytes lead the datagram, which no UDP heuristic of nDPI 4.2 takes
// for its protocol (random leading bytes now and then pass for RTP or
// OpenVPN), so ESP flows stay unclassified as the truth says.
uint32_t espSpi(uint64_t conn_id) { return static_cast<uint32_t>(conn_id & 0xffff) | 0x100; }

}  // namespace

Emitter::Emitter(const Scenario& s, Plan& plan, FrameSink& sink, uint64_t seed)
    : s_(s),
      plan_(plan),
      sink_(sink),
      rng_(seed ^ 0x7061796c6f616473ull),
      app_rng_(seed ^ 0x6669727374707931ull) {}

void Emitter::emit(const Event& e) {
  FlowSpec& f = plan_.flows[e.flow];
  const Unit& u = plan_.units[e.unit];
  switch (f.cls) {
    case FlowClass::Tcp:
    case FlowClass::SynFlood:
      tcp(f, e.unit, e.t_us);
      break;
    case FlowClass::Icmp:
      icmp(f, u, e.t_us);
      break;
    case FlowClass::Dns:
    case FlowClass::Quic:
    case FlowClass::BulkUdp:
      udp(f, u, e.t_us);
      break;
    case FlowClass::NonIp:
    case FlowClass::Malformed: {
      FrameFacts facts;
      const uint32_t len = buildSpecialFrame(u.kind, frame_, s_, rng_, facts);
      facts.wire_len = len;
      sink_.frame(e.t_us, frame_, len, facts);
      break;
    }
  }
}

void Emitter::tcp(FlowSpec& f, uint32_t unit, uint64_t t) {
  const Unit& u = plan_.units[unit];
  const int s = u.from_outside;
  const int o = 1 - s;
  FlowState& st = f.st;
  const bool flood = f.cls == FlowClass::SynFlood;
  const uint32_t hdr = tcpHeaderLen(u.kind, flood);
  uint8_t* l4 = transportStart(f);

  uint32_t seq = st.next_seq[s];
  uint32_t ack = st.next_seq[o];
  uint16_t window = st.window[s];
  uint8_t flags = kAck;
  switch (u.kind) {
    case UnitKind::TcpSyn:
      flags = kSyn;
      ack = 0;
      if (!flood) window = 64240;
      st.next_seq[s] += 1;
      break;
    case UnitKind::TcpSynAck:
      flags = kSyn | kAck;
      window = 65160;
      st.next_seq[s] += 1;
      break;
    case UnitKind::TcpRst:  // a closed port answering the SYN
      flags = kRst | kAck;
      seq = 0;
      window = 0;
      break;
    case UnitKind::TcpData:
      flags = kPsh | kAck;
      st.next_seq[s] += u.payload;
      break;
    case UnitKind::TcpFin:
      flags = kFin | kAck;
      st.next_seq[s] += 1;
      break;
    default:
      break;
  }

  FrameFacts facts;
  facts.has_ports = true;
  facts.sport = s ? f.outside_port : f.inside_port;
  facts.dport = s ? f.inside_port : f.outside_port;
  put16(l4, facts.sport);
  put16(l4 + 2, facts.dport);
  put32(l4 + 4, seq);
  put32(l4 + 8, ack);
  l4[12] = static_cast<uint8_t>((hdr / 4) << 4);
  l4[13] = flags;
  put16(l4 + 14, window);
  put32(l4 + 16, 0);  // checksum, urgent pointer
  if (hdr > 20) {
    // MSS, NOP, window scale 7, NOP, NOP, SACK permitted.
    const uint32_t mss = u.kind == UnitKind::TcpSyn ? f.mtu - ipHeaderLen(f.v6) - 20 : f.mss;
    const uint8_t opts[kTcpSynOptions] = {
        2, 4, static_cast<uint8_t>(mss >> 8), static_cast<uint8_t>(mss), 1, 3, 3, 7, 1, 1, 4, 2};
    std::memcpy(l4 + 20, opts, sizeof(opts));
  }
  if (u.kind == UnitKind::TcpData) {
    // Random bytes as for the planned size (app_plan.cc may have swapped it).
    uint32_t planned = u.payload;
    if (unit == f.swapped[s][0]) planned = plan_.units[f.swapped[s][1]].payload;
    if (unit == f.swapped[s][1]) planned = plan_.units[f.swapped[s][0]].payload;
    ++written_[static_cast<size_t>(
        writeTcpPayload(l4 + hdr, u.payload, planned, f, s, rng_, app_rng_))];
    st.stream_pos[s] += u.payload;
  }
  const uint32_t len = hdr + u.payload;
  const Ip& src = s ? f.outside : f.inside;
  const Ip& dst = s ? f.inside : f.outside;
  put16(l4 + 16, transportChecksum(src, dst, 6, l4, len, true));
  sendIp(f, s, 6, len, hdr, true, t, facts);
}

void Emitter::udp(FlowSpec& f, const Unit& u, uint64_t t) {
  const int s = u.from_outside;
  const int o = 1 - s;
  FlowState& st = f.st;
  const uint32_t len = 8 + u.payload;
  uint8_t* d = u.frames > 1 ? datagram_ : transportStart(f);
  FrameFacts facts;
  facts.has_ports = true;
  facts.sport = s ? f.outside_port : f.inside_port;
  facts.dport = s ? f.inside_port : f.outside_port;
  put16(d, facts.sport);
  put16(d + 2, facts.dport);
  put16(d + 4, len);
  put16(d + 6, 0);
  switch (u.kind) {
    case UnitKind::DnsQuery:
      st.dns_id = static_cast<uint16_t>(rng_.next32());
      writeDnsMessage(d + 8, f, st.dns_id, false, 0, rng_);
      break;
    case UnitKind::DnsResponse:
      writeDnsMessage(d + 8, f, st.dns_id, true,
                      (u.payload - dnsResponseSize(f, 0)) / kDnsAnswerSize, rng_);
      break;
    default:
      if (f.cls == FlowClass::BulkUdp) {
        writeEsp(d + 8, u.payload, espSpi(st.conn_id[s]), st.datagrams[s] + 1, rng_);
      } else if (st.datagrams[s] == 0 && u.payload >= 64) {
        writeQuicInitial(d + 8, u.payload, st.conn_id[o], st.conn_id[s], rng_);
      } else {
        writeQuicShort(d + 8, u.payload, st.conn_id[o], rng_);
      }
  }
  ++st.datagrams[s];
  const Ip& src = s ? f.outside : f.inside;
  const Ip& dst = s ? f.inside : f.outside;
  const uint16_t sum = transportChecksum(src, dst, 17, d, len, true);
  put16(d + 6, sum == 0 ? 0xffff : sum);  // 0 would mean "no checksum"
  if (u.frames > 1) {
    sendFragments(f, s, len, u.frames, t);
  } else {
    // QUIC sets don't-fragment; DNS over UDP leaves it clear.
    sendIp(f, s, 17, len, 8, f.cls == FlowClass::Quic, t, facts);
  }
}

void Emitter::icmp(FlowSpec& f, const Unit& u, uint64_t t) {
  const int s = u.from_outside;
  FlowState& st = f.st;
  const bool request = u.kind == UnitKind::EchoRequest;
  const uint8_t type = f.v6 ? (request ? 128 : 129) : (request ? 8 : 0);
  const uint8_t proto = f.v6 ? 58 : 1;
  uint8_t* l4 = transportStart(f);
  l4[0] = type;
  l4[1] = 0;
  put16(l4 + 2, 0);
  put16(l4 + 4, st.icmp_id);
  put16(l4 + 6, st.icmp_seq);
  writeEchoData(l4 + 8, u.payload, st.icmp_id, st.icmp_seq);
  if (!request) ++st.icmp_seq;
  const uint32_t len = 8 + u.payload;
  const Ip& src = s ? f.outside : f.inside;
  const Ip& dst = s ? f.inside : f.outside;
  put16(l4 + 2, transportChecksum(src, dst, proto, l4, len, f.v6));
  FrameFacts facts;
  facts.has_ports = true;
  facts.sport = 0;  // NetFlow's convention: type and code in the destination port
  facts.dport = static_cast<uint16_t>(type << 8);
  sendIp(f, s, proto, len, 8, false, t, facts);
}

void Emitter::sendIp(FlowSpec& f, int side, uint8_t proto, uint32_t l4_len, uint32_t l4_header,
                     bool df, uint64_t t, FrameFacts& facts) {
  FlowState& st = f.st;
  IpFields ip;
  ip.src = side ? &f.outside : &f.inside;
  ip.dst = side ? &f.inside : &f.outside;
  ip.proto = proto;
  ip.ttl = st.ttl[side];
  ip.id = st.ip_id[side]++;
  ip.df = df;
  ip.flow_label = st.flow_label[side];
  const size_t l3 =
      writeLink(frame_, f.path, s_.router_mac, side == 1, f.v6, ipHeaderLen(f.v6) + l4_len, facts);
  const size_t ip_len = writeIpHeader(frame_ + l3, ip, l4_len, facts);
  facts.kind = FrameKind::Ip;
  facts.app = f.label;
  facts.header_end = static_cast<uint32_t>(l3 + ip_len + l4_header);
  facts.wire_len = padFrame(frame_, l3 + ip_len + l4_len);
  sink_.frame(t, frame_, facts.wire_len, facts);
}

void Emitter::sendFragments(FlowSpec& f, int side, uint32_t len, uint32_t frames, uint64_t t) {
  FlowState& st = f.st;
  const uint32_t unit = fragmentUnit(f.v6, f.mtu);
  IpFields ip;
  ip.src = side ? &f.outside : &f.inside;
  ip.dst = side ? &f.inside : &f.outside;
  ip.proto = 17;
  ip.ttl = st.ttl[side];
  ip.id = st.ip_id[side]++;
  ip.flow_label = st.flow_label[side];
  ip.fragment = true;
  ip.frag_id = st.frag_id[side]++;
  uint32_t count = 0;
  for (uint32_t off = 0; off < len; off += unit, ++count) {
    const uint32_t n = std::min(unit, len - off);
    ip.frag_offset = off;
    ip.more_fragments = off + n < len;
    FrameFacts facts;
    const size_t hdr = ipHeaderBytes(f.v6, true);
    const size_t l3 = writeLink(frame_, f.path, s_.router_mac, side == 1, f.v6,
                                static_cast<uint32_t>(hdr + n), facts);
    writeIpHeader(frame_ + l3, ip, n, facts);
    std::memcpy(frame_ + l3 + hdr, datagram_ + off, n);
    facts.kind = FrameKind::Ip;
    facts.app = f.label;
    // Only the first fragment carries the UDP header and its ports.
    facts.has_ports = off == 0;
    if (off == 0) {
      facts.sport = static_cast<uint16_t>((datagram_[0] << 8) | datagram_[1]);
      facts.dport = static_cast<uint16_t>((datagram_[2] << 8) | datagram_[3]);
    }
    facts.header_end = static_cast<uint32_t>(l3 + hdr + (off == 0 ? 8 : 0));
    facts.wire_len = padFrame(frame_, l3 + hdr + n);
    sink_.frame(t, frame_, facts.wire_len, facts);
  }
  if (count != frames) std::abort();  // the planner counted these frames
}

}  // namespace edgeflow::gen
