// PacedReplay: feeds a capture file into the pipeline at the pace of its
// timestamps, `speed` times faster than recorded (1 = real time), from the
// event loop. Packet k is fed when
//   monotonic now >= start + (ts_k - ts_first) / speed,
// in batches of at most kBatch packets per loop iteration, so HTTP and
// timers are served in between even at high speed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "agent/pipeline/read_loop.h"
#include "platform/linux/event_loop.h"

namespace edgeflow::platform {

class PacedReplay {
 public:
  // Packets fed per loop iteration at most.
  static constexpr size_t kBatch = 2048;

  // `on_end` runs once when the file ends (or fails: error() is then set).
  PacedReplay(EventLoop& loop, pipeline::ReadLoop& reader, double speed, std::function<void()> on_end);

  void start();

  // Packet time "now" on the replay's clock: the first packet's time plus
  // the wall time since start() times the speed, but never past a packet
  // not yet fed. Keeps running after the end of the file, so idle flows
  // end as they would have on the link.
  TimestampUs packetTimeNow() const;

  bool ended() const { return ended_; }
  const std::string& error() const { return error_; }

 private:
  void step();
  uint64_t dueAtUs(TimestampUs ts) const;

  EventLoop& loop_;
  pipeline::ReadLoop& reader_;
  double speed_;
  std::function<void()> on_end_;
  std::unique_ptr<Timer> timer_;
  uint64_t start_mono_us_ = 0;
  TimestampUs first_ts_ = 0;
  bool started_ = false;
  bool ended_ = false;
  std::string error_;
};

}  // namespace edgeflow::platform
