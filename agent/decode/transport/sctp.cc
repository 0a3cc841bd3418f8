// SCTP (RFC 9260): the 12-byte common header (ports, verification tag,
// checksum). Chunks are payload to us.
#include "agent/decode/transport/transport_decoders.h"

namespace edgeflow::decode::transport {

namespace {
constexpr size_t kCommonHeader = 12;
}  // namespace

DecodeStatus decodeSctp(ByteReader& seg, DecodeContext& ctx) {
  ByteReader h;
  if (!seg.sub(kCommonHeader, h)) return DecodeStatus::SctpTruncated;
  DecodedPacket& out = ctx.out;
  h.u16be(out.src_port);
  h.u16be(out.dst_port);
  return finishTransportHeader(seg, ctx);
}

}  // namespace edgeflow::decode::transport
