// BSD loopback encapsulations: a 4-byte address family before the packet.
//
// LINKTYPE_NULL (0) writes the family in the byte order of the host that
// captured, which a file reader cannot know; families are small numbers, so
// a value with any of the upper 16 bits set was written in the other order
// and is swapped. LINKTYPE_LOOP (108) always writes it big-endian.
// AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD,
// DragonFly), 30 (macOS) or 10 (Linux).
#include "agent/decode/link/link_decoders.h"
#include "agent/decode/net/net_decoders.h"

namespace edgeflow::decode::link {

namespace {

DecodeStatus decodeFamily(uint32_t family, ByteReader& r, DecodeContext& ctx) {
  switch (family) {
    case 2:
      return net::decodeIpv4(r, ctx);
    case 10:
    case 24:
    case 28:
    case 30:
      return net::decodeIpv6(r, ctx);
    default:
      return DecodeStatus::NonIpAddressFamily;
  }
}

uint32_t byteSwap(uint32_t v) {
  return (v >> 24) | ((v >> 8) & 0x0000ff00u) | ((v << 8) & 0x00ff0000u) | (v << 24);
}

}  // namespace

DecodeStatus decodeNull(ByteReader& r, DecodeContext& ctx) {
  uint32_t family = 0;
  if (!r.u32le(family)) return DecodeStatus::NullTruncated;
  if (family > 0xffff) family = byteSwap(family);
  return decodeFamily(family, r, ctx);
}

DecodeStatus decodeLoop(ByteReader& r, DecodeContext& ctx) {
  uint32_t family = 0;
  if (!r.u32be(family)) return DecodeStatus::LoopTruncated;
  return decodeFamily(family, r, ctx);
}

}  // namespace edgeflow::decode::link
