#include "agent/export/report_table.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace edgeflow::exporter {

namespace {

// Days since 1970-01-01 to a civil date (proleptic Gregorian).
void civilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
}

std::string percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%5.1f%%", share * 100.0);
  return buf;
}

std::string trim(const std::string& s) { return s.substr(s.find_first_not_of(' ')); }

void appendRow(std::string& out, const char* label, const char* asn, const char* dir, const share::Counter& c,
               const std::string& share) {
  char line[256];
  std::snprintf(line, sizeof line, "%-28.28s %-8s %-4s %12llu %16llu %16llu %10llu  %s\n", label, asn, dir,
                static_cast<unsigned long long>(c.packets), static_cast<unsigned long long>(c.ip_bytes),
                static_cast<unsigned long long>(c.frame_bytes), static_cast<unsigned long long>(c.flows),
                share.c_str());
  out += line;
}

constexpr size_t kBreakdownItems = 5;     // rows shown per breakdown line; the rest are summed
constexpr size_t kBreakdownWidth = 100;   // wrap breakdown lines here
constexpr size_t kOrgWidth = 24;          // AS organisation names are cut here

std::string breakdownLabel(const char* dimension, const share::BreakdownRow& row) {
  if (std::string(dimension) != "asn" || row.key == "unknown" || row.key == "other") return row.key;
  std::string label = "AS" + row.key;
  if (!row.name.empty()) label += " " + row.name.substr(0, kOrgWidth);
  return label;
}

std::string shareOf(uint64_t part, uint64_t whole) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

// "  in  countries: RU 61.2%, US 20.0%, other 9.7%, 3 more 1.1%": the
// largest rows by IP bytes as shares of the upstream-direction, wrapped.
void appendBreakdownLine(std::string& out, const char* dir, const char* title, const char* dimension,
                         const std::vector<share::BreakdownRow>& rows, const share::Counter& parent) {
  if (rows.empty()) return;
  std::vector<const share::BreakdownRow*> sorted;
  for (const share::BreakdownRow& row : rows) sorted.push_back(&row);
  std::stable_sort(sorted.begin(), sorted.end(), [](const share::BreakdownRow* a, const share::BreakdownRow* b) {
    if (a->counter.ip_bytes != b->counter.ip_bytes) return a->counter.ip_bytes > b->counter.ip_bytes;
    return a->counter.packets > b->counter.packets;
  });
  std::vector<std::string> items;
  for (size_t i = 0; i < sorted.size() && i < kBreakdownItems; ++i) {
    items.push_back(breakdownLabel(dimension, *sorted[i]) + " " + shareOf(sorted[i]->counter.ip_bytes, parent.ip_bytes));
  }
  if (sorted.size() > kBreakdownItems) {
    uint64_t rest = 0;
    for (size_t i = kBreakdownItems; i < sorted.size(); ++i) rest += sorted[i]->counter.ip_bytes;
    items.push_back(std::to_string(sorted.size() - kBreakdownItems) + " more " + shareOf(rest, parent.ip_bytes));
  }
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "  %-3s %-10s ", dir, title);
  std::string line = prefix;
  const std::string indent(line.size(), ' ');
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string item = items[i] + (i + 1 < items.size() ? "," : "");
    if (line.size() > indent.size() && line.size() + 1 + item.size() > kBreakdownWidth) {
      out += line + "\n";
      line = indent;
    }
    if (line.size() > indent.size()) line += ' ';
    line += item;
  }
  out += line + "\n";
}

void appendBreakdowns(std::string& out, const share::Report& r, const char* dir, const share::Breakdowns& b,
                      const share::Counter& parent) {
  if (parent.packets == 0) return;
  if (r.has_country) appendBreakdownLine(out, dir, "countries:", "country", b.country, parent);
  if (r.has_asn) appendBreakdownLine(out, dir, "ASes:", "asn", b.asn, parent);
  if (r.has_app) appendBreakdownLine(out, dir, "apps:", "app", b.app, parent);
}

void appendUpstream(std::string& out, const share::Report& r, const share::UpstreamShare& u) {
  const std::string label = u.id == u.name ? u.id : u.id + " (" + u.name + ")";
  const std::string asn = u.asn ? std::to_string(u.asn) : "-";
  appendRow(out, label.c_str(), asn.c_str(), "in", u.in, percent(u.share_in));
  appendRow(out, "", "", "out", u.out, percent(u.share_out));
  appendBreakdowns(out, r, "in", u.in_breakdowns, u.in);
  appendBreakdowns(out, r, "out", u.out_breakdowns, u.out);
}

}  // namespace

