#include "platform/ctl/fleet_text.h"

#include <cinttypes>
#include <cstdio>
#include <map>

#include "agent/export/report_table.h"

namespace edgeflow::ctl {

std::string fleetToText(const Fleet& fleet) {
  std::string out;
  char line[320];
  std::snprintf(line, sizeof line, "%-24s %-16s %8s %8s  %-27s %s\n", "AGENT", "BOOT", "SEQ", "REPORTS",
                "REPORT TIME", "STATE");
  out += line;
  for (const AgentBoot& b : fleet.boots()) {
    const char* state = b.final ? "final" : (b.restarted ? "live (restarted)" : "live");
    std::snprintf(line, sizeof line, "%-24.24s %016" PRIx64 " %8" PRIu64 " %8" PRIu64 "  %-27s %s\n",
                  b.agent_id.c_str(), b.boot_id, b.latest.seq, b.reports,
                  exporter::formatUtc(reportClockUs(b.latest)).c_str(), state);
    out += line;
  }
  if (fleet.forgotten() > 0) {
    out += "(" + std::to_string(fleet.forgotten()) + " older agent boots forgotten)\n";
  }

  out += "\nRATES: IP bytes/s over each agent's last interval (new boot: from its second report)\n";
  std::snprintf(line, sizeof line, "%-24s %-28s %16s %16s %10s\n", "AGENT", "UPSTREAM", "IN B/S", "OUT B/S",
                "INTERVAL");
  out += line;
  std::map<std::string, std::pair<double, double>> total;  // upstream -> (in, out), current boots only
  for (const AgentBoot& b : fleet.boots()) {
    for (const UpstreamRate& r : b.rates) {
      std::snprintf(line, sizeof line, "%-24.24s %-28.28s %16.1f %16.1f %9.1fs\n", b.agent_id.c_str(),
                    r.upstream.c_str(), r.in_bps, r.out_bps, b.rate_interval_s);
      out += line;
      total[r.upstream].first += r.in_bps;
      total[r.upstream].second += r.out_bps;
    }
  }
  for (const auto& [upstream, bps] : total) {
    std::snprintf(line, sizeof line, "%-24s %-28.28s %16.1f %16.1f\n", "(all agents)", upstream.c_str(), bps.first,
                  bps.second);
    out += line;
  }
  return out;
}

}  // namespace edgeflow::ctl
