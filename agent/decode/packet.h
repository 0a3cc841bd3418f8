// DecodedPacket: what the decoder learns from one captured frame.
//
// The decoder fills this from a bounded byte view; every field past `status`
// is meaningful only as far as the status says (see decode_status.h).
//
// To keep the per-packet cost low, decodePacket() resets the flags, counters
// and scalars but not the bulky fields that a flag guards: src_mac/dst_mac
// (has_src_mac/has_dst_mac), vlan_ids[i] for i >= vlan_count, and src/dst
// (has_ip). Read those only when their guard says they were written.
#pragma once

#include <cstdint>

#include "agent/common/ip_addr.h"
#include "agent/decode/decode_status.h"

namespace edgeflow::decode {

// pcap LINKTYPE_* values (the numbers in capture file headers, which are
// stable across platforms; platform/ maps libpcap's DLT_* onto these).
enum class LinkType : uint16_t {
  Null = 0,  // BSD loopback: 4-byte address family in the capturing host's byte order
  Ethernet = 1,
  Ppp = 9,       // PPP, optionally with HDLC-like 0xff 0x03 framing
  PppHdlc = 50,  // LINKTYPE_PPP_HDLC (PPP in HDLC-like framing)
  Raw = 101,     // raw IPv4/IPv6, version from the first nibble
  Loop = 108,    // OpenBSD loopback: 4-byte address family, network byte order
  LinuxSll = 113,
  Ipv4 = 228,
  Ipv6 = 229,
  LinuxSll2 = 276,
};

constexpr int kMaxVlanTags = 4;    // deeper VLAN stacks: decode.too_deep
constexpr int kMaxMplsLabels = 8;  // deeper label stacks: decode.too_deep

struct DecodedPacket {
  DecodeStatus status = DecodeStatus::Ok;

  // Link layer (outermost Ethernet header, or the SLL sender address).
  bool has_src_mac = false;
  bool has_dst_mac = false;
  MacAddr src_mac;
  MacAddr dst_mac;
  uint8_t vlan_count = 0;                // tags seen, outermost first
  uint16_t vlan_ids[kMaxVlanTags] = {};  // 12-bit VLAN ids
  uint8_t mpls_count = 0;                // labels seen
  uint32_t mpls_top_label = 0;           // outermost label (20 bits)
  bool pppoe = false;
  uint16_t pppoe_session = 0;

  // Network layer: set when the frame carried IP (status Ok, or an error
  // found after the IP header was read).
  bool has_ip = false;
  IpAddr src;
  IpAddr dst;
  // IP bytes as NetFlow counts them: IPv4 total length, or IPv6 payload
  // length + 40. When the header says 0 (segmentation offload captures) the
  // length is taken from the wire length instead.
  uint32_t ip_bytes = 0;
  uint8_t ip_proto = 0;    // upper-layer protocol after IPv6 extension headers
  uint8_t ttl = 0;         // IPv4 TTL / IPv6 hop limit
  uint16_t l3_offset = 0;  // offset of the IP header in the frame

  // Fragments. `is_fragment` is set for every fragment (first included);
  // only the first (frag_offset 0) carries the transport header.
  bool is_fragment = false;
  bool more_fragments = false;
  uint16_t frag_offset = 0;  // in bytes
  uint32_t frag_id = 0;      // IPv4: 16-bit identification; IPv6: 32-bit

  // Transport layer: ports for TCP/UDP/SCTP. For ICMP and ICMPv6,
  // src_port = 0 and dst_port = type << 8 | code (the NetFlow convention).
  bool has_ports = false;
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  uint8_t tcp_flags = 0;
  // Where the upper layer starts (after IPv6 extension headers). Set with
  // has_ip and status Ok, also when there are no ports (other protocols,
  // ESP, non-first fragments): then payload_offset == l4_offset and the
  // payload is the unparsed rest of the datagram.
  uint16_t l4_offset = 0;       // offset of the transport header
  uint16_t payload_offset = 0;  // first byte after the transport header
  // Payload bytes present in the capture, within the IP datagram (never
  // Ethernet padding); saturates at 65535.
  uint16_t payload_captured = 0;
};

}  // namespace edgeflow::decode
