// PPP (LINKTYPE_PPP 9, LINKTYPE_PPP_HDLC 50) and the PPP protocol field that
// PPPoE shares.
//
// RFC 1662 framing puts address 0xff and control 0x03 first; captures may or
// may not keep them (Address-and-Control-Field-Compression drops them), so
// they are optional. The protocol field is 2 bytes, or 1 byte under Protocol-
// Field-Compression (RFC 1661 section 6.5): protocol numbers have an even
// high byte and an odd low byte, so an odd first byte is a 1-byte field.
#include "agent/decode/link/link_decoders.h"
#include "agent/decode/net/net_decoders.h"

namespace edgeflow::decode::link {

namespace {
constexpr uint8_t kHdlcAddress = 0xff;
constexpr uint8_t kHdlcControl = 0x03;
constexpr uint16_t kPppIpv4 = 0x0021;
constexpr uint16_t kPppIpv6 = 0x0057;
}  // namespace

DecodeStatus decodePpp(ByteReader& r, DecodeContext& ctx) {
  uint8_t first = 0;
  if (!r.peek8(first)) return DecodeStatus::PppTruncated;
  if (first == kHdlcAddress) {
    uint8_t control = 0;
    if (!r.peek8(control, 1)) return DecodeStatus::PppTruncated;
    if (control == kHdlcControl) r.skip(2);
  }
  return decodePppProtocol(r, ctx);
}

DecodeStatus decodePppProtocol(ByteReader& r, DecodeContext& ctx) {
  uint8_t first = 0;
  if (!r.u8(first)) return DecodeStatus::PppTruncated;
  uint16_t protocol = first;
  if ((first & 1) == 0) {
    uint8_t second = 0;
    if (!r.u8(second)) return DecodeStatus::PppTruncated;
    protocol = static_cast<uint16_t>(first << 8 | second);
  }
  switch (protocol) {
    case kPppIpv4:
      return net::decodeIpv4(r, ctx);
    case kPppIpv6:
      return net::decodeIpv6(r, ctx);
    default:
      return DecodeStatus::NonIpPppProtocol;  // LCP, IPCP, CHAP, ...
  }
}

}  // namespace edgeflow::decode::link
