// decodePacket: one captured frame in, a DecodedPacket out.
#pragma once

#include <cstddef>
#include <cstdint>

#include "agent/decode/packet.h"

namespace edgeflow::decode {

// `data` holds the `captured` bytes the capture kept; `wire_len` is the
// frame's original length on the wire (>= captured; a smaller value, from a
// broken capture record, is taken as `captured`). Never reads outside
// data[0, captured), allocates nothing, and overwrites every field of `out`
// except those that a flag or count marks as unused (see packet.h).
// Returns out.status. Supported link types: those named in LinkType; any
// other value is decode.link.unsupported.
DecodeStatus decodePacket(LinkType link, const uint8_t* data, size_t captured, uint32_t wire_len,
                          DecodedPacket& out);

}  // namespace edgeflow::decode
