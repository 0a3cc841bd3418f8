// edgeflowd: the agent. Three modes:
//   batch   --read FILE: count the file, print the report(s), exit;
//   replay  --read FILE --replay-speed X: the daemon, fed from the file at
//           X times the pace of its timestamps, then serving until SIGTERM;
//   live    (no --read): the daemon, capturing on the config's interfaces.
// The daemon (platform/linux/daemon.h) serves HTTP and pushes to collectors.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

#include "agent/config/uci_parser.h"
#include "agent/export/prometheus_text.h"
#include "agent/export/report_json.h"
#include "agent/export/report_table.h"
#include "agent/pipeline/read_loop.h"
#if EDGEFLOW_HAVE_PROTO
#include "agent/proto/report_codec.h"
#endif
#include "platform/linux/enrichment.h"
#include "platform/linux/file_util.h"
#include "platform/linux/pcap_file_source.h"
#if EDGEFLOW_HAVE_DAEMON
#include <memory>

#include "platform/linux/daemon.h"
#endif

namespace {

constexpr const char* kDefaultConfig = "/etc/config/edgeflow";

const char* kUsage =
    "usage: edgeflowd --read FILE [--config FILE] [--format text|json|prometheus|protobuf] [--interval S]\n"
    "                 [--interface NAME]\n"
#if EDGEFLOW_HAVE_DAEMON
    "       edgeflowd --read FILE --replay-speed X [--exit-after S] [--config FILE] [--format FMT] [--interface NAME]\n"
    "       edgeflowd [--config FILE] [--snaplen N] [--format FMT]\n"
#endif
    "\n"
    "  --read FILE        read a pcap/pcapng capture ('-' for stdin) and report on it\n"
    "  --config FILE      UCI configuration (default " "/etc/config/edgeflow" ")\n"
    "  --format FMT       'text' (the share table, default), 'json' (one JSON object per report)\n"
    "                     or 'prometheus' (the text exposition format, reports separated by a blank line)\n"
    "                     or 'protobuf' (the final report only, one edgeflow.v1.Report message)\n"
    "  --interval S       also report every S seconds of capture time\n"
    "  --interface NAME   the interface the capture was taken on (for 'interface' match rules;\n"
    "                     default: the interface of the config's only pcap source)\n"
#if EDGEFLOW_HAVE_DAEMON
    "  --replay-speed X   run as the daemon (HTTP endpoint, push) fed from FILE at X times the pace\n"
    "                     of its timestamps (1 = real time); keep serving after its end until SIGTERM\n"
    "  --exit-after S     with --replay-speed: exit S seconds after the end of the file, as on SIGTERM\n"
    "  --snaplen N        live capture: bytes kept per frame (64 to 65535, default 512)\n"
#endif
    "  --version, --help\n"
#if EDGEFLOW_HAVE_DAEMON
    "\n"
    "Without --read, edgeflowd captures live on the pcap sources of the config. The daemon prints\n"
    "its last report on SIGTERM/SIGINT only when --format is given.\n"
#endif
    ;

struct Options {
  std::string read;
  std::string config;
  std::string format = "text";
  std::string interface;
  bool interface_given = false;
  bool format_given = false;
  uint32_t interval_s = 0;
  double replay_speed = 0;  // > 0: replay mode
  double exit_after_s = -1;
  uint32_t snaplen = 512;
};

bool parseDouble(const char* text, double min, double max, double& out) {
  if (text == nullptr || *text == '\0') return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text, &end);
  if (errno != 0 || *end != '\0' || !std::isfinite(v) || v < min || v > max) return false;
  out = v;
  return true;
}

int usageError(const std::string& message) {
  std::fprintf(stderr, "edgeflowd: %s\n%s", message.c_str(), kUsage);
  return 2;
}

bool parseUint(const char* text, uint32_t max, uint32_t& out) {
  if (text == nullptr || *text == '\0') return false;
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0' || v > max || text[0] == '-') return false;
  out = static_cast<uint32_t>(v);
  return true;
}

// Returns -1 to go on, else the exit code.
int parseArgs(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    auto needValue = [&]() {
      if (value == nullptr) return false;
      ++i;
      return true;
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "--version") {
      std::puts("edgeflowd " EDGEFLOW_VERSION);
      return 0;
    } else if (arg == "--read") {
      if (!needValue()) return usageError("--read needs a file");
      o.read = value;
    } else if (arg == "--config") {
      if (!needValue()) return usageError("--config needs a file");
      o.config = value;
    } else if (arg == "--format") {
      if (!needValue()) return usageError("--format needs 'text', 'json', 'prometheus' or 'protobuf'");
      o.format = value;
      o.format_given = true;
      if (o.format != "text" && o.format != "json" && o.format != "prometheus" && o.format != "protobuf") {
        return usageError("--format must be 'text', 'json', 'prometheus' or 'protobuf'");
      }
#if !EDGEFLOW_HAVE_PROTO
      if (o.format == "protobuf") {
        return usageError("--format protobuf: this build has no protobuf (EDGEFLOW_WITH_PROTOBUF=OFF)");
      }
#endif
    } else if (arg == "--interval") {
      if (!needValue() || !parseUint(value, 86400 * 365, o.interval_s) || o.interval_s == 0) {
        return usageError("--interval needs a number of seconds (1 or more)");
      }
    } else if (arg == "--interface") {
      if (!needValue()) return usageError("--interface needs a name");
      o.interface = value;
      o.interface_given = true;
    } else if (arg == "--replay-speed") {
      if (!needValue() || !parseDouble(value, 1e-6, 1e6, o.replay_speed) || o.replay_speed <= 0) {
        return usageError("--replay-speed needs a factor above 0 (1 = real time, 10 = ten times faster)");
      }
    } else if (arg == "--exit-after") {
      if (!needValue() || !parseDouble(value, 0, 86400.0 * 365, o.exit_after_s)) {
        return usageError("--exit-after needs a number of seconds (0 or more)");
      }
    } else if (arg == "--snaplen") {
      if (!needValue() || !parseUint(value, 65535, o.snaplen) || o.snaplen < 64) {
        return usageError("--snaplen needs a number of bytes from 64 to 65535");
      }
    } else {
      return usageError("unknown argument '" + arg + "'");
    }
  }
  if (o.exit_after_s >= 0 && o.replay_speed <= 0) return usageError("--exit-after needs --replay-speed");
  if (o.replay_speed > 0 && o.read.empty()) return usageError("--replay-speed needs --read FILE");
