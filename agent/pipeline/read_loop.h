// Driving a Pipeline from a PacketSource on packet time: readAll reads to
// the end in one go (edgeflowd --read); ReadLoop does the same in bounded
// steps, so an event loop can pace a replay or interleave a live capture
// with other work.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "agent/pipeline/packet_source.h"
#include "agent/pipeline/pipeline.h"

namespace edgeflow::pipeline {

struct ReadOptions {
  // Report every `interval_s` seconds of capture time (0: only at the end).
  // Boundaries are counted from the first packet.
  uint32_t interval_s = 0;
};

struct ReadResult {
  bool ok = true;
  std::string error;
  uint64_t reports = 0;
};

using ReportCallback = std::function<void(const share::Report&, bool final)>;

// Housekeeping runs once per second of packet time; a report is emitted when
// a packet passes an interval boundary (before that packet is counted) and
// once at the end, always after all flow deltas were flushed. For sources
// that end (files): a source answering Again is asked again at once.
ReadResult readAll(PacketSource& source, Pipeline& pipeline, const ReadOptions& options,
                   const ReportCallback& on_report);

// The loop of readAll, one step at a time. Interval reports go to
// `on_report` (final = false) as in readAll; the final report is the
// caller's to take.
class ReadLoop final : private FrameSink {
 public:
  enum class Step {
    Budget,   // `max_packets` were fed and more may be due: call again soon
    Waiting,  // the next packet is later than `until` (see nextPacketTime)
    Again,    // the source has nothing now (live capture): wait for its fd
    End,      // the source ended
    Error,    // the source failed (error())
  };

  ReadLoop(PacketSource& source, Pipeline& pipeline, const ReadOptions& options, ReportCallback on_report);

  // Feeds packets whose timestamp is at most `until`, at most `max_packets`
  // of them. A packet read but not yet due is held (its bytes stay valid:
  // the source is not called again until it is fed). With `until` =
  // kNoPacing every packet is due, and the source hands them over in one
  // dispatch() call.
  static constexpr TimestampUs kNoPacing = ~TimestampUs{0};
  Step feed(TimestampUs until, size_t max_packets);

  // Time of the held packet (valid after Waiting).
  TimestampUs nextPacketTime() const { return held_ ? pkt_.ts : 0; }
  // First packet's time; 0 before the first packet.
  TimestampUs firstPacketTime() const { return first_ts_; }
  bool started() const { return started_; }
  uint64_t packets() const { return packets_; }
  uint64_t reports() const { return reports_; }
  const std::string& error() const { return error_; }

 private:
  void feedOne();
  void start();  // at the first packet (in pkt_)
  void onFrame(const CapturedPacket& pkt) override;

  PacketSource& source_;
  Pipeline& pipeline_;
  ReportCallback on_report_;
  TimestampUs interval_us_;
  bool started_ = false;
  bool held_ = false;
  CapturedPacket pkt_;
  TimestampUs first_ts_ = 0;
  TimestampUs next_tick_ = 0;
  TimestampUs next_report_ = 0;
  uint64_t packets_ = 0;
  uint64_t reports_ = 0;
  std::string error_;
};

}  // namespace edgeflow::pipeline
