// LINKTYPE_RAW (101): the frame is an IP packet; the version nibble says
// which. (LINKTYPE_IPV4 228 and LINKTYPE_IPV6 229 go straight to the IP
// decoders, whose version checks reject the other family.)
#include "agent/decode/link/link_decoders.h"
#include "agent/decode/net/net_decoders.h"

namespace edgeflow::decode::link {

DecodeStatus decodeRaw(ByteReader& r, DecodeContext& ctx) {
  return net::decodeIpByVersion(r, ctx, DecodeStatus::RawTruncated, DecodeStatus::RawBadVersion);
}

}  // namespace edgeflow::decode::link
