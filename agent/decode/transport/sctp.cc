// SCTP (RFC 9260): the 12-byte common header (ports, verification tag,
// checksum). Chunks are payload to us.
#include "agent/decode/transport/transport_decoders.h"

namespace edgeflow::decode::transport {

namespace {
constexpr size_t kCommonHeader = 12;
}  // namespace

DecodeStatus decodeSctp(ByteReader& seg, DecodeContext& ctx) {
  return decodePortsHeader(seg, ctx, kCommonHeader, DecodeStatus::SctpTruncated);
}

}  // namespace edgeflow::decode::transport
