// IPv6 fixed header (RFC 8200 section 3).
//
// The payload length must not claim more than the wire carried. A payload
// length of 0 is either a jumbogram (RFC 2675, the real length sits in a
// hop-by-hop option) or a segmentation-offload capture (TSO/GSO, taken
// before the NIC split a large send); in both cases the datagram is whatever
// the wire carried from here, which is what we count.
#include "agent/decode/net/net_decoders.h"

namespace edgeflow::decode::net {

namespace {
constexpr size_t kFixedHeader = 40;
}  // namespace

DecodeStatus decodeIpv6(ByteReader& r, DecodeContext& ctx) {
  const size_t l3 = r.offset();
  ByteReader h;
  if (!r.sub(kFixedHeader, h)) return DecodeStatus::Ipv6Truncated;
  uint32_t version_class_flow = 0;
  uint16_t payload_length = 0;
  uint8_t next = 0;
  uint8_t hop_limit = 0;
  h.u32be(version_class_flow);
  h.u16be(payload_length);
  h.u8(next);
  h.u8(hop_limit);
  if ((version_class_flow >> 28) != 6) return DecodeStatus::Ipv6BadVersion;

  const size_t on_wire = ctx.wire_len - l3;
  size_t ip_bytes = payload_length + kFixedHeader;
  if (payload_length == 0) {
    ip_bytes = on_wire;
  } else if (ip_bytes > on_wire) {
    return DecodeStatus::Ipv6BadPayloadLength;
  }

  DecodedPacket& out = ctx.out;
  readIpv6Addr(h, out.src);
  readIpv6Addr(h, out.dst);
  out.has_ip = true;
  out.ip_bytes = static_cast<uint32_t>(ip_bytes);
  out.ip_proto = next;
  out.ttl = hop_limit;
  out.l3_offset = static_cast<uint16_t>(l3);

  const size_t end = l3 + ip_bytes < r.size() ? l3 + ip_bytes : r.size();
  ByteReader seg(r.base(), end);
  seg.skip(r.offset());
  return decodeIpv6Extensions(next, seg, ctx);
}

}  // namespace edgeflow::decode::net
