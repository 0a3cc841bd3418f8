// The common case without the layer walk (internal to the decoder).
//
// Ethernet II with at most one 802.1Q tag, then either IPv4 without options,
// unfragmented, or IPv6 without extension headers and with a non-zero
// payload length; then TCP, UDP, ICMP or ICMPv6, all headers captured and
// every length sane: most frames on a border link.
// decodeFastPath() decodes those straight through and writes every field the
// layered decoders would (fast_path_test.cc compares the two on every sample,
// every truncation and random mutations). For anything else it returns
// false and decodePacket() takes the layered path; it may have written some
// fields by then, but only ones that the layered path resets, overwrites or
// marks unused (the guarded fields of packet.h), so the result is the same.
// Forced inline, so that decodePacket() runs it without a call (that call
// is a sixth of the cost of a whole TCP packet). Fields are stored as soon
// as they are read, even before the checks, so that few values stay live
// across them (each live value beyond the scratch registers costs a save
// and a restore per frame).
#pragma once

#include <cstddef>
#include <cstdint>

#include "agent/decode/decode_context.h"
#include "agent/decode/ethertype_table.h"
#include "agent/decode/packet.h"

namespace edgeflow::decode {

namespace fast_path {
constexpr size_t kEthernetHeader = 14;
constexpr size_t kVlanTag = 4;
constexpr size_t kIpv4Header = 20;  // without options
constexpr size_t kIpv6Header = 40;  // fixed header
constexpr uint8_t kVersion4Ihl5 = 0x45;
constexpr uint16_t kFragmentBits = 0x3fff;  // MF and offset; DF is fine
constexpr uint8_t kTcp = 6;
constexpr uint8_t kUdp = 17;
constexpr uint8_t kIcmp = 1;
constexpr uint8_t kIcmpv6 = 58;
constexpr size_t kTcpHeader = 20;  // without options
constexpr size_t kUdpHeader = 8;
constexpr size_t kIcmpHeader = 4;  // type, code, checksum

// The IPv4 header at `r` (no options, not a fragment, a sane total length),
// or false. Writes the IP fields and sets `end` to the end of the datagram
// within the capture; `r` moves past the header.
[[gnu::always_inline]] inline bool ipv4(ByteReader& r, size_t wire_len, DecodedPacket& out, size_t& end) {
  const size_t l3 = r.offset();
  ByteReader h;
  if (!r.sub(kIpv4Header, h)) return false;
  uint8_t version_ihl = 0;
  uint16_t total_length = 0;
  uint16_t flags_offset = 0;
  uint8_t ttl = 0;
  uint8_t proto = 0;
  h.u8(version_ihl);
  h.skip(1);
  h.u16be(total_length);
  h.skip(2);
  h.u16be(flags_offset);
  h.u8(ttl);
  h.u8(proto);
  h.skip(2);  // checksum
  // Stored before the checks, so that few values stay live (see above).
  readIpv4Addr(h, out.src);
  readIpv4Addr(h, out.dst);
  out.ip_bytes = total_length;
  out.ip_proto = proto;
  out.ttl = ttl;
  out.l3_offset = static_cast<uint16_t>(l3);
  if (version_ihl != kVersion4Ihl5 || (flags_offset & kFragmentBits) != 0) return false;
  // Total length 0 (offload) and lengths the layered path rejects go there.
  if (total_length < kIpv4Header || total_length > wire_len - l3) return false;
  end = l3 + total_length < r.size() ? l3 + total_length : r.size();
  return true;
}

// The IPv6 fixed header at `r` (a non-zero payload length that the wire
// carried), or false; as ipv4(). Extension headers are left to the caller:
// their numbers are none of the transport protocols it takes.
[[gnu::always_inline]] inline bool ipv6(ByteReader& r, size_t wire_len, DecodedPacket& out, size_t& end) {
  const size_t l3 = r.offset();
  ByteReader h;
  if (!r.sub(kIpv6Header, h)) return false;
  uint8_t version = 0;
  uint16_t payload_length = 0;
  uint8_t next = 0;
  uint8_t hop_limit = 0;
  h.u8(version);
  h.skip(3);  // traffic class, flow label
  h.u16be(payload_length);
  h.u8(next);
  h.u8(hop_limit);
  const size_t ip_bytes = payload_length + kIpv6Header;
  readIpv6Addr(h, out.src);
  readIpv6Addr(h, out.dst);
  out.ip_bytes = static_cast<uint32_t>(ip_bytes);
  out.ip_proto = next;
  out.ttl = hop_limit;
  out.l3_offset = static_cast<uint16_t>(l3);
  if ((version >> 4) != 6) return false;
  // Payload length 0 (jumbogram or offload) and lengths the layered path
  // rejects go there.
  if (payload_length == 0 || ip_bytes > wire_len - l3) return false;
  end = l3 + ip_bytes < r.size() ? l3 + ip_bytes : r.size();
  return true;
}

// The TCP, UDP, ICMP or ICMPv6 header at `l4`, within the datagram that
// ends at `end` (l4 <= end <= captured), or false. Writes the transport
// fields.
[[gnu::always_inline]] inline bool transport(const uint8_t* data, size_t l4, size_t end, uint8_t proto,
                                             DecodedPacket& out) {
  ByteReader seg(data + l4, end - l4);
  ByteReader h;
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  uint8_t tcp_flags = 0;
  if (proto == kTcp) {
    uint8_t data_offset = 0;
    if (!seg.sub(kTcpHeader, h)) return false;
    h.u16be(src_port);
    h.u16be(dst_port);
    h.skip(8);
    h.u8(data_offset);
    h.u8(tcp_flags);
    const size_t header_len = (data_offset >> 4) * 4u;
    if (header_len < kTcpHeader || !seg.skip(header_len - kTcpHeader)) return false;
  } else if (proto == kUdp) {
    if (!seg.sub(kUdpHeader, h)) return false;
    h.u16be(src_port);
    h.u16be(dst_port);
  } else if (proto == kIcmp || proto == kIcmpv6) {
    // NetFlow's ports: 0 and type << 8 | code. The layered path also takes
    // a header captured only in part; here all four bytes must be there.
    if (!seg.sub(kIcmpHeader, h)) return false;
    h.u16be(dst_port);
  } else {
    return false;
  }
  out.has_ports = true;
  out.src_port = src_port;
  out.dst_port = dst_port;
  out.tcp_flags = tcp_flags;
  out.l4_offset = static_cast<uint16_t>(l4);
  out.payload_offset = static_cast<uint16_t>(l4 + seg.offset());
  // Less than 65535: no need to saturate.
  out.payload_captured = static_cast<uint16_t>(seg.remaining());
  return true;
}

}  // namespace fast_path

[[gnu::always_inline]] inline bool decodeFastPath(const uint8_t* data, size_t captured, size_t wire_len,
                                                  DecodedPacket& out) {
  using namespace fast_path;
  ByteReader r(data, captured);
  ByteReader eth;
  if (!r.sub(kEthernetHeader, eth)) return false;
  uint16_t ethertype = 0;
  readMac(eth, out.dst_mac);
  readMac(eth, out.src_mac);
  eth.u16be(ethertype);
  out.has_src_mac = true;
  out.has_dst_mac = true;
  // One 802.1Q tag, as on a router port with a VLAN per upstream.
  out.vlan_count = 0;
  if (ethertype == kEthertypeVlan) {
    ByteReader tag;
    uint16_t tci = 0;
    if (!r.sub(kVlanTag, tag)) return false;
    tag.u16be(tci);
    tag.u16be(ethertype);
    out.vlan_count = 1;
    out.vlan_ids[0] = static_cast<uint16_t>(tci & 0x0fff);
  }
  size_t end = 0;
  if (ethertype == kEthertypeIpv4) {
    if (!ipv4(r, wire_len, out, end)) return false;
  } else if (ethertype == kEthertypeIpv6) {
    if (!ipv6(r, wire_len, out, end)) return false;
  } else {
    return false;
  }
  if (!transport(data, r.offset(), end, out.ip_proto, out)) return false;
  out.status = DecodeStatus::Ok;
  out.mpls_count = 0;
  out.mpls_top_label = 0;
  out.pppoe = false;
  out.pppoe_session = 0;
  out.has_ip = true;
  out.is_fragment = false;
  out.more_fragments = false;
  out.frag_offset = 0;
  out.frag_id = 0;
  return true;
}

// The layered path alone: reset, then the link type's decoder.
DecodeStatus decodeLayered(LinkType link, const uint8_t* data, size_t captured, size_t wire_len,
                           DecodedPacket& out);

}  // namespace edgeflow::decode
