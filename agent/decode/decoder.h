// decodePacket: one captured frame in, a DecodedPacket out.
#pragma once

#include <cstddef>
#include <cstdint>

#include "agent/decode/packet.h"

namespace edgeflow::decode {

// `data` holds the `captured` bytes the capture kept; `wire_len` is the
// frame's original length on the wire (>= captured). Never reads outside
// data[0, captured). Returns out.status.
DecodeStatus decodePacket(LinkType link, const uint8_t* data, size_t captured, uint32_t wire_len,
                          DecodedPacket& out);

}  // namespace edgeflow::decode
