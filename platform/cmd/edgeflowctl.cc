// edgeflowctl: the operator's view of one agent or many.
//
//   shares URL       pull GET /v1/report from an agent and print its share table
//   decode FILE...   print a saved report (several files: the datagram parts of one)
//   listen ADDR      receive pushed datagrams from many agents, print the merged table
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "agent/export/report_json.h"
#include "agent/export/report_table.h"
#include "agent/proto/datagram_assembler.h"
#include "agent/proto/report_codec.h"
#include "platform/ctl/fleet.h"
#include "platform/ctl/fleet_text.h"
#include "platform/ctl/host_port.h"
#include "platform/ctl/http_get.h"
#include "platform/ctl/udp_receiver.h"

namespace {

const char* kUsage =
    "usage: edgeflowctl shares URL [--format text|json] [--timeout S]\n"
    "       edgeflowctl decode FILE... [--format text|json]\n"
    "       edgeflowctl listen [ADDR]:PORT [--format text|json] [--every S] [--once]\n"
    "                          [--exit-after-final N] [--timeout S]\n"
    "\n"
    "  shares URL     pull an agent's report (http://HOST:PORT, path /v1/report unless given)\n"
    "                 and print its share table\n"
    "  decode FILE    print a report saved from /v1/report ('-' for stdin); several FILEs\n"
    "                 are the datagram parts of one pushed report, rebuilt into one\n"
    "  listen ADDR    receive reports pushed by agents (config collector) on UDP [ADDR]:PORT\n"
    "                 and print the merged table of all of them with per-agent rates\n"
    "\n"
    "  --format FMT           'text' (the share table, default) or 'json' (one object per table)\n"
    "  --timeout S            shares: give up after S seconds (default 10); listen: exit 1 when\n"
    "                         the exit condition is not met within S seconds\n"
    "  --every S              listen: print the merged table every S seconds when it changed\n"
    "                         (default 5; 0 = only when exiting)\n"
    "  --once                 listen: print and exit after the first complete report\n"
    "  --exit-after-final N   listen: print and exit once N agents sent their final report\n"
    "\n"
    "exit status: 0 ok, 1 failure (network, bad report, timeout), 2 usage\n";

volatile std::sig_atomic_t g_stop = 0;
void onSignal(int) { g_stop = 1; }

struct Options {
  std::string command;
  std::vector<std::string> args;
  bool json = false;
  double timeout_s = -1;
  double every_s = -1;
  bool once = false;
  uint32_t exit_after_final = 0;
};

int usageError(const std::string& message) {
  std::fprintf(stderr, "edgeflowctl: %s\n%s", message.c_str(), kUsage);
  return 2;
}

int fail(const std::string& message) {
  std::fprintf(stderr, "edgeflowctl: %s\n", message.c_str());
  return 1;
}

bool parseSeconds(const char* text, double& out) {
  if (text == nullptr || *text == '\0') return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text, &end);
  if (errno != 0 || *end != '\0' || !(v >= 0) || v > 86400.0 * 365) return false;
  out = v;
  return true;
}

