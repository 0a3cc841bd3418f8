// TCP (RFC 9293): ports, flags, and the data offset that sizes the header.
// The whole header, options included, must lie within the datagram and the
// capture.
#include "agent/decode/transport/transport_decoders.h"

namespace edgeflow::decode::transport {

namespace {
constexpr size_t kFixedHeader = 20;
}  // namespace

DecodeStatus decodeTcp(ByteReader& seg, DecodeContext& ctx) {
  ByteReader h;
  if (!seg.sub(kFixedHeader, h)) return DecodeStatus::TcpTruncated;
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  uint8_t data_offset = 0;
  uint8_t flags = 0;
  h.u16be(src_port);
  h.u16be(dst_port);
  h.skip(8);  // sequence and acknowledgement numbers
  h.u8(data_offset);
  h.u8(flags);
  const size_t header_len = (data_offset >> 4) * 4u;
  if (header_len < kFixedHeader) return DecodeStatus::TcpBadDataOffset;
  if (!seg.skip(header_len - kFixedHeader)) return DecodeStatus::TcpTruncated;  // options
  DecodedPacket& out = ctx.out;
  out.src_port = src_port;
  out.dst_port = dst_port;
  out.tcp_flags = flags;
  return finishTransportHeader(seg, ctx);
}

}  // namespace edgeflow::decode::transport
