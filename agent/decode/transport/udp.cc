// UDP (RFC 768): 8-byte header. The UDP length field is not checked: the IP
// length already bounds the datagram, and offload captures zero it too.
#include "agent/decode/transport/transport_decoders.h"

namespace edgeflow::decode::transport {

namespace {
constexpr size_t kHeader = 8;
}  // namespace

DecodeStatus decodeUdp(ByteReader& seg, DecodeContext& ctx) {
  ByteReader h;
  if (!seg.sub(kHeader, h)) return DecodeStatus::UdpTruncated;
  DecodedPacket& out = ctx.out;
  h.u16be(out.src_port);
  h.u16be(out.dst_port);
  return finishTransportHeader(seg, ctx);
}

}  // namespace edgeflow::decode::transport
