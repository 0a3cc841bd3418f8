// edgeflow-gen: writes a capture of a border link together with the exact
// counters edgeflow must report for it (docs/counting.md) and the config
// that makes those counters hold.
//
//   plan (flows, sizes, paths) -> schedule (times) -> emit (frames)
//        -> capture file + truth -> truth JSON + UCI config
#include <chrono>
#include <cstdio>
#include <fstream>

#include "tests/gen/app_plan.h"
#include "tests/gen/flow_emitter.h"
#include "tests/gen/frame_log.h"
#include "tests/gen/options.h"
#include "tests/gen/pcap_writer.h"
#include "tests/gen/remote_networks.h"
#include "tests/gen/report.h"
#include "tests/gen/schedule.h"
#include "tests/gen/traffic_plan.h"
#include "tests/gen/truth.h"

namespace edgeflow::gen {
namespace {

constexpr uint64_t kStartUs = 1767225600ull * 1000000;  // 2026-01-01T00:00:00Z
constexpr uint32_t kDefaultSnaplen = 262144;

// Gives every frame its final timestamp and capture length, then hands it
// to the capture file and the truth.
class OutputSink : public FrameSink {
 public:
  OutputSink(CaptureWriter* writer, Truth& truth, FrameLog& log, uint32_t snaplen)
      : writer_(writer), truth_(truth), log_(log), snaplen_(snaplen) {}

  void frame(uint64_t t_us, const uint8_t* data, uint32_t wire_len,
             const FrameFacts& facts) override {
    // Strictly increasing timestamps: frames sharing a microsecond (the
    // fragments of one datagram, coincident units) are spread 1 us apart.
    if (any_ && t_us <= last_us_) t_us = last_us_ + 1;
    any_ = true;
    last_us_ = t_us;
    const uint32_t cap = snaplen_ != 0 && snaplen_ < wire_len ? snaplen_ : wire_len;
    if (writer_ != nullptr) writer_->write(kStartUs + t_us, data, cap, wire_len);
    log_.add(truth_.add(t_us, cap, facts), facts, cap);
    if (facts.kind != FrameKind::Malformed && facts.header_end > max_header_)
      max_header_ = facts.header_end;
  }

  uint64_t maxHeader() const { return max_header_; }

 private:
  CaptureWriter* writer_;
  Truth& truth_;
  FrameLog& log_;
  uint32_t snaplen_;
  bool any_ = false;
  uint64_t last_us_ = 0;
  uint64_t max_header_ = 0;
};

bool writeText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

int run(const Options& o) {
  const auto started = std::chrono::steady_clock::now();
  const Scenario scenario = makeScenario(o);
  Rng rng(o.seed);
  Plan plan = planTraffic(o, scenario, rng);
  const RemoteNetworks networks(scenario, o.distinct_asns);
  const std::vector<bool> used_networks = planApplications(plan, o, scenario, networks);
  const uint64_t span_us = plan.frames * 1000000 / o.rate;
  const std::vector<Event> events = scheduleEvents(plan, span_us, rng);

  std::string error;
  CaptureWriter writer;
  if (!o.out.empty() &&
      !writer.open(o.out, o.pcapng, o.snaplen != 0 ? o.snaplen : kDefaultSnaplen, error)) {
    std::fprintf(stderr, "edgeflow-gen: %s\n", error.c_str());
    return 1;
  }
  FrameLog log(scenario);
  if (!o.frame_log.empty() && !log.open(o.frame_log)) {
    std::fprintf(stderr, "edgeflow-gen: cannot create %s\n", o.frame_log.c_str());
    return 1;
  }
  Truth truth(scenario, networks, plan.frames);
  OutputSink sink(o.out.empty() ? nullptr : &writer, truth, log, o.snaplen);
  Emitter emitter(scenario, plan, sink, o.seed);
  for (const Event& e : events) emitter.emit(e);
  if (!writer.close(error)) {
    std::fprintf(stderr, "edgeflow-gen: %s: %s\n", o.out.c_str(), error.c_str());
    return 1;
  }
  if (!log.close()) {
    std::fprintf(stderr, "edgeflow-gen: write error on %s\n", o.frame_log.c_str());
    return 1;
  }

  checkBreakdowns(truth);
  const AgentSettings settings = deriveSettings(o, truth);
  RunStats stats;
  stats.legit_flows = plan.legit_flows;
  stats.fragmented_flows = plan.fragmented_flows;
  stats.max_header_bytes = sink.maxHeader();
  stats.tls_client_hellos = emitter.written(Written::ClientHello);
  stats.http_requests = emitter.written(Written::HttpRequest);
  stats.ssh_banners = emitter.written(Written::SshBanner);
  stats.bittorrent_handshakes = emitter.written(Written::BtHandshake);
  for (const FlowSpec& f : plan.flows) {
    if (f.cls != FlowClass::NonIp && f.cls != FlowClass::Malformed && f.app != AppKind::None)
      ++stats.payload_flows;
  }
  if (!o.truth.empty() && !writeText(o.truth, truthJson(o, scenario, truth, settings, stats))) {
    std::fprintf(stderr, "edgeflow-gen: cannot write %s\n", o.truth.c_str());
    return 1;
  }
  if (!o.config.empty() && !writeText(o.config, uciConfig(scenario, settings))) {
    std::fprintf(stderr, "edgeflow-gen: cannot write %s\n", o.config.c_str());
    return 1;
  }
  if (!o.geo_csv.empty() && !writeText(o.geo_csv, networks.countryCsv(used_networks))) {
    std::fprintf(stderr, "edgeflow-gen: cannot write %s\n", o.geo_csv.c_str());
    return 1;
  }
  if (!o.asn_csv.empty() && !writeText(o.asn_csv, networks.asnCsv(used_networks))) {
    std::fprintf(stderr, "edgeflow-gen: cannot write %s\n", o.asn_csv.c_str());
    return 1;
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  std::fprintf(
      stderr,
      "edgeflow-gen: %llu frames, %llu bytes, %llu flow keys, min table %llu, max gap %llus, "
      "duration %llus, %lld ms\n",
      static_cast<unsigned long long>(truth.file().packets),
      static_cast<unsigned long long>(truth.file().frame_bytes),
      static_cast<unsigned long long>(truth.flowKeys()),
      static_cast<unsigned long long>(truth.minTableForExactFlows()),
      static_cast<unsigned long long>(settings.max_gap_s),
      static_cast<unsigned long long>(settings.duration_s), static_cast<long long>(ms.count()));
  return 0;
}

}  // namespace
}  // namespace edgeflow::gen

int main(int argc, char** argv) {
  edgeflow::gen::Options options;
  bool help = false;
  std::string error;
  if (!edgeflow::gen::parseOptions(argc, argv, options, help, error)) {
    std::fprintf(stderr, "edgeflow-gen: %s\n%s", error.c_str(), edgeflow::gen::usageText());
    return 2;
  }
  if (help) {
    std::fputs(edgeflow::gen::usageText(), stdout);
    return 0;
  }
  return edgeflow::gen::run(options);
}
