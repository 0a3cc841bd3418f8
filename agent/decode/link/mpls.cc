// MPLS label stack (EtherTypes 0x8847 unicast, 0x8848 multicast).
//
// Each 4-byte entry is label(20) TC(3) S(1) TTL(8); the entry with S set is
// the bottom of the stack. MPLS does not say what it carries: like other
// decoders we look at the first nibble after the stack, 4 = IPv4, 6 = IPv6.
// Anything else (0 is a pseudowire control word, RFC 4385) is non-IP.
// Quirk: an Ethernet pseudowire without control word starts with a MAC
// address whose first nibble may be 4 or 6; such frames are then decoded as
// IP and usually rejected by the IP header checks.
#include "agent/decode/link/link_decoders.h"
#include "agent/decode/net/net_decoders.h"

namespace edgeflow::decode::link {

namespace {
constexpr uint32_t kBottomOfStack = 0x100;
constexpr int kLabelShift = 12;
}  // namespace

DecodeStatus decodeMpls(ByteReader& r, DecodeContext& ctx) {
  DecodedPacket& out = ctx.out;
  for (;;) {
    if (out.mpls_count >= kMaxMplsLabels) return DecodeStatus::TooDeep;
    uint32_t entry = 0;
    if (!r.u32be(entry)) return DecodeStatus::MplsTruncated;
    if (out.mpls_count == 0) out.mpls_top_label = entry >> kLabelShift;
    ++out.mpls_count;
    if (entry & kBottomOfStack) break;
  }
  return net::decodeIpByVersion(r, ctx, DecodeStatus::MplsTruncated, DecodeStatus::NonIpMplsPayload);
}

}  // namespace edgeflow::decode::link
