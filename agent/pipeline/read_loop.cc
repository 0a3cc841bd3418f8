#include "agent/pipeline/read_loop.h"

namespace edgeflow::pipeline {

ReadLoop::ReadLoop(PacketSource& source, Pipeline& pipeline, const ReadOptions& options, ReportCallback on_report)
    : source_(source),
      pipeline_(pipeline),
      on_report_(std::move(on_report)),
      interval_us_(TimestampUs{options.interval_s} * kUsPerSecond) {}

[[gnu::always_inline]] inline void ReadLoop::feedOne() {
  held_ = false;
  ++packets_;
  // Boundaries passed before this packet: housekeeping, then reports.
  if (pkt_.ts >= next_tick_) {
    pipeline_.tick(pkt_.ts);
    next_tick_ = pkt_.ts + kUsPerSecond;
  }
  if (interval_us_ != 0 && pkt_.ts >= next_report_) {
    // One report for the boundary just passed; intervals without packets
    // (a gap in the capture, or a bogus far-future timestamp) add none.
    pipeline_.tick(next_report_);
    if (on_report_) on_report_(pipeline_.report(), false);
    ++reports_;
    next_report_ += interval_us_ * ((pkt_.ts - next_report_) / interval_us_ + 1);
  }
  pipeline_.onPacket(pkt_.ts, pkt_.data, pkt_.captured, pkt_.wire_len);
}

void ReadLoop::start() {
  started_ = true;
  first_ts_ = pkt_.ts;
  next_tick_ = pkt_.ts + kUsPerSecond;
  next_report_ = pkt_.ts + interval_us_;
}

void ReadLoop::onFrame(const CapturedPacket& pkt) {
  pkt_ = pkt;
  if (!started_) start();
  feedOne();
}

ReadLoop::Step ReadLoop::feed(TimestampUs until, size_t max_packets) {
  // Several sources may share one pipeline: frames that follow are this one's.
  pipeline_.setSource(source_.linkType(), source_.interfaceName());
  if (until == kNoPacing && !held_) {
    size_t handed = 0;
    switch (source_.dispatch(max_packets, *this, handed)) {
      case SourceStatus::Packet: return Step::Budget;
      case SourceStatus::End: return Step::End;
      case SourceStatus::Again: return Step::Again;
      case SourceStatus::Error: error_ = source_.error(); return Step::Error;
    }
  }
  for (size_t fed = 0; fed < max_packets; ++fed) {
    if (!held_) {
      const SourceStatus status = source_.next(pkt_);
      if (status == SourceStatus::End) return Step::End;
      if (status == SourceStatus::Again) return Step::Again;
      if (status == SourceStatus::Error) {
        error_ = source_.error();
        return Step::Error;
      }
      held_ = true;
      if (!started_) start();
    }
    if (pkt_.ts > until) return Step::Waiting;
    feedOne();
  }
  return Step::Budget;
}

ReadResult readAll(PacketSource& source, Pipeline& pipeline, const ReadOptions& options,
                   const ReportCallback& on_report) {
  ReadResult result;
  ReadLoop loop(source, pipeline, options, on_report);
  ReadLoop::Step step;
  do {
    step = loop.feed(ReadLoop::kNoPacing, static_cast<size_t>(-1));
  } while (step == ReadLoop::Step::Budget || step == ReadLoop::Step::Again);
  if (step == ReadLoop::Step::Error) {
    result.ok = false;
    result.error = loop.error();
  }
  on_report(pipeline.report(true), true);
  result.reports = loop.reports() + 1;
  return result;
}

}  // namespace edgeflow::pipeline
