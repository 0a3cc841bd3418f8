#include "platform/linux/daemon.h"

#include <sys/epoll.h>

#include <csignal>
#include <cstdio>

#include "agent/export/prometheus_text.h"
#include "agent/pipeline/read_loop.h"
#include "platform/linux/event_loop.h"
#include "platform/linux/file_util.h"
#include "platform/linux/http_endpoint.h"
#include "platform/linux/paced_replay.h"
#include "platform/linux/report_codecs.h"
#include "platform/linux/udp_pusher.h"

namespace edgeflow::platform {

namespace {

// Live frames fed per loop iteration and source at most.
constexpr size_t kLiveBatch = 2048;

}  // namespace

struct Daemon::Parts {
  EventLoop loop;
  ReportCodecs codecs = reportCodecs();
  std::unique_ptr<HttpEndpoint> http;
  std::vector<std::unique_ptr<UdpPusher>> pushers;
  std::vector<std::unique_ptr<Timer>> push_timers;
  std::unique_ptr<Timer> tick_timer;
  std::unique_ptr<Timer> exit_timer;
  // Replay.
  std::unique_ptr<pipeline::ReadLoop> replay_reader;
  std::unique_ptr<PacedReplay> replay;
  // Live.
  std::vector<std::unique_ptr<PcapLiveSource>> live;
  std::vector<std::unique_ptr<pipeline::ReadLoop>> live_readers;
  std::vector<std::unique_ptr<Timer>> live_more;  // a source with frames left after a batch
  uint32_t sampling_rate = 1;
  bool source_ended = false;
  bool source_failed = false;
};

Daemon::Daemon(const config::Config& cfg, pipeline::Pipeline& pipeline, const DaemonOptions& options, LogLine log)
    : cfg_(cfg), pipeline_(pipeline), options_(options), log_(std::move(log)) {}

Daemon::~Daemon() = default;

void Daemon::setReplaySource(std::unique_ptr<pipeline::PacketSource> file) { replay_file_ = std::move(file); }
void Daemon::setReportSink(ReportSink sink) { sink_ = std::move(sink); }
void Daemon::setReloadHook(std::function<void()> hook) { reload_ = std::move(hook); }

share::Report Daemon::snapshot(bool final) {
  share::Report r = pipeline_.report(final);
  r.boot_id = boot_id_;
  r.seq = ++seq_;
  r.report_time_us = wallClockUs();
  r.sampling_rate = parts_->sampling_rate;
  for (const auto& p : parts_->pushers) {
    r.health.push_datagrams_sent += p->stats().datagrams_sent;
    r.health.push_errors += p->stats().errors;
  }
  for (const auto& s : parts_->live) r.health.capture_dropped += s->dropped();
  return r;
}

std::string Daemon::healthText() {
  char boot[32];
  std::snprintf(boot, sizeof boot, "%016llx", static_cast<unsigned long long>(boot_id_));
  std::string t;
  t += "agent " + cfg_.agent.id + "\n";
  t += std::string("boot_id ") + boot + "\n";
  t += std::string("mode ") + (replay_file_ ? "replay" : "live") + "\n";
  t += std::string("source ") + (parts_->source_failed ? "failed" : parts_->source_ended ? "ended" : "running") + "\n";
  uint64_t packets = parts_->replay_reader ? parts_->replay_reader->packets() : 0;
  for (const auto& r : parts_->live_readers) packets += r->packets();
  t += "packets " + std::to_string(packets) + "\n";
  t += "uptime_seconds " + std::to_string((monotonicUs() - start_mono_us_) / 1000000u) + "\n";
  for (const auto& p : parts_->pushers) {
    t += "push " + p->collector().id + " sent " + std::to_string(p->stats().datagrams_sent) + " errors " +
         std::to_string(p->stats().errors) + "\n";
  }
  return t;
}

void Daemon::tick() {
  TimestampUs now = 0;
  if (parts_->replay) {
    now = parts_->replay->packetTimeNow();
  } else {
    now = wallClockUs();  // live frames carry wall-clock timestamps
  }
  if (now != 0) pipeline_.tick(now);
}

void Daemon::shutdown() {
  // Final: flows still waiting for an application are decided now.
  const share::Report last = snapshot(true);
  for (const auto& p : parts_->pushers) p->push(last, true);
  if (sink_) sink_(last, true);
  parts_->loop.stop();
}

bool Daemon::openLive() {
  for (const config::Source& s : cfg_.sources) {
    if (s.type != "pcap" || s.interface.empty()) continue;
    LiveCaptureOptions lo = options_.live;
    lo.sample = s.sample;
    auto src = std::make_unique<PcapLiveSource>(s.interface, lo);
    if (!src->ok()) {
      log_("capture: " + src->error());
      return false;
    }
    if (parts_->live.empty()) {
      parts_->sampling_rate = s.sample;
    } else if (s.sample != parts_->sampling_rate) {
      log_("capture: sources sample at different rates; reports carry 1 in " +
           std::to_string(parts_->sampling_rate));
    }
    parts_->live.push_back(std::move(src));
  }
  if (parts_->live.empty()) {
    log_("nothing to capture: the config has no pcap source with an interface (or give --read FILE)");
    return false;
  }
  for (size_t i = 0; i < parts_->live.size(); ++i) {
    parts_->live_readers.push_back(std::make_unique<pipeline::ReadLoop>(
        *parts_->live[i], pipeline_, pipeline::ReadOptions{}, nullptr));
    parts_->live_more.push_back(std::make_unique<Timer>(parts_->loop, [this, i] { drainLive(i); }));
    if (!parts_->loop.add(parts_->live[i]->selectableFd(), EPOLLIN, [this, i](uint32_t) { drainLive(i); })) {
      log_("capture: " + parts_->loop.error());
      return false;
    }
  }
  return true;
}

void Daemon::drainLive(size_t index) {
  switch (parts_->live_readers[index]->feed(pipeline::ReadLoop::kNoPacing, kLiveBatch)) {
    case pipeline::ReadLoop::Step::Budget:
      // Frames left in the ring may not make the fd readable again.
      parts_->live_more[index]->once(0);
      return;
    case pipeline::ReadLoop::Step::Error:
    case pipeline::ReadLoop::Step::End:
      log_("capture: " + parts_->live_readers[index]->error() + "; shutting down");
      parts_->source_failed = true;
      exit_code_ = 1;
      shutdown();
      return;
    default:
      return;
  }
}

int Daemon::run() {
  parts_ = std::make_unique<Parts>();
  EventLoop& loop = parts_->loop;
  start_mono_us_ = monotonicUs();
  boot_id_ = randomSeed();
  if (!loop.ok()) {
    log_(loop.error());
    return 1;
  }
  if (!loop.handleSignals({SIGTERM, SIGINT, SIGHUP}, [this](int signo) {
        if (signo == SIGHUP) {
          log_("SIGHUP: reloading");
          if (reload_) reload_();
          return;
        }
        log_(signo == SIGTERM ? "SIGTERM: last report, exiting" : "SIGINT: last report, exiting");
        shutdown();
      })) {
    log_(loop.error());
    return 1;
  }

  // HTTP.
  HttpOptions ho;
  ho.addr = cfg_.agent.listen_addr;
  ho.port = cfg_.agent.listen_port;
  ho.max_clients = cfg_.agent.http_max_clients;
  ho.timeout_s = cfg_.agent.http_timeout;
  ho.allow = cfg_.agent.allow;
  http::Content content;
  content.metrics = [this] { return exporter::reportToPrometheus(snapshot()); };
  content.report = [this]() -> std::optional<std::string> {
    if (!parts_->codecs.report) return std::nullopt;
    return parts_->codecs.report(snapshot(), false);
  };
  content.health = [this] { return healthText(); };
  parts_->http = std::make_unique<HttpEndpoint>(loop, ho, std::move(content), log_);
  if (!parts_->http->ok()) {
    log_("http: " + parts_->http->error());
    return 1;
  }
  log_("serving http on " + cfg_.agent.listen);

  // Push.
  if (!cfg_.collectors.empty() && !parts_->codecs.datagrams) {
    log_("push: this build has no protobuf; collectors are not pushed to");
  } else {
    for (const config::Collector& c : cfg_.collectors) {
      auto pusher = std::make_unique<UdpPusher>(c, parts_->codecs.datagrams);
      if (!pusher->ok()) {
        log_("push: " + pusher->error());
        return 1;
      }
      UdpPusher* p = pusher.get();
      auto timer = std::make_unique<Timer>(loop, [this, p] { p->push(snapshot()); });
      timer->every(uint64_t{c.interval} * 1000000u);
      parts_->pushers.push_back(std::move(pusher));
      parts_->push_timers.push_back(std::move(timer));
    }
  }

  // Capture.
  const pipeline::ReadOptions ro{options_.interval_s};
  auto interval_sink = [this](const share::Report& r, bool final) {
    if (!sink_) return;
    share::Report stamped = r;
    stamped.boot_id = boot_id_;
    stamped.seq = ++seq_;
    stamped.report_time_us = wallClockUs();
    stamped.sampling_rate = parts_->sampling_rate;
    sink_(stamped, final);
  };
  if (replay_file_) {
    parts_->replay_reader = std::make_unique<pipeline::ReadLoop>(*replay_file_, pipeline_, ro, interval_sink);
    parts_->replay = std::make_unique<PacedReplay>(loop, *parts_->replay_reader, options_.replay_speed, [this] {
      parts_->source_ended = true;
      if (!parts_->replay->error().empty()) {
        parts_->source_failed = true;
        exit_code_ = 1;
        log_("replay: " + parts_->replay->error() + "; serving the counters so far");
      } else {
        log_("replay: end of file after " + std::to_string(parts_->replay_reader->packets()) + " packets");
      }
      if (options_.exit_after_s >= 0) {
        parts_->exit_timer = std::make_unique<Timer>(parts_->loop, [this] { shutdown(); });
        parts_->exit_timer->once(static_cast<uint64_t>(options_.exit_after_s * 1e6));
      }
    });
    parts_->replay->start();
  } else if (!openLive()) {
    return 1;
  }

  parts_->tick_timer = std::make_unique<Timer>(loop, [this] { tick(); });
  parts_->tick_timer->every(1000000u);

  if (!loop.run()) {
    log_(loop.error());
    return 1;
  }
  return exit_code_;
}

}  // namespace edgeflow::platform
