#include "tests/unit/proto/sample_report.h"

#include <cstdio>

#include "agent/proto/report_codec.h"

namespace edgeflow::testing {

namespace {

share::Counter counter(uint64_t base) { return share::Counter{base, base * 700 + 3, base * 730 + 5, base / 3 + 1}; }

// The same n counters in every dimension, rotated, so that each dimension's
// rows sum to the same parent counter, as the agent's rows do.
void fillRows(std::vector<share::BreakdownRow>& rows, const std::string& dim, size_t n, uint64_t base, size_t rotate) {
  static const char* kSpecial[] = {"unknown", "other", "unclassified"};
  const size_t special = dim == "app" ? 3 : 2;
  for (size_t i = 0; i < n; ++i) {
    share::BreakdownRow row;
    if (i < special && n > special) {
      row.key = kSpecial[i];
    } else if (dim == "country") {
      row.key = std::string{static_cast<char>('A' + i % 26), static_cast<char>('A' + i / 26 % 26)};
    } else if (dim == "asn") {
      row.key = std::to_string(13000 + i);
      row.name = "Org " + std::to_string(i) + ", Ltd.";
    } else {
      row.key = "App" + std::to_string(i);
      row.name = "Category";
    }
    row.counter = counter(base + (i + rotate) % n * 11);
    rows.push_back(std::move(row));
  }
}

share::Counter rowSum(size_t n, uint64_t base) {
  share::Counter sum;
  for (size_t i = 0; i < n; ++i) sum += counter(base + i * 11);
  return n == 0 ? counter(base) : sum;
}

void fillDirection(share::Counter& parent, share::Breakdowns& b, size_t n, uint64_t base) {
  fillRows(b.country, "country", n, base, 0);
  fillRows(b.asn, "asn", n, base, 1);
  fillRows(b.app, "app", n, base, 2);
  parent = rowSum(n, base);
}

void fillUpstream(share::UpstreamShare& u, size_t n, uint64_t base) {
  fillDirection(u.in, u.in_breakdowns, n, base + 1);
  fillDirection(u.out, u.out_breakdowns, n, base + 4);
}

std::string line(const char* name, const share::Counter& c) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s %llu %llu %llu %llu\n", name, static_cast<unsigned long long>(c.packets),
                static_cast<unsigned long long>(c.ip_bytes), static_cast<unsigned long long>(c.frame_bytes),
                static_cast<unsigned long long>(c.flows));
  return buf;
}

std::string hexFloat(double d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", d);
  return buf;
}

void dumpRows(std::string& out, const char* what, const std::vector<share::BreakdownRow>& rows) {
  for (const share::BreakdownRow& row : rows) out += line((std::string("  ") + what + " [" + row.key + "] [" + row.name + "]").c_str(), row.counter);
}

void dumpUpstream(std::string& out, const share::UpstreamShare& u) {
  out += "upstream [" + u.id + "] [" + u.name + "] " + std::to_string(u.asn) + " " + hexFloat(u.share_in) + " " +
         hexFloat(u.share_out) + " " + hexFloat(u.share_total) + "\n";
  out += line(" in", u.in);
  out += line(" out", u.out);
  dumpRows(out, "in country", u.in_breakdowns.country);
  dumpRows(out, "in asn", u.in_breakdowns.asn);
  dumpRows(out, "in app", u.in_breakdowns.app);
  dumpRows(out, "out country", u.out_breakdowns.country);
  dumpRows(out, "out asn", u.out_breakdowns.asn);
  dumpRows(out, "out app", u.out_breakdowns.app);
}

}  // namespace

