// PacketSource: where captured frames come from. Declared here, implemented
// in platform/ (libpcap files and interfaces) and tests/fakes/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "agent/common/time.h"
#include "agent/decode/packet.h"

namespace edgeflow::pipeline {

struct CapturedPacket {
  TimestampUs ts = 0;
  const uint8_t* data = nullptr;  // valid until the next call to next()
  uint32_t captured = 0;
  uint32_t wire_len = 0;
};

// Packet: `out` holds a frame. End: no more, ever (end of a file).
// Again: nothing now, more may come (a live capture with an empty buffer).
// Error: the source failed; error() says why.
enum class SourceStatus { Packet, End, Again, Error };

class PacketSource {
 public:
  virtual ~PacketSource() = default;
  virtual SourceStatus next(CapturedPacket& out) = 0;
  virtual decode::LinkType linkType() const = 0;
  // The capture interface's name ("" for a file without one).
  virtual std::string_view interfaceName() const = 0;
  // Why next() returned Error.
  virtual std::string error() const = 0;
};

}  // namespace edgeflow::pipeline
