// UDP (RFC 768): 8-byte header. The UDP length field is not checked: the IP
// length already bounds the datagram, and offload captures zero it too.
#include "agent/decode/transport/transport_decoders.h"

namespace edgeflow::decode::transport {

namespace {
constexpr size_t kHeader = 8;
}  // namespace

DecodeStatus decodeUdp(ByteReader& seg, DecodeContext& ctx) {
  return decodePortsHeader(seg, ctx, kHeader, DecodeStatus::UdpTruncated);
}

}  // namespace edgeflow::decode::transport
