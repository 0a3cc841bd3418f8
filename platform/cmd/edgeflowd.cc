// edgeflowd: the agent. Today: --read a capture file and print the share
// table (text or JSON), at the end and every --interval seconds of capture time.
#include <cstdio>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <string>

#include "agent/config/uci_parser.h"
#include "agent/export/prometheus_text.h"
#include "agent/export/report_json.h"
#include "agent/export/report_table.h"
#include "agent/pipeline/read_loop.h"
#include "platform/linux/file_util.h"
#include "platform/linux/pcap_file_source.h"

namespace {

constexpr const char* kDefaultConfig = "/etc/config/edgeflow";

const char* kUsage =
    "usage: edgeflowd --read FILE [--config FILE] [--format text|json|prometheus] [--interval S] [--interface NAME]\n"
    "\n"
    "  --read FILE        read a pcap/pcapng capture ('-' for stdin) and report on it\n"
    "  --config FILE      UCI configuration (default " "/etc/config/edgeflow" ")\n"
    "  --format FMT       'text' (the share table, default), 'json' (one JSON object per report)\n"
    "                     or 'prometheus' (the text exposition format, reports separated by a blank line)\n"
    "  --interval S       also report every S seconds of capture time\n"
    "  --interface NAME   the interface the capture was taken on (for 'interface' match rules;\n"
    "                     default: the interface of the config's only pcap source)\n"
    "  --version, --help\n";

struct Options {
  std::string read;
  std::string config;
  std::string format = "text";
  std::string interface;
  bool interface_given = false;
  uint32_t interval_s = 0;
};

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
      if (!needValue()) return usageError("--format needs 'text', 'json' or 'prometheus'");
      o.format = value;
      if (o.format != "text" && o.format != "json" && o.format != "prometheus") {
        return usageError("--format must be 'text', 'json' or 'prometheus'");
      }
    } else if (arg == "--interval") {
      if (!needValue() || !parseUint(value, 86400 * 365, o.interval_s) || o.interval_s == 0) {
        return usageError("--interval needs a number of seconds (1 or more)");
      }
    } else if (arg == "--interface") {
      if (!needValue()) return usageError("--interface needs a name");
      o.interface = value;
      o.interface_given = true;
    } else {
      return usageError("unknown argument '" + arg + "'");
    }
  }
  if (o.read.empty()) {
    return usageError("nothing to do: live capture is not built yet, give --read FILE");
  }
  return -1;
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

  edgeflow::platform::PcapFileSource source(opt.read, interface);
  if (!source.ok()) {
    std::fprintf(stderr, "edgeflowd: %s\n", source.error().c_str());
    return 1;
  }
  edgeflow::pipeline::Pipeline pipeline(cfg, edgeflow::platform::randomSeed());
  edgeflow::pipeline::ReadOptions ro;
  ro.interval_s = opt.interval_s;
  const auto result = edgeflow::pipeline::readAll(source, pipeline, ro, [&](const auto& report, bool final) {
    std::string out;
    if (opt.format == "json") {
      out = edgeflow::exporter::reportToJson(report, final) + "\n";
    } else if (opt.format == "prometheus") {
      out = edgeflow::exporter::reportToPrometheus(report) + (final ? "" : "\n");
    } else {
      out = edgeflow::exporter::reportToTable(report, final) + (final ? "" : "\n");
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
  });
  if (!result.ok) {
    // The counters up to the error were reported; the file is damaged.
    std::fprintf(stderr, "edgeflowd: %s: %s\n", opt.read.c_str(), result.error.c_str());
    return 1;
  }
  return 0;
}
