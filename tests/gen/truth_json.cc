// The truth sidecar. Keys are written in one fixed order and integers as
// integers, so two runs with the same options give byte-identical files and
// a test can compare the "buckets" object with the agent's output directly.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "tests/gen/app_kinds.h"
#include "tests/gen/report.h"

namespace edgeflow::gen {
namespace {

uint64_t ceilSeconds(uint64_t us) { return (us + 999999) / 1000000; }

class JsonOut {
 public:
  std::string take() { return std::move(s_); }

  void open(const char* key) {
    field(key) += "{";
    first_ = true;
    ++depth_;
  }
  void close() {
    --depth_;
    newline();
    s_ += "}";
    first_ = false;
  }
  void num(const char* key, uint64_t v) { field(key) += std::to_string(v); }
  void raw(const char* key, const std::string& v) { field(key) += v; }
  void str(const char* key, const std::string& v) { field(key) += "\"" + v + "\""; }
  void boolean(const char* key, bool v) { field(key) += v ? "true" : "false"; }
  // A counter on one line, as in docs/counting.md.
  void counter(const char* key, const Counter& c) {
    field(key) += "{\"packets\": " + std::to_string(c.packets) +
                  ", \"ip_bytes\": " + std::to_string(c.ip_bytes) +
                  ", \"frame_bytes\": " + std::to_string(c.frame_bytes) +
                  ", \"flows\": " + std::to_string(c.flows) + "}";
  }

 private:
  void newline() {
    s_ += "\n";
    s_.append(2 * static_cast<size_t>(depth_), ' ');
  }
  std::string& field(const char* key) {
    if (!first_) s_ += ",";
    first_ = false;
    if (key != nullptr) {
      newline();
      s_ += "\"";
      s_ += key;
      s_ += "\": ";
    }
    return s_;
  }

