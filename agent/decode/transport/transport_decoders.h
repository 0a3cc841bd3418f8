// Transport-layer decoders. Each takes `seg`, a reader over the frame that
// ends where the IP datagram (or the capture, if shorter) ends, positioned at
// the transport header, so Ethernet padding is never taken for a header.
#pragma once

#include <cstdint>

#include "agent/decode/decode_context.h"

namespace edgeflow::decode::transport {

// Records l4_offset and decodes the header of `proto` (TCP, UDP, SCTP, ICMP,
// ICMPv6). Other protocols are Ok without ports.
DecodeStatus decodeTransport(uint8_t proto, ByteReader& seg, DecodeContext& ctx);  // dispatch.cc

// For data without a transport header we read (other protocols, ESP,
// non-first fragments): l4_offset = payload_offset = here. Returns Ok.
DecodeStatus noTransportHeader(ByteReader& seg, DecodeContext& ctx);  // dispatch.cc

// Records payload_offset/payload_captured once the header is consumed.
inline DecodeStatus finishTransportHeader(ByteReader& seg, DecodeContext& ctx) {
  ctx.out.payload_offset = static_cast<uint16_t>(seg.offset());
  const size_t left = seg.remaining();
  ctx.out.payload_captured = static_cast<uint16_t>(left > 0xffff ? 0xffff : left);
  ctx.out.has_ports = true;
  return DecodeStatus::Ok;
}

// Headers that start with the two ports and carry nothing else we read
// (UDP, SCTP): `size` bytes must be there, else `truncated`.
inline DecodeStatus decodePortsHeader(ByteReader& seg, DecodeContext& ctx, size_t size, DecodeStatus truncated) {
  ByteReader h;
  if (!seg.sub(size, h)) return truncated;
  h.u16be(ctx.out.src_port);
  h.u16be(ctx.out.dst_port);
  return finishTransportHeader(seg, ctx);
}

DecodeStatus decodeTcp(ByteReader& seg, DecodeContext& ctx);     // tcp.cc
DecodeStatus decodeUdp(ByteReader& seg, DecodeContext& ctx);     // udp.cc
DecodeStatus decodeSctp(ByteReader& seg, DecodeContext& ctx);    // sctp.cc
DecodeStatus decodeIcmp(ByteReader& seg, DecodeContext& ctx);    // icmp.cc
DecodeStatus decodeIcmpv6(ByteReader& seg, DecodeContext& ctx);  // icmp.cc

}  // namespace edgeflow::decode::transport
