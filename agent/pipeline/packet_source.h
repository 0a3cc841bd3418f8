// PacketSource: where captured frames come from. Declared here, implemented
// in platform/ (libpcap files and interfaces) and tests/fakes/.
#pragma once

#include <cstddef>
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

// Receives the frames of PacketSource::dispatch(), one call each.
class FrameSink {
 public:
  // `pkt.data` is valid during this call only.
  virtual void onFrame(const CapturedPacket& pkt) = 0;

 protected:
  ~FrameSink() = default;
};

class PacketSource {
 public:
  virtual ~PacketSource() = default;
  virtual SourceStatus next(CapturedPacket& out) = 0;

  // Hands up to `max` frames to `sink` and sets `handed` to how many.
  // Returns Packet when `max` were handed (more may follow), else what
  // next() answered after the last one (End, Again, Error). A source that
  // can (libpcap's dispatch) saves a call into it per frame; this default
  // loops over next().
  virtual SourceStatus dispatch(size_t max, FrameSink& sink, size_t& handed) {
    CapturedPacket pkt;
    for (handed = 0; handed < max; ++handed) {
      const SourceStatus status = next(pkt);
      if (status != SourceStatus::Packet) return status;
      sink.onFrame(pkt);
    }
    return SourceStatus::Packet;
  }
  virtual decode::LinkType linkType() const = 0;
  // The capture interface's name ("" for a file without one).
  virtual std::string_view interfaceName() const = 0;
  // Why next() returned Error.
  virtual std::string error() const = 0;
};

}  // namespace edgeflow::pipeline
