#include "platform/linux/paced_replay.h"

namespace edgeflow::platform {

PacedReplay::PacedReplay(EventLoop& loop, pipeline::ReadLoop& reader, double speed, std::function<void()> on_end)
    : loop_(loop), reader_(reader), speed_(speed > 0 ? speed : 1.0), on_end_(std::move(on_end)) {
  timer_ = std::make_unique<Timer>(loop_, [this] { step(); });
}

void PacedReplay::start() {
  start_mono_us_ = monotonicUs();
  timer_->once(0);
}

uint64_t PacedReplay::dueAtUs(TimestampUs ts) const {
  const TimestampUs offset = ts > first_ts_ ? ts - first_ts_ : 0;
  return start_mono_us_ + static_cast<uint64_t>(static_cast<double>(offset) / speed_);
}

TimestampUs PacedReplay::packetTimeNow() const {
  if (!started_) return 0;
  const uint64_t elapsed = monotonicUs() - start_mono_us_;
  TimestampUs now = first_ts_ + static_cast<TimestampUs>(static_cast<double>(elapsed) * speed_);
  if (!ended_ && reader_.nextPacketTime() != 0 && now >= reader_.nextPacketTime()) {
    // Packets due but not fed yet: do not run the clock past them.
    now = reader_.nextPacketTime() - 1;
  }
  return now;
}

void PacedReplay::step() {
  if (ended_) return;
  if (!started_) {
    // Read the first packet to learn where the capture's clock starts.
    const auto s = reader_.feed(0, 1);
    if (s == pipeline::ReadLoop::Step::Waiting || s == pipeline::ReadLoop::Step::Budget) {
      started_ = true;
      first_ts_ = reader_.firstPacketTime();
      start_mono_us_ = monotonicUs();
    } else {
      ended_ = true;
      if (s == pipeline::ReadLoop::Step::Error) error_ = reader_.error();
      if (on_end_) on_end_();
      return;
    }
  }
  const uint64_t elapsed = monotonicUs() - start_mono_us_;
  const TimestampUs until = first_ts_ + static_cast<TimestampUs>(static_cast<double>(elapsed) * speed_);
  switch (reader_.feed(until, kBatch)) {
    case pipeline::ReadLoop::Step::Budget:
      timer_->once(0);  // more are due: after the other events of this round
      return;
    case pipeline::ReadLoop::Step::Waiting:
    case pipeline::ReadLoop::Step::Again:
      timer_->at(dueAtUs(reader_.nextPacketTime()));
      return;
    case pipeline::ReadLoop::Step::Error:
      error_ = reader_.error();
      [[fallthrough]];
    case pipeline::ReadLoop::Step::End:
      ended_ = true;
      if (on_end_) on_end_();
      return;
  }
}

}  // namespace edgeflow::platform
