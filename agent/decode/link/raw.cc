// LINKTYPE_RAW (101): the frame is an IP packet; the version nibble says
// which. (LINKTYPE_IPV4 228 and LINKTYPE_IPV6 229 go straight to the IP
// decoders, whose version checks reject the other family.)
#include "agent/decode/link/link_decoders.h"
#include "agent/decode/net/net_decoders.h"

namespace edgeflow::decode::link {

DecodeStatus decodeRaw(ByteReader& r, DecodeContext& ctx) {
  uint8_t first = 0;
  if (!r.peek8(first)) return DecodeStatus::RawTruncated;
  switch (first >> 4) {
    case 4:
      return net::decodeIpv4(r, ctx);
    case 6:
      return net::decodeIpv6(r, ctx);
    default:
      return DecodeStatus::RawBadVersion;
  }
}

}  // namespace edgeflow::decode::link
