// Transport dispatch: a table from IP protocol number to decoder.
#include <array>

#include "agent/decode/transport/transport_decoders.h"

namespace edgeflow::decode::transport {

namespace {

using TransportDecoder = DecodeStatus (*)(ByteReader& seg, DecodeContext& ctx);

constexpr std::array<TransportDecoder, 256> makeTable() {
  std::array<TransportDecoder, 256> table{};
  table[1] = decodeIcmp;
  table[6] = decodeTcp;
  table[17] = decodeUdp;
  table[58] = decodeIcmpv6;
  table[132] = decodeSctp;
  return table;
}

constexpr std::array<TransportDecoder, 256> kTable = makeTable();

}  // namespace

DecodeStatus noTransportHeader(ByteReader& seg, DecodeContext& ctx) {
  DecodedPacket& out = ctx.out;
  out.l4_offset = static_cast<uint16_t>(seg.offset());
  out.payload_offset = out.l4_offset;
  const size_t left = seg.remaining();
  out.payload_captured = static_cast<uint16_t>(left > 0xffff ? 0xffff : left);
  return DecodeStatus::Ok;
}

DecodeStatus decodeTransport(uint8_t proto, ByteReader& seg, DecodeContext& ctx) {
  const TransportDecoder decode = kTable[proto];
  if (decode == nullptr) return noTransportHeader(seg, ctx);
  ctx.out.l4_offset = static_cast<uint16_t>(seg.offset());
  return decode(seg, ctx);
}

}  // namespace edgeflow::decode::transport
