// The common case without the layer walk (internal to the decoder).
//
// Ethernet II with at most one 802.1Q tag, IPv4 without options,
// unfragmented, TCP or UDP, all headers captured and every length sane: most
// frames on a border link.
// decodeFastPath() decodes those straight through and writes every field the
// layered decoders would (fast_path_test.cc compares the two on every sample,
// every truncation and random mutations); for anything else it writes
// nothing and returns false, and decodePacket() takes the layered path.
// Forced inline, so that decodePacket() runs it without a call (that call
// is a sixth of the cost of a whole TCP packet).
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
constexpr uint8_t kVersion4Ihl5 = 0x45;
constexpr uint16_t kFragmentBits = 0x3fff;  // MF and offset; DF is fine
constexpr uint8_t kTcp = 6;
constexpr uint8_t kUdp = 17;
}  // namespace fast_path

[[gnu::always_inline]] inline bool decodeFastPath(const uint8_t* data, size_t captured, size_t wire_len,
                                                  DecodedPacket& out) {
  using namespace fast_path;
  ByteReader r(data, captured);
  ByteReader eth;
  if (!r.sub(kEthernetHeader, eth)) return false;
  uint16_t ethertype = 0;
  eth.skip(12);
  eth.u16be(ethertype);
  // One 802.1Q tag, as on a router port with a VLAN per upstream.
  uint16_t tci = 0;
  const bool tagged = ethertype == kEthertypeVlan;
  if (tagged) {
    ByteReader tag;
    if (!r.sub(kVlanTag, tag)) return false;
    tag.u16be(tci);
    tag.u16be(ethertype);
  }
  const size_t l3 = r.offset();
  const size_t l4 = l3 + kIpv4Header;
  ByteReader ip;
  if (!r.sub(kIpv4Header, ip)) return false;
  uint8_t version_ihl = 0;
  uint16_t total_length = 0;
  uint16_t flags_offset = 0;
  uint8_t ttl = 0;
  uint8_t proto = 0;
  ip.u8(version_ihl);
  ip.skip(1);
  ip.u16be(total_length);
  ip.skip(2);
  ip.u16be(flags_offset);
  ip.u8(ttl);
  ip.u8(proto);
  if (ethertype != kEthertypeIpv4 || version_ihl != kVersion4Ihl5 || (flags_offset & kFragmentBits) != 0) {
    return false;
  }
  // Total length 0 (offload) and lengths the layered path rejects go there.
  if (total_length < kIpv4Header || total_length > wire_len - l3) return false;
  const size_t end = l3 + total_length < captured ? l3 + total_length : captured;
  ByteReader seg(data, end);
  seg.skip(l4);
  ByteReader transport;
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  uint8_t tcp_flags = 0;
  if (proto == kTcp) {
    uint8_t data_offset = 0;
    if (!seg.sub(20, transport)) return false;
    transport.u16be(src_port);
    transport.u16be(dst_port);
    transport.skip(8);
    transport.u8(data_offset);
    transport.u8(tcp_flags);
    const size_t header_len = (data_offset >> 4) * 4u;
    if (header_len < 20 || !seg.skip(header_len - 20)) return false;
  } else if (proto == kUdp) {
    if (!seg.sub(8, transport)) return false;
    transport.u16be(src_port);
    transport.u16be(dst_port);
  } else {
    return false;
  }

  // Accepted: write every field decodePacket() promises.
  eth = ByteReader(data, kEthernetHeader);
  readMac(eth, out.dst_mac);
  readMac(eth, out.src_mac);
  ip.skip(2);  // checksum
  readIpv4Addr(ip, out.src);
  readIpv4Addr(ip, out.dst);
  out.status = DecodeStatus::Ok;
  out.has_src_mac = true;
  out.has_dst_mac = true;
  out.vlan_count = tagged ? 1 : 0;
  out.vlan_ids[0] = static_cast<uint16_t>(tci & 0x0fff);
  out.mpls_count = 0;
  out.mpls_top_label = 0;
  out.pppoe = false;
  out.pppoe_session = 0;
  out.has_ip = true;
  out.ip_bytes = total_length;
  out.ip_proto = proto;
  out.ttl = ttl;
  out.l3_offset = static_cast<uint16_t>(l3);
  out.is_fragment = false;
  out.more_fragments = false;
  out.frag_offset = 0;
  out.frag_id = 0;
  out.has_ports = true;
  out.src_port = src_port;
  out.dst_port = dst_port;
  out.tcp_flags = tcp_flags;
  out.l4_offset = static_cast<uint16_t>(l4);
  out.payload_offset = static_cast<uint16_t>(seg.offset());
  out.payload_captured = static_cast<uint16_t>(seg.remaining());
  return true;
}

// The layered path alone: reset, then the link type's decoder.
DecodeStatus decodeLayered(LinkType link, const uint8_t* data, size_t captured, size_t wire_len,
                           DecodedPacket& out);

}  // namespace edgeflow::decode