std::string formatUtc(TimestampUs t) {
  const int64_t secs = static_cast<int64_t>(t / kUsPerSecond);
  int64_t y;
  unsigned m, d;
  civilFromDays(secs / 86400, y, m, d);
  const int64_t sod = secs % 86400;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02lld:%02lld:%02lld.%03llu UTC", static_cast<long long>(y), m,
                d, static_cast<long long>(sod / 3600), static_cast<long long>(sod / 60 % 60),
                static_cast<long long>(sod % 60), static_cast<unsigned long long>(t % kUsPerSecond / 1000));
  return buf;
}

std::string reportToTable(const share::Report& r, bool final) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "edgeflow %s report, agent '%s'\ncapture %s .. %s\n\n",
                final ? "final" : "interval", r.agent_id.c_str(), formatUtc(r.first_packet_us).c_str(),
                formatUtc(r.last_packet_us).c_str());
  out += line;
  std::snprintf(line, sizeof line, "%-28s %-8s %-4s %12s %16s %16s %10s  %s\n", "UPSTREAM", "ASN", "DIR", "PACKETS",
                "IP BYTES", "FRAME BYTES", "FLOWS", "SHARE");
  out += line;
  for (const share::UpstreamShare& u : r.upstreams) appendUpstream(out, r, u);
  appendUpstream(out, r, r.unknown_upstream);
  out += "\nSHARE is each upstream's part of the IP bytes of all upstreams, per direction;\nboth directions:";
  for (const share::UpstreamShare& u : r.upstreams) out += " " + u.id + " " + trim(percent(u.share_total)) + ",";
  out += " " + r.unknown_upstream.id + " " + trim(percent(r.unknown_upstream.share_total)) + "\n\n";
  appendRow(out, "internal (local<->local)", "", "", r.internal, "");
  appendRow(out, "transit (neither local)", "", "", r.transit, "");
  appendRow(out, "non-ip", "", "", r.non_ip, "");
  appendRow(out, "undecodable", "", "", r.undecodable, "");

  const share::Counter total = r.bucketTotal();
  const bool conserved = total.packets + r.held.packets == r.input.packets &&
                         total.frame_bytes + r.held.frame_bytes == r.input.frame_bytes;
  std::snprintf(line, sizeof line, "\ninput: %llu frames, %llu wire bytes; all buckets: %llu frames, %llu bytes (%s)\n",
                static_cast<unsigned long long>(r.input.packets), static_cast<unsigned long long>(r.input.frame_bytes),
                static_cast<unsigned long long>(total.packets), static_cast<unsigned long long>(total.frame_bytes),
                conserved ? "conserved" : "MISMATCH");
  out += line;
  if (r.held.packets != 0) {
    std::snprintf(line, sizeof line,
                  "held: %llu frames, %llu bytes of flows whose application is being decided (a later report counts "
                  "them)\n",
                  static_cast<unsigned long long>(r.held.packets), static_cast<unsigned long long>(r.held.frame_bytes));
    out += line;
  }
  std::snprintf(line, sizeof line, "flows: %llu active, %llu records, %llu evicted (table full), %llu idle-expired\n",
                static_cast<unsigned long long>(r.health.flows_active),
                static_cast<unsigned long long>(r.health.flows_created),
                static_cast<unsigned long long>(r.health.flows_evicted),
                static_cast<unsigned long long>(r.health.flows_idle_expired));
  out += line;
  if (r.has_country || r.has_asn) {
    std::snprintf(line, sizeof line, "geo: %llu lookups, %llu not found, %llu errors\n",
                  static_cast<unsigned long long>(r.health.geo_lookups),
                  static_cast<unsigned long long>(r.health.geo_not_found),
                  static_cast<unsigned long long>(r.health.geo_errors));
    out += line;
  }
  if (r.has_app) {
    std::snprintf(line, sizeof line,
                  "dpi: %llu flows inspected, %llu classified, %llu gave up, %llu unclassified (pool full), %llu in "
                  "progress\n",
                  static_cast<unsigned long long>(r.health.dpi_flows_started),
                  static_cast<unsigned long long>(r.health.dpi_flows_classified),
                  static_cast<unsigned long long>(r.health.dpi_flows_gave_up),
                  static_cast<unsigned long long>(r.health.dpi_pool_exhausted),
                  static_cast<unsigned long long>(r.health.dpi_slots_in_use));
    out += line;
  }
  if (r.health.breakdown_overflow != 0) {
    std::snprintf(line, sizeof line, "breakdowns: %llu additions counted in 'other' (top_k rows full)\n",
                  static_cast<unsigned long long>(r.health.breakdown_overflow));
    out += line;
  }
  if (!r.health.decode.empty()) {
    out += "decode:";
    for (const auto& [name, count] : r.health.decode) out += " " + name + "=" + std::to_string(count);
    out += "\n";
  }
  return out;
}

}  // namespace edgeflow::exporter
