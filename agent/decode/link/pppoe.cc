// PPPoE (RFC 2516). Discovery frames (0x8863) carry no IP. Session frames
// (0x8864): ver/type 0x11, code 0, session id, length; then a PPP protocol
// field and its payload.
#include "agent/decode/link/link_decoders.h"

namespace edgeflow::decode::link {

namespace {
constexpr size_t kPppoeHeader = 6;
constexpr uint8_t kVersionType = 0x11;
constexpr uint8_t kSessionCode = 0;
}  // namespace

DecodeStatus decodePppoeDiscovery(ByteReader&, DecodeContext&) { return DecodeStatus::NonIpPppoeDiscovery; }

DecodeStatus decodePppoeSession(ByteReader& r, DecodeContext& ctx) {
  ByteReader h;
  if (!r.sub(kPppoeHeader, h)) return DecodeStatus::PppoeTruncated;
  uint8_t version_type = 0;
  uint8_t code = 0;
  uint16_t session = 0;
  uint16_t length = 0;
  h.u8(version_type);
  h.u8(code);
  h.u16be(session);
  h.u16be(length);
  if (version_type != kVersionType || code != kSessionCode) return DecodeStatus::PppoeBadHeader;
  DecodedPacket& out = ctx.out;
  out.pppoe = true;
  out.pppoe_session = session;
  // `length` covers the PPP protocol field and payload. Ethernet padding may
  // follow, so it can be shorter than the rest of the frame, but not longer
  // than the wire, and it cannot be 0 (there is always a protocol field).
  if (length == 0 || length > ctx.wire_len - r.offset()) return DecodeStatus::PppoeBadLength;
  return decodePppProtocol(r, ctx);
}

}  // namespace edgeflow::decode::link