// Returns -1 to go on, else the exit code.
int parseArgs(int argc, char** argv, Options& o) {
  if (argc < 2) return usageError("no command");
  o.command = argv[1];
  if (o.command == "--help" || o.command == "-h" || o.command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (o.command == "--version") {
    std::puts("edgeflowctl " EDGEFLOW_VERSION);
    return 0;
  }
  if (o.command != "shares" && o.command != "decode" && o.command != "listen") {
    return usageError("unknown command '" + o.command + "'");
  }
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    if (arg == "--format") {
      if (value == nullptr || (std::strcmp(value, "text") != 0 && std::strcmp(value, "json") != 0)) {
        return usageError("--format must be 'text' or 'json'");
      }
      o.json = std::strcmp(value, "json") == 0;
      ++i;
    } else if (arg == "--timeout") {
      if (!parseSeconds(value, o.timeout_s) || o.timeout_s <= 0) return usageError("--timeout needs seconds above 0");
      ++i;
    } else if (arg == "--every" && o.command == "listen") {
      if (!parseSeconds(value, o.every_s)) return usageError("--every needs seconds (0 or more)");
      ++i;
    } else if (arg == "--once" && o.command == "listen") {
      o.once = true;
    } else if (arg == "--exit-after-final" && o.command == "listen") {
      double n = 0;
      if (!parseSeconds(value, n) || n < 1 || n > 100000 || n != static_cast<double>(static_cast<uint32_t>(n))) {
        return usageError("--exit-after-final needs a number of agents (1 or more)");
      }
      o.exit_after_final = static_cast<uint32_t>(n);
      ++i;
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      return usageError("unknown option '" + arg + "' for " + o.command);
    } else {
      o.args.push_back(arg);
    }
  }
  if (o.command == "decode" && o.args.empty()) return usageError("decode needs a FILE");
  if (o.command != "decode" && o.args.size() != 1) {
    return usageError(o.command + (o.command == "shares" ? " needs one URL" : " needs one [ADDR]:PORT"));
  }
  if (o.command == "listen") {
    edgeflow::ctl::HostPort hp;
    if (const std::string e = edgeflow::ctl::parseHostPort(o.args[0], hp); !e.empty()) return usageError(e);
  }
  return -1;
}

void printReport(const edgeflow::share::Report& report, bool final, bool json) {
  const std::string out = json ? edgeflow::exporter::reportToJson(report, final) + "\n"
                               : edgeflow::exporter::reportToTable(report, final);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
}

bool readInput(const std::string& path, std::string& out, std::string& error) {
  constexpr size_t kMaxFile = 64u << 20;
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) {
      error = path + ": " + std::strerror(errno);
      return false;
    }
    in = &file;
  }
  out.assign(std::istreambuf_iterator<char>(*in), std::istreambuf_iterator<char>());
  if (out.size() > kMaxFile) {
    error = path + ": larger than " + std::to_string(kMaxFile) + " bytes";
    return false;
  }
  return true;
}

int runShares(const Options& o) {
  std::string url = o.args[0];
  // No path (or just "/"): the agent's report endpoint.
  const size_t authority = url.find("://");
  const size_t slash = url.find('/', authority == std::string::npos ? 0 : authority + 3);
  if (slash == std::string::npos) {
    url += "/v1/report";
  } else if (slash == url.size() - 1) {
    url += "v1/report";
  }
  edgeflow::ctl::HttpOptions http;
  if (o.timeout_s > 0) http.timeout_ms = static_cast<int>(o.timeout_s * 1000);
  const edgeflow::ctl::HttpResponse response = edgeflow::ctl::httpGet(url, http);
  if (!response.ok) return fail(url + ": " + response.error);
  if (response.status != 200) {
    const std::string first_line = response.body.substr(0, response.body.find('\n'));
    return fail(url + ": HTTP " + std::to_string(response.status) + (first_line.empty() ? "" : ": " + first_line));
  }
  const edgeflow::proto::DecodeResult d = edgeflow::proto::decodeReport(response.body);
  if (!d.ok) {
    const std::string type = response.content_type.empty() ? "" : " (Content-Type: " + response.content_type + ")";
    return fail(url + ": " + d.error + type);
  }
  printReport(d.report, d.meta.final, o.json);
  return 0;
}

int runDecode(const Options& o) {
  std::vector<std::string> files(o.args.size());
  for (size_t i = 0; i < o.args.size(); ++i) {
    std::string error;
    if (!readInput(o.args[i], files[i], error)) return fail(error);
  }
  edgeflow::proto::DecodeResult d;
  if (files.size() == 1) {
    d = edgeflow::proto::decodeReport(files[0]);
    if (d.ok && d.meta.part_count > 1) {
      std::fprintf(stderr,
                   "edgeflowctl: %s is part %u of %u of a pushed report: only its rows are shown; give every "
                   "part to rebuild the report\n",
                   o.args[0].c_str(), d.meta.part_index + 1, d.meta.part_count);
    }
  } else {
    d = edgeflow::proto::mergeParts(std::vector<std::string_view>(files.begin(), files.end()));
  }
  if (!d.ok) return fail((files.size() == 1 ? o.args[0] + ": " : std::string()) + d.error);
  printReport(d.report, d.meta.final, o.json);
  return 0;
}

