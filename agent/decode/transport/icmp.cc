// ICMP (RFC 792) and ICMPv6 (RFC 4443). Flows key them the NetFlow way:
// source port 0, destination port type << 8 | code, so only type and code
// must be captured. The 4-byte header (type, code, checksum) is skipped as
// far as it was captured before the payload starts.
#include "agent/decode/transport/transport_decoders.h"

namespace edgeflow::decode::transport {

namespace {

constexpr size_t kNeeded = 2;
constexpr size_t kHeader = 4;

DecodeStatus decodeTypeCode(ByteReader& seg, DecodeContext& ctx, DecodeStatus truncated) {
  uint8_t type = 0;
  uint8_t code = 0;
  if (seg.remaining() < kNeeded) return truncated;
  seg.u8(type);
  seg.u8(code);
  seg.skip(seg.remaining() < kHeader - kNeeded ? seg.remaining() : kHeader - kNeeded);
  DecodedPacket& out = ctx.out;
  out.src_port = 0;
  out.dst_port = static_cast<uint16_t>(type << 8 | code);
  return finishTransportHeader(seg, ctx);
}

}  // namespace

DecodeStatus decodeIcmp(ByteReader& seg, DecodeContext& ctx) {
  return decodeTypeCode(seg, ctx, DecodeStatus::IcmpTruncated);
}

DecodeStatus decodeIcmpv6(ByteReader& seg, DecodeContext& ctx) {
  return decodeTypeCode(seg, ctx, DecodeStatus::Icmpv6Truncated);
}

}  // namespace edgeflow::decode::transport
