// IPv6 extension headers (RFC 8200 section 4), walked up to the upper layer.
//
//   hop-by-hop (0), routing (43), destination options (60):
//       next header, length in 8-byte units not counting the first 8
//   fragment (44): fixed 8 bytes; offset in the upper 13 bits of bytes 2-3
//       (already a byte count once the low 3 bits are masked), M flag in
//       bit 0, 32-bit identification. Only offset 0 carries the upper layer.
//   AH (51, RFC 4302): length in 4-byte units minus 2
//   ESP (50) and no-next-header (59) end the chain: nothing readable follows.
//
// The chain is capped at kMaxIpv6ExtHeaders; a header that runs past the
// datagram or the capture is decode.ipv6.ext_truncated. A fragment header
// with offset 0 and M clear (an "atomic fragment", RFC 6946) is a whole
// datagram and is not marked as a fragment.
#include "agent/decode/net/net_decoders.h"
#include "agent/decode/transport/transport_decoders.h"

namespace edgeflow::decode::net {

namespace {
constexpr uint8_t kHopByHop = 0;
constexpr uint8_t kRouting = 43;
constexpr uint8_t kFragment = 44;
constexpr uint8_t kAuthentication = 51;
constexpr uint8_t kDestinationOptions = 60;
constexpr size_t kFragmentHeader = 8;

bool isExtensionHeader(uint8_t proto) {
  return proto == kHopByHop || proto == kRouting || proto == kFragment || proto == kAuthentication ||
         proto == kDestinationOptions;
}
}  // namespace

DecodeStatus decodeIpv6Extensions(uint8_t next, ByteReader& seg, DecodeContext& ctx) {
  DecodedPacket& out = ctx.out;
  for (int seen = 0; isExtensionHeader(next); ++seen) {
    if (seen == kMaxIpv6ExtHeaders) return DecodeStatus::TooDeep;
    uint8_t following = 0;
    uint8_t length_field = 0;
    if (!seg.peek8(following) || !seg.peek8(length_field, 1)) return DecodeStatus::Ipv6ExtTruncated;
    size_t length = (length_field + 1u) * 8u;
    if (next == kFragment) length = kFragmentHeader;
    if (next == kAuthentication) length = (length_field + 2u) * 4u;
    ByteReader eh;
    if (!seg.sub(length, eh)) return DecodeStatus::Ipv6ExtTruncated;
    if (next == kFragment) {
      uint16_t offset_flags = 0;
      uint32_t id = 0;
      eh.skip(2);
      eh.u16be(offset_flags);
      eh.u32be(id);
      const uint16_t offset = static_cast<uint16_t>(offset_flags & 0xfff8);
      const bool more = (offset_flags & 1) != 0;
      if (more || offset != 0) {
        out.is_fragment = true;
        out.more_fragments = more;
        out.frag_offset = offset;
        out.frag_id = id;
      }
      if (offset != 0) {
        out.ip_proto = following;
        return transport::noTransportHeader(seg, ctx);
      }
    }
    next = following;
  }
  // The upper layer, or ESP / no-next-header, which have no table entry in
  // the transport dispatch and so end here without ports.
  out.ip_proto = next;
  return transport::decodeTransport(next, seg, ctx);
}

}  // namespace edgeflow::decode::net