int runListen(const Options& o) {
  using Clock = std::chrono::steady_clock;
  edgeflow::ctl::UdpReceiver receiver;
  if (const std::string error = receiver.open(o.args[0]); !error.empty()) return fail(error);
  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);

  const bool bounded = o.once || o.exit_after_final > 0;
  const double every_s = o.every_s >= 0 ? o.every_s : (bounded ? 0 : 5);
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline =
      o.timeout_s > 0 ? start + std::chrono::milliseconds(static_cast<int64_t>(o.timeout_s * 1000))
                      : Clock::time_point::max();
  Clock::time_point next_print = start + std::chrono::milliseconds(static_cast<int64_t>(every_s * 1000));

  edgeflow::proto::DatagramAssembler assembler;
  edgeflow::ctl::Fleet fleet;
  bool changed = false;
  auto print = [&]() {
    const edgeflow::share::Report merged = fleet.merged();
    const bool all_final = !fleet.boots().empty() && fleet.finals() == fleet.boots().size();
    printReport(merged, all_final, o.json);
    if (!o.json) {
      const auto& s = assembler.stats();
      std::string text = "\n" + edgeflow::ctl::fleetToText(fleet);
      text += "\ndatagrams: " + std::to_string(s.datagrams) + " received, " + std::to_string(s.reports) +
              " reports complete, " + std::to_string(s.malformed) + " malformed, " + std::to_string(s.duplicates) +
              " duplicates, " + std::to_string(s.dropped) + " incomplete reports dropped\n\n";
      std::fwrite(text.data(), 1, text.size(), stdout);
      std::fflush(stdout);
    }
    changed = false;
  };

  std::fprintf(stderr, "edgeflowctl: listening on %s\n", o.args[0].c_str());
  std::string payload;
  for (;;) {
    if (g_stop) {
      print();
      return 0;
    }
    const Clock::time_point now = Clock::now();
    if (now >= deadline) {
      print();
      if (o.exit_after_final > 0) {
        return fail("timed out: " + std::to_string(fleet.finals()) + " of " + std::to_string(o.exit_after_final) +
                    " final reports after " + std::to_string(o.timeout_s) + " s");
      }
      return fail("timed out: no complete report after " + std::to_string(o.timeout_s) + " s");
    }
    if (every_s > 0 && now >= next_print) {
      if (changed) print();
      next_print = now + std::chrono::milliseconds(static_cast<int64_t>(every_s * 1000));
    }
    Clock::time_point wake = deadline;
    if (every_s > 0 && next_print < wake) wake = next_print;
    const auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count();
    const int timeout_ms = wake == Clock::time_point::max() ? -1 : static_cast<int>(std::max<int64_t>(wait_ms, 1));

    const auto result = receiver.receive(payload, timeout_ms);
    if (result == edgeflow::ctl::UdpReceiver::Result::Error) return fail(receiver.error());
    if (result != edgeflow::ctl::UdpReceiver::Result::Datagram) continue;
    edgeflow::proto::DecodeResult d;
    if (!assembler.add(payload, d)) continue;
    if (fleet.add(d.report, d.meta.final) == edgeflow::ctl::Fleet::Outcome::Stale) continue;
    changed = true;
    if (o.once || (o.exit_after_final > 0 && fleet.finals() >= o.exit_after_final)) {
      print();
      return 0;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (const int rc = parseArgs(argc, argv, opt); rc >= 0) return rc;
  if (opt.command == "shares") return runShares(opt);
  if (opt.command == "decode") return runDecode(opt);
  return runListen(opt);
}
