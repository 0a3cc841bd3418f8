// Network-layer decoders: IPv4 and IPv6 (with its extension headers).
#pragma once

#include "agent/decode/decode_context.h"

namespace edgeflow::decode::net {

// Decode the IP header at r's position, then the transport header inside the
// datagram. Set out.has_ip as soon as the IP header is read and its length
// is trusted, so a later transport error still leaves addresses and ip_bytes.
DecodeStatus decodeIpv4(ByteReader& r, DecodeContext& ctx);  // ipv4.cc
DecodeStatus decodeIpv6(ByteReader& r, DecodeContext& ctx);  // ipv6.cc

// Walks IPv6 extension headers starting with `next`; `seg` ends where the
// datagram (or the capture) ends.
DecodeStatus decodeIpv6Extensions(uint8_t next, ByteReader& seg, DecodeContext& ctx);  // ipv6_ext.cc

// IPv4 or IPv6 chosen by the version nibble, for payloads that do not say
// which (MPLS, raw IP links). `truncated`: nothing to read; `other`: any
// other version.
inline DecodeStatus decodeIpByVersion(ByteReader& r, DecodeContext& ctx, DecodeStatus truncated,
                                      DecodeStatus other) {
  uint8_t first = 0;
  if (!r.peek8(first)) return truncated;
  switch (first >> 4) {
    case 4:
      return decodeIpv4(r, ctx);
    case 6:
      return decodeIpv6(r, ctx);
    default:
      return other;
  }
}

// Cap on the extension-header chain; a longer chain is decode.too_deep.
constexpr int kMaxIpv6ExtHeaders = 8;

}  // namespace edgeflow::decode::net
