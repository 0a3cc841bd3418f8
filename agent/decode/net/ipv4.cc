// IPv4 (RFC 791).
//
// Checks, in order: the fixed header is captured; version 4; IHL >= 5; the
// options are captured; total length covers the header and does not claim
// more than the wire carried from here. Ethernet may pad a short datagram,
// so the frame can be longer than the total length: the transport decoders
// see only the datagram.
#include "agent/decode/net/net_decoders.h"
#include "agent/decode/transport/transport_decoders.h"

namespace edgeflow::decode::net {

namespace {
constexpr size_t kFixedHeader = 20;
constexpr uint16_t kMoreFragments = 0x2000;
constexpr uint16_t kOffsetMask = 0x1fff;  // in 8-byte units
}  // namespace

DecodeStatus decodeIpv4(ByteReader& r, DecodeContext& ctx) {
  const size_t l3 = r.offset();
  ByteReader h;
  if (!r.sub(kFixedHeader, h)) return DecodeStatus::Ipv4Truncated;
  uint8_t version_ihl = 0;
  uint16_t total_length = 0;
  uint16_t id = 0;
  uint16_t flags_offset = 0;
  uint8_t ttl = 0;
  uint8_t proto = 0;
  h.u8(version_ihl);
  h.skip(1);  // DSCP/ECN
  h.u16be(total_length);
  h.u16be(id);
  h.u16be(flags_offset);
  h.u8(ttl);
  h.u8(proto);
  h.skip(2);  // checksum
  if ((version_ihl >> 4) != 4) return DecodeStatus::Ipv4BadVersion;
  const size_t header_len = (version_ihl & 0x0fu) * 4u;
  if (header_len < kFixedHeader) return DecodeStatus::Ipv4BadIhl;
  if (!r.skip(header_len - kFixedHeader)) return DecodeStatus::Ipv4Truncated;  // options

  const size_t on_wire = ctx.wire_len - l3;
  size_t ip_bytes = total_length;
  if (total_length == 0) {
    // Segmentation offload: a capture taken before the NIC splits a large
    // TCP/UDP send (TSO/GSO) can show total length 0 for a datagram over
    // 64 KiB. The datagram is then whatever the wire carried from here.
    ip_bytes = on_wire;
  } else if (total_length < header_len || total_length > on_wire) {
    // A header that claims more than arrived is lying: reject it rather than
    // count bytes that never crossed the link.
    return DecodeStatus::Ipv4BadTotalLength;
  }

  DecodedPacket& out = ctx.out;
  readIpv4Addr(h, out.src);
  readIpv4Addr(h, out.dst);
  out.has_ip = true;
  out.ip_bytes = static_cast<uint32_t>(ip_bytes);
  out.ip_proto = proto;
  out.ttl = ttl;
  out.l3_offset = static_cast<uint16_t>(l3);

  const uint16_t frag_offset = static_cast<uint16_t>((flags_offset & kOffsetMask) * 8u);
  const bool more = (flags_offset & kMoreFragments) != 0;
  if (more || frag_offset != 0) {
    out.is_fragment = true;
    out.more_fragments = more;
    out.frag_offset = frag_offset;
    out.frag_id = id;
  }

  const size_t end = l3 + ip_bytes < r.size() ? l3 + ip_bytes : r.size();
  ByteReader seg(r.base(), end);
  seg.skip(r.offset());
  // Only the first fragment carries the transport header.
  if (frag_offset != 0) return transport::noTransportHeader(seg, ctx);
  return transport::decodeTransport(proto, seg, ctx);
}

}  // namespace edgeflow::decode::net
