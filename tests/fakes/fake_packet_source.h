// FakePacketSource: a PacketSource over frames held in memory.
#pragma once

#include <string>
#include <vector>

#include "agent/pipeline/packet_source.h"

namespace edgeflow::fakes {

class FakePacketSource final : public pipeline::PacketSource {
 public:
  struct Frame {
    TimestampUs ts;
    std::vector<uint8_t> bytes;
    uint32_t wire_len = 0;  // 0: the frame's size
  };

  void add(TimestampUs ts, std::vector<uint8_t> bytes, uint32_t wire_len = 0) {
    frames_.push_back({ts, std::move(bytes), wire_len});
  }
  void failAfter(size_t frames) { fail_after_ = frames; }

  pipeline::SourceStatus next(pipeline::CapturedPacket& out) override {
    if (next_ == fail_after_) return pipeline::SourceStatus::Error;
    if (next_ == frames_.size()) return pipeline::SourceStatus::End;
    const Frame& f = frames_[next_++];
    out.ts = f.ts;
    out.data = f.bytes.data();
    out.captured = static_cast<uint32_t>(f.bytes.size());
    out.wire_len = f.wire_len ? f.wire_len : out.captured;
    return pipeline::SourceStatus::Packet;
  }
  decode::LinkType linkType() const override { return decode::LinkType::Ethernet; }
  std::string_view interfaceName() const override { return "eth1"; }
  std::string error() const override { return "fake read error"; }

 private:
  std::vector<Frame> frames_;
  size_t next_ = 0;
  size_t fail_after_ = static_cast<size_t>(-1);
};

}  // namespace edgeflow::fakes
