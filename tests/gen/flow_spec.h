// FlowSpec: one planned conversation, and Unit: one step of it.
//
// The planner decides everything that affects counters up front (addresses,
// ports, path, every unit's size and sender), so each flow's IP bytes are
// known before it is assigned to an upstream. The emitter later turns units
// into frames in time order, keeping only protocol state (sequence numbers,
// IP ids) per flow.
#pragma once

#include <cstdint>

#include "tests/gen/app_kinds.h"
#include "tests/gen/net.h"

namespace edgeflow::gen {

enum class FlowClass : uint8_t {
  Tcp,       // TLS-over-TCP conversation (web, mail)
  Dns,       // DNS over UDP port 53
  Quic,      // QUIC-like UDP port 443, short-header packets
  BulkUdp,   // IPsec ESP over UDP 4500, datagrams above the MTU (fragmented)
  Icmp,      // ICMP / ICMPv6 echo
  SynFlood,  // one spoofed SYN
  NonIp,     // special frames, one unit each
  Malformed,
};

enum class TcpRole : uint8_t { Download, Upload, LocalServer, Interactive };

enum class UnitKind : uint8_t {
  TcpSyn,
  TcpSynAck,
  TcpAck,
  TcpData,  // PSH|ACK with payload
  TcpFin,   // FIN|ACK
  TcpRst,   // RST|ACK answering a SYN
  UdpData,  // QUIC-like or bulk datagram; fragmented when frames > 1
  DnsQuery,
  DnsResponse,
  EchoRequest,
  EchoReply,
  // NonIp
  Arp,
  Lldp,
  PppoeDiscovery,
  PppoeLcp,
  MplsPseudowire,
  // Malformed
  BadIhl,
  BadTcpOffset,
  BadTotalLength,
  ShortFrame,
  CutVlan,
  CutIpv6,
};

struct Unit {
  uint16_t payload = 0;  // transport payload bytes (a datagram's, before fragmenting)
  UnitKind kind = UnitKind::TcpAck;
  uint8_t from_outside = 0;  // 1: sent by the outside endpoint
  uint8_t frames = 1;        // frames this unit becomes (> 1: IP fragments)
  uint8_t reserved = 0;
};

// How a flow's frames look below IP. "Outside" is the peer's side of the
// link, "inside" our router's side.
struct LinkPath {
  Mac outside_mac;          // src MAC of frames from outside, dst of frames to it
  uint16_t vlan = 0;        // 802.1Q C-tag; 0 = untagged
  uint16_t outer_tpid = 0;  // 0x88a8 or 0x9100 S-tag before the C-tag; 0 = none
  uint16_t outer_vid = 0;
  uint8_t mpls_count = 0;  // 0..3 labels between the tag and IP
  uint32_t mpls[3] = {};
  uint16_t pppoe_session = 0;  // != 0: IP inside a PPPoE session

  uint32_t overhead() const {  // link bytes before the IP header
    uint32_t n = 14 + (vlan != 0 ? 4 : 0) + (outer_tpid != 0 ? 4 : 0) + 4u * mpls_count;
    return n + (pppoe_session != 0 ? 8 : 0);
  }
};

// Per-flow protocol state, index 0 = inside endpoint, 1 = outside endpoint.
struct FlowState {
  uint32_t next_seq[2] = {};
  uint32_t stream_pos[2] = {};
  uint16_t ip_id[2] = {};
  uint8_t ttl[2] = {};
  uint16_t window[2] = {};
  uint32_t flow_label[2] = {};
  uint32_t frag_id[2] = {};  // IPv6 fragment identification
  uint16_t dns_id = 0;
  uint16_t icmp_id = 0;
  uint16_t icmp_seq = 0;
  uint64_t conn_id[2] = {};    // QUIC connection ids; their low half is the ESP SPI
  uint32_t datagrams[2] = {};  // UDP datagrams sent so far (ESP sequence numbers)
  uint32_t first_len[2] = {};  // TCP: bytes of the sender's first payload (ClientHello ...)
};

struct FlowSpec {
  FlowClass cls = FlowClass::Tcp;
  TcpRole role = TcpRole::Download;
  bool initiator_outside = false;
  bool v6 = false;
  Ip inside;
  Ip outside;
  uint16_t inside_port = 0;
  uint16_t outside_port = 0;
  LinkPath path;
  uint16_t mtu = 1500;
  uint16_t mss = 1460;
  uint8_t qname_len = 0;  // DNS: wire length of the query name
  bool edns = false;
  bool fragmented = false;  // DNS: most answers exceed the MTU
  uint32_t name_seed = 0;
  uint32_t first_unit = 0;
  uint32_t unit_count = 0;
  uint32_t frame_count = 0;
  uint64_t ip_bytes = 0;
  uint32_t stream_len[2] = {};    // TCP byte stream length per sender
  AppKind app = AppKind::None;    // what the payload is (app_plan.cc)
  int8_t app_host = -1;           // TLS/HTTP: index into kTlsHosts
  LabelId label = kUnknownLabel;  // the application label the agent must give
  // Per sender: two data units whose planned sizes app_plan.cc swapped
  // (UINT32_MAX: none). The emitter draws random bytes for each as for its
  // planned size, so the rest of the capture draws what it drew before.
  uint32_t swapped[2][2] = {{UINT32_MAX, UINT32_MAX}, {UINT32_MAX, UINT32_MAX}};
  FlowState st;
};

// Header sizes the planner and the emitter must agree on.
constexpr uint32_t kTcpSynOptions = 12;  // MSS, NOP, WS, NOP, NOP, SACK_PERM

inline uint32_t ipHeaderLen(bool v6) { return v6 ? 40 : 20; }

inline uint32_t tcpHeaderLen(UnitKind k, bool flood) {
  return (!flood && (k == UnitKind::TcpSyn || k == UnitKind::TcpSynAck)) ? 20 + kTcpSynOptions : 20;
}

// Bytes of fragment data per non-final fragment: what fits after the IP
// header (and the IPv6 fragment header), rounded down to 8.
inline uint32_t fragmentUnit(bool v6, uint32_t mtu) {
  return (mtu - ipHeaderLen(v6) - (v6 ? 8 : 0)) / 8 * 8;
}

// Frames a UDP datagram of `udp_len` bytes (header included) becomes.
inline uint32_t fragmentCount(bool v6, uint32_t mtu, uint32_t udp_len) {
  if (ipHeaderLen(v6) + udp_len <= mtu) return 1;
  const uint32_t unit = fragmentUnit(v6, mtu);
  return (udp_len + unit - 1) / unit;
}

}  // namespace edgeflow::gen