  std::string s_;
  bool first_ = true;
  int depth_ = 0;
};

// A breakdown's rows with their JSON keys, in byte order of the key (the
// order of `jq -S`).
std::map<std::string, Counter> countryRows(const Breakdown& b) { return b.country; }

std::map<std::string, Counter> asnRows(const Breakdown& b) {
  std::map<std::string, Counter> rows;
  for (const auto& [asn, c] : b.asn) rows[asn == 0 ? "unknown" : std::to_string(asn)] = c;
  return rows;
}

std::map<std::string, Counter> appRows(const Breakdown& b) {
  std::map<std::string, Counter> rows;
  for (const auto& [label, c] : b.app) rows[labelName(label)] = c;
  return rows;
}

template <typename Fn>
void forEachBreakdown(const Truth& t, Fn fn) {
  const Buckets& bk = t.buckets();
  const Breakdowns& bd = t.breakdowns();
  for (size_t i = 0; i < bd.upstreams.size(); ++i) {
    for (int d = 0; d < 2; ++d) fn(bd.upstreams[i][d], bk.upstreams[i][d]);
  }
  for (int d = 0; d < 2; ++d) fn(bd.unknown[d], bk.unknown[d]);
}

void writeBreakdown(JsonOut& j, const char* dir, const Breakdown& b) {
  j.open(dir);
  const std::pair<const char*, std::map<std::string, Counter>> dims[] = {
      {"country", countryRows(b)}, {"asn", asnRows(b)}, {"app", appRows(b)}};
  for (const auto& [name, rows] : dims) {
    j.open(name);
    for (const auto& [key, c] : rows) j.counter(key.c_str(), c);
    j.close();
  }
  j.close();
}

}  // namespace

void checkBreakdowns(const Truth& t) {
  forEachBreakdown(t, [](const Breakdown& b, const Counter& parent) {
    for (const auto& rows : {countryRows(b), asnRows(b), appRows(b)}) {
      Counter sum;
      for (const auto& [key, c] : rows) {
        sum.packets += c.packets;
        sum.ip_bytes += c.ip_bytes;
        sum.frame_bytes += c.frame_bytes;
        sum.flows += c.flows;
      }
      if (sum.packets != parent.packets || sum.ip_bytes != parent.ip_bytes ||
          sum.frame_bytes != parent.frame_bytes || sum.flows != parent.flows) {
        std::fprintf(stderr, "edgeflow-gen: breakdown rows do not add up to their bucket\n");
        std::abort();
      }
    }
  });
}

AgentSettings deriveSettings(const Options& o, const Truth& t) {
  AgentSettings a;
  a.max_gap_s = ceilSeconds(t.maxGapUs());
  a.duration_s = ceilSeconds(t.durationUs());
  a.idle_timeout = a.max_gap_s + 10;
  a.active_timeout = std::max<uint64_t>(a.duration_s + 60, 1800);
  if (o.table_size != 0) {
    a.max_flows = o.table_size;
  } else {
    a.max_flows = 1024;
    while (a.max_flows < t.minTableForExactFlows()) a.max_flows *= 2;
  }
  forEachBreakdown(t, [&a](const Breakdown& b, const Counter&) {
    a.max_rows = std::max<uint64_t>({a.max_rows, b.country.size(), b.asn.size(), b.app.size()});
  });
  if (o.top_k != 0)
    a.top_k = o.top_k;
  else if (a.max_rows <= 1024)
    a.top_k = std::max<uint64_t>(a.max_rows, 1);
  return a;
}

std::string truthJson(const Options& o, const Scenario& s, const Truth& t, const AgentSettings& a,
                      const RunStats& stats) {
  JsonOut j;
  j.open(nullptr);
  j.str("generator", "edgeflow-gen");
  j.num("seed", o.seed);

  j.open("options");
  j.num("packets", o.packets);
  j.num("flows", o.flowCount());
  j.str("size_dist", sizeDistName(o.size_dist));
  j.num("rate", o.rate);
  std::string shares = "[";
  shares += std::to_string(o.shares[0]);
  shares += ", ";
  shares += std::to_string(o.shares[1]);
  shares += "]";
  j.raw("shares", shares);
  j.raw("ipv6_share", formatPpm(o.ipv6_ppm));
  j.raw("qinq_share", formatPpm(o.qinq_ppm));
  j.raw("mpls_share", formatPpm(o.mpls_ppm));
  j.raw("pppoe_share", formatPpm(o.pppoe_ppm));
  j.raw("fragment_share", formatPpm(o.fragment_ppm));
  j.raw("non_ip_share", formatPpm(o.non_ip_ppm));
  j.raw("malformed_share", formatPpm(o.malformed_ppm));
  j.boolean("other_buckets", o.other_buckets);
  j.boolean("mac_upstream", o.mac_upstream);
  j.num("syn_flood", o.syn_flood);
  j.num("snaplen", o.snaplen);
  j.num("table_size", o.table_size);
  j.num("top_k", o.top_k);
  j.raw("unlisted_share", formatPpm(o.unlisted_ppm));
  j.num("distinct_asns", o.distinct_asns);
  j.boolean("pcapng", o.pcapng);
  j.close();

  j.open("file");
  j.num("packets", t.file().packets);
  j.num("frame_bytes", t.file().frame_bytes);
  j.num("captured_bytes", t.file().captured_bytes);
  j.close();

  const Buckets& b = t.buckets();
  j.open("buckets");
  j.open("upstreams");
  for (size_t i = 0; i < s.upstreams.size(); ++i) {
    j.open(s.upstreams[i].id.c_str());
    j.counter("in", b.upstreams[i][kIn]);
    j.counter("out", b.upstreams[i][kOut]);
    j.close();
  }
  j.close();
  j.open("unknown-upstream");
  j.counter("in", b.unknown[kIn]);
  j.counter("out", b.unknown[kOut]);
  j.close();
  j.counter("internal", b.internal);
  j.counter("transit", b.transit);
  j.counter("non-ip", b.non_ip);
  j.counter("undecodable", b.undecodable);
  j.close();

  const Breakdowns& bd = t.breakdowns();
  j.open("breakdowns");
  j.open("upstreams");
  for (size_t i = 0; i < s.upstreams.size(); ++i) {
    j.open(s.upstreams[i].id.c_str());
    writeBreakdown(j, "in", bd.upstreams[i][kIn]);
    writeBreakdown(j, "out", bd.upstreams[i][kOut]);
    j.close();
  }
  j.close();
  j.open("unknown-upstream");
  writeBreakdown(j, "in", bd.unknown[kIn]);
  writeBreakdown(j, "out", bd.unknown[kOut]);
  j.close();
  j.close();

  j.num("max_gap_s", a.max_gap_s);
  j.num("duration_s", a.duration_s);
  j.num("min_table_for_exact_flows", t.minTableForExactFlows());

  j.open("config");
  j.num("max_flows", a.max_flows);
  j.num("idle_timeout", a.idle_timeout);
  j.num("active_timeout", a.active_timeout);
  j.num("top_k", a.top_k);
  j.close();

  j.open("stats");
  j.num("legit_flows", stats.legit_flows);
  j.num("fragmented_flows", stats.fragmented_flows);
  j.num("flow_keys", t.flowKeys());
  j.num("max_header_bytes", stats.max_header_bytes);
  j.num("cut_by_snaplen", t.cutBySnaplen());
  j.num("max_breakdown_rows", a.max_rows);
  j.num("tls_client_hellos", stats.tls_client_hellos);
  j.num("http_requests", stats.http_requests);
  j.num("ssh_banners", stats.ssh_banners);
  j.num("bittorrent_handshakes", stats.bittorrent_handshakes);
  j.num("payload_flows", stats.payload_flows);
  j.close();

  j.close();
  return j.take() + "\n";
}

}  // namespace edgeflow::gen