share::Report sampleReport(size_t n, uint64_t seed) {
  share::Report r;
  r.agent_id = "border-" + std::to_string(seed);
  r.boot_id = 0x8000000000000001ull * seed + 0x1234;
  r.seq = 7 * seed;
  r.report_time_us = 1767225610000000ull + seed;
  r.sampling_rate = 64;
  r.has_country = true;
  r.has_asn = true;
  r.has_app = true;
  r.first_packet_us = 1767225600000000ull;
  r.last_packet_us = 1767225605250000ull + seed;
  const uint64_t b = seed * 1000;
  share::UpstreamShare ttk;
  ttk.id = "ttk";
  ttk.name = "TransTeleCom";
  ttk.asn = 20485;
  fillUpstream(ttk, n, b + 10);
  r.upstreams.push_back(std::move(ttk));
  share::UpstreamShare cu;
  cu.id = "unicom";
  cu.name = "China Unicom \xe4\xb8\xad\xe5\x9b\xbd";  // UTF-8 passes unchanged
  cu.asn = 4837;
  fillUpstream(cu, n, b + 20);
  r.upstreams.push_back(std::move(cu));
  r.unknown_upstream.id = "unknown-upstream";
  r.unknown_upstream.name = "unknown-upstream";
  fillUpstream(r.unknown_upstream, n, b + 30);
  r.internal = counter(b + 401);
  r.transit = counter(b + 402);
  r.non_ip = share::Counter{b + 5, 0, b * 60 + 1, 0};
  r.undecodable = share::Counter{b + 6, 0, b * 70 + 1, 0};
  r.held = counter(b + 501);
  r.input = r.bucketTotal();
  r.input += r.held;
  r.health.decode = {{"decode.non_ip.ethertype", b + 5}, {"decode.ipv4.bad_ihl", b + 6}};
  r.health.flows_active = b + 1;
  r.health.flows_created = b + 2;
  r.health.flows_evicted = b + 3;
  r.health.flows_idle_expired = b + 4;
  r.health.flows_active_expired = b + 5;
  r.health.fragments_unmatched = b + 6;
  r.health.fragment_cache_overwrites = b + 7;
  r.health.geo_lookups = b + 8;
  r.health.geo_not_found = b + 9;
  r.health.geo_errors = b + 10;
  r.health.dpi_flows_started = b + 11;
  r.health.dpi_flows_classified = b + 12;
  r.health.dpi_flows_gave_up = b + 13;
  r.health.dpi_pool_exhausted = b + 14;
  r.health.dpi_slots_in_use = b + 15;
  r.health.breakdown_overflow = b + 16;
  r.health.capture_dropped = b + 17;
  r.health.push_datagrams_sent = b + 18;
  r.health.push_errors = b + 19;
  proto::computeShares(r);
  return r;
}

std::string dumpReport(const share::Report& r) {
  std::string out = "agent [" + r.agent_id + "] boot " + std::to_string(r.boot_id) + " seq " + std::to_string(r.seq) +
                    " time " + std::to_string(r.report_time_us) + " rate " + std::to_string(r.sampling_rate) +
                    " dims " + std::to_string(r.has_country) + std::to_string(r.has_asn) + std::to_string(r.has_app) +
                    " capture " + std::to_string(r.first_packet_us) + ".." + std::to_string(r.last_packet_us) + "\n";
  out += line("input", r.input);
  out += line("internal", r.internal);
  out += line("transit", r.transit);
  out += line("non-ip", r.non_ip);
  out += line("undecodable", r.undecodable);
  out += line("held", r.held);
  for (const share::UpstreamShare& u : r.upstreams) dumpUpstream(out, u);
  dumpUpstream(out, r.unknown_upstream);
  for (const auto& [name, count] : r.health.decode) out += "decode " + name + " " + std::to_string(count) + "\n";
  const share::Health& h = r.health;
  for (const uint64_t v : {h.flows_active, h.flows_created, h.flows_evicted, h.flows_idle_expired,
                           h.flows_active_expired, h.fragments_unmatched, h.fragment_cache_overwrites, h.geo_lookups,
                           h.geo_not_found, h.geo_errors, h.dpi_flows_started, h.dpi_flows_classified,
                           h.dpi_flows_gave_up, h.dpi_pool_exhausted, h.dpi_slots_in_use, h.breakdown_overflow,
                           h.capture_dropped, h.push_datagrams_sent, h.push_errors}) {
    out += "health " + std::to_string(v) + "\n";
  }
  return out;
}

}  // namespace edgeflow::testing
