#include "agent/export/report_table.h"

#include <cstdio>

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

void appendUpstream(std::string& out, const share::UpstreamShare& u) {
  const std::string label = u.id == u.name ? u.id : u.id + " (" + u.name + ")";
  const std::string asn = u.asn ? std::to_string(u.asn) : "-";
  appendRow(out, label.c_str(), asn.c_str(), "in", u.in, percent(u.share_in));
  appendRow(out, "", "", "out", u.out, percent(u.share_out));
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
  for (const share::UpstreamShare& u : r.upstreams) appendUpstream(out, u);
  appendUpstream(out, r.unknown_upstream);
  out += "\nSHARE is each upstream's part of the IP bytes of all upstreams, per direction;\nboth directions:";
  for (const share::UpstreamShare& u : r.upstreams) out += " " + u.id + " " + trim(percent(u.share_total)) + ",";
  out += " " + r.unknown_upstream.id + " " + trim(percent(r.unknown_upstream.share_total)) + "\n\n";
  appendRow(out, "internal (local<->local)", "", "", r.internal, "");
  appendRow(out, "transit (neither local)", "", "", r.transit, "");
  appendRow(out, "non-ip", "", "", r.non_ip, "");
  appendRow(out, "undecodable", "", "", r.undecodable, "");

  const share::Counter total = r.bucketTotal();
  const bool conserved = total.packets == r.input.packets && total.frame_bytes == r.input.frame_bytes;
  std::snprintf(line, sizeof line, "\ninput: %llu frames, %llu wire bytes; all buckets: %llu frames, %llu bytes (%s)\n",
                static_cast<unsigned long long>(r.input.packets), static_cast<unsigned long long>(r.input.frame_bytes),
                static_cast<unsigned long long>(total.packets), static_cast<unsigned long long>(total.frame_bytes),
                conserved ? "conserved" : "MISMATCH");
  out += line;
  std::snprintf(line, sizeof line, "flows: %llu active, %llu records, %llu evicted (table full), %llu idle-expired\n",
                static_cast<unsigned long long>(r.health.flows_active),
                static_cast<unsigned long long>(r.health.flows_created),
                static_cast<unsigned long long>(r.health.flows_evicted),
                static_cast<unsigned long long>(r.health.flows_idle_expired));
  out += line;
  if (!r.health.decode.empty()) {
    out += "decode:";
    for (const auto& [name, count] : r.health.decode) out += " " + name + "=" + std::to_string(count);
    out += "\n";
  }
  return out;
}

}  // namespace edgeflow::exporter