#if !EDGEFLOW_HAVE_DAEMON
  if (o.replay_speed > 0) return usageError("--replay-speed: this build has no daemon (EDGEFLOW_WITH_HTTP=OFF)");
  if (o.read.empty()) {
    return usageError("nothing to do: this build has no live capture (EDGEFLOW_WITH_HTTP=OFF), give --read FILE");
  }
#endif
  return -1;
}

[[maybe_unused]] void logLine(std::string_view line) {
  std::fprintf(stderr, "edgeflowd: %.*s\n", static_cast<int>(line.size()), line.data());
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (const int rc = parseArgs(argc, argv, opt); rc >= 0) return rc;

  const std::string config_path = opt.config.empty() ? kDefaultConfig : opt.config;
  std::string text, error;
  if (!edgeflow::platform::readFile(config_path, text, error)) {
    std::fprintf(stderr, "edgeflowd: cannot read config %s\n", error.c_str());
    return 1;
  }
  const edgeflow::config::ParseResult parsed = edgeflow::config::parseConfig(text, config_path);
  if (!parsed.ok) {
    std::fprintf(stderr, "edgeflowd: %s\n", parsed.error.c_str());
    return 1;
  }
  const edgeflow::config::Config& cfg = parsed.config;

  std::string interface = opt.interface;
  if (!opt.interface_given) {
    int pcap_sources = 0;
    for (const auto& s : cfg.sources) {
      if (s.type == "pcap") {
        ++pcap_sources;
        interface = s.interface;
      }
    }
    if (pcap_sources != 1) interface.clear();
  }

  // Databases and the classifier; what cannot be opened is logged and left
  // out. A batch run (--read alone) logs only problems, keeping its stderr
  // clean for scripts.
  const bool batch = !opt.read.empty() && opt.replay_speed <= 0;
  edgeflow::platform::Enrichment enrichment(cfg, logLine, /*announce=*/!batch);
  edgeflow::pipeline::Pipeline pipeline(cfg, edgeflow::platform::randomSeed(),
                                        {enrichment.geo(), enrichment.classifier()});
  const auto print = [&](const edgeflow::share::Report& report, bool final) {
    std::string out;
    if (opt.format == "json") {
      out = edgeflow::exporter::reportToJson(report, final) + "\n";
    } else if (opt.format == "prometheus") {
      out = edgeflow::exporter::reportToPrometheus(report) + (final ? "" : "\n");
    } else if (opt.format == "protobuf") {
      // Messages are not self-delimiting: only the final report is written.
#if EDGEFLOW_HAVE_PROTO
      if (!final) return;
      out = edgeflow::proto::encodeReport(report, true);
#endif
    } else {
      out = edgeflow::exporter::reportToTable(report, final) + (final ? "" : "\n");
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
  };

#if EDGEFLOW_HAVE_DAEMON
  if (opt.replay_speed > 0 || opt.read.empty()) {
    edgeflow::platform::DaemonOptions dopt;
    dopt.replay_speed = opt.replay_speed;
    dopt.exit_after_s = opt.exit_after_s;
    dopt.interval_s = opt.interval_s;
    dopt.live.snaplen = opt.snaplen;
    edgeflow::platform::Daemon daemon(cfg, pipeline, dopt, logLine);
    if (!opt.read.empty()) {
      auto file = std::make_unique<edgeflow::platform::PcapFileSource>(opt.read, interface);
      if (!file->ok()) {
        std::fprintf(stderr, "edgeflowd: %s\n", file->error().c_str());
        return 1;
      }
      daemon.setReplaySource(std::move(file));
    }
    if (opt.format_given) daemon.setReportSink(print);
    // SIGHUP: reopen the databases; flows keep their labels, counts go on.
    daemon.setReloadHook([&] {
      if (enrichment.reload()) pipeline.setGeoLookup(enrichment.geo());
    });
    return daemon.run();
  }
#endif

  edgeflow::platform::PcapFileSource source(opt.read, interface);
  if (!source.ok()) {
    std::fprintf(stderr, "edgeflowd: %s\n", source.error().c_str());
    return 1;
  }
  edgeflow::pipeline::ReadOptions ro;
  ro.interval_s = opt.interval_s;
  const auto result = edgeflow::pipeline::readAll(source, pipeline, ro, print);
  if (!result.ok) {
    // The counters up to the error were reported; the file is damaged.
    std::fprintf(stderr, "edgeflowd: %s: %s\n", opt.read.c_str(), result.error.c_str());
    return 1;
  }
  return 0;
}
