// Daemon: edgeflowd's live operation on one event loop — a capture (live
// interfaces, or a file replayed at the pace of its timestamps), the HTTP
// pull endpoint, UDP push to collectors, housekeeping ticks and signals.
//
//   SIGTERM, SIGINT  flush, push a last report marked final, hand it to the
//                    report sink (edgeflowd prints it with --format), exit 0
//   SIGHUP           the reload hook (enrichment databases)
//
// Every report taken here (each HTTP GET, each push, the last one) is a
// fresh snapshot: the pipeline flushes its flows, and the report is stamped
// with this process's boot_id, the next seq, the wall-clock time and the
// sampling rate.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agent/config/config.h"
#include "agent/pipeline/packet_source.h"
#include "agent/pipeline/pipeline.h"
#include "agent/share/report.h"
#include "platform/linux/pcap_live_source.h"

namespace edgeflow::platform {

struct DaemonOptions {
  // Replay: the file source is fed `replay_speed` times faster than its
  // timestamps (1 = real time). Used when setReplaySource() was called.
  double replay_speed = 1.0;
  // Replay: seconds to keep serving after the end of the file, then exit as
  // on SIGTERM; negative: until a signal.
  double exit_after_s = -1;
  // Reports every `interval_s` seconds of capture time to the report sink
  // (0: only the last one).
  uint32_t interval_s = 0;
  LiveCaptureOptions live;  // live capture: snaplen (sample comes from the config)
};

class Daemon {
 public:
  using LogLine = std::function<void(std::string_view)>;
  using ReportSink = std::function<void(const share::Report&, bool final)>;

  Daemon(const config::Config& cfg, pipeline::Pipeline& pipeline, const DaemonOptions& options, LogLine log);
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // Replay this file instead of capturing on the config's interfaces.
  void setReplaySource(std::unique_ptr<pipeline::PacketSource> file);
  // Interval reports and the last report (final = true).
  void setReportSink(ReportSink sink);
  // Runs on SIGHUP, in the loop.
  void setReloadHook(std::function<void()> hook);

  // Opens everything, runs until SIGTERM/SIGINT (or the end of a replay with
  // exit_after_s), and returns the exit code: 0; 1 when something could not
  // be opened (logged) or the replayed file was damaged.
  int run();

 private:
  struct Parts;
  share::Report snapshot(bool final = false);
  std::string healthText();
  void shutdown();
  void tick();
  bool openLive();
  void drainLive(size_t index);

  config::Config cfg_;
  pipeline::Pipeline& pipeline_;
  DaemonOptions options_;
  LogLine log_;
  ReportSink sink_;
  std::function<void()> reload_;
  std::unique_ptr<pipeline::PacketSource> replay_file_;
  std::unique_ptr<Parts> parts_;
  uint64_t boot_id_ = 0;
  uint64_t seq_ = 0;
  uint64_t start_mono_us_ = 0;
  int exit_code_ = 0;
};

}  // namespace edgeflow::platform
