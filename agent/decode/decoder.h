// decodePacket: one captured frame in, a DecodedPacket out.
#pragma once

#include <cstddef>
#include <cstdint>

#include "agent/decode/fast_path.h"
#include "agent/decode/packet.h"

namespace edgeflow::decode {

// `data` holds the `captured` bytes the capture kept; `wire_len` is the
// frame's original length on the wire (>= captured; a smaller value, from a
// broken capture record, is taken as `captured`). Never reads outside
// data[0, captured), allocates nothing, and overwrites every field of `out`
// except those that a flag or count marks as unused (see packet.h).
// Returns out.status. Supported link types: those named in LinkType; any
// other value is decode.link.unsupported.
// Inline, with the fast path, so that the common frame is decoded without a
// call.
[[gnu::always_inline]] inline DecodeStatus decodePacket(LinkType link, const uint8_t* data, size_t captured,
                                                     uint32_t wire_len, DecodedPacket& out) {
  if (data == nullptr) captured = 0;
  // A capture record cannot hold more than the wire carried; if one claims
  // to, trust the bytes we have.
  const size_t wire = wire_len < captured ? captured : size_t{wire_len};
  if (link == LinkType::Ethernet) {
    if (decodeFastPath(data, captured, wire, out)) return DecodeStatus::Ok;
    return decodeLayered(LinkType::Ethernet, data, captured, wire, out);
  }
  return decodeLayered(link, data, captured, wire, out);
}

}  // namespace edgeflow::decode
