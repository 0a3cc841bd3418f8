#include "agent/export/prometheus_text.h"

#include <cstdio>
#include <utility>
#include <vector>

namespace edgeflow::exporter {

namespace {

using share::Counter;
using share::UpstreamShare;

// Builds a family: HELP and TYPE once, then samples.
class Family {
 public:
  Family(std::string& out, const char* name, const char* type, const char* help) : out_(out), name_(name) {
    out_ += "# HELP ";
    out_ += name;
    out_ += ' ';
    out_ += help;
    out_ += "\n# TYPE ";
    out_ += name;
    out_ += ' ';
    out_ += type;
    out_ += '\n';
  }

  // `labels` is already rendered (`a="x",b="y"`), or empty.
  void sample(const std::string& labels, uint64_t value) { line(labels, std::to_string(value)); }

  void sample(const std::string& labels, double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", value);
    line(labels, buf);
  }

 private:
  void line(const std::string& labels, const std::string& value) {
    out_ += name_;
    if (!labels.empty()) out_ += "{" + labels + "}";
    out_ += ' ';
    out_ += value;
    out_ += '\n';
  }

  std::string& out_;
  const char* name_;
};

std::string label(const char* name, std::string_view value) {
  return std::string(name) + "=\"" + escapeLabelValue(value) + "\"";
}

struct CounterField {
  const char* suffix;
  const char* help;
  uint64_t Counter::*field;
};

constexpr CounterField kFields[] = {
    {"packets_total", "frames", &Counter::packets},
    {"bytes_total", "IP bytes (IP total length, as NetFlow octets count)", &Counter::ip_bytes},
    {"frame_bytes_total", "frame bytes (original wire length)", &Counter::frame_bytes},
    {"flows_total", "flow records (a flow counts once per direction it carried)", &Counter::flows},
};

void upstreamFamilies(std::string& out, const share::Report& r) {
  std::vector<const UpstreamShare*> rows;
  for (const UpstreamShare& u : r.upstreams) rows.push_back(&u);
  rows.push_back(&r.unknown_upstream);
  for (const CounterField& f : kFields) {
    const std::string name = std::string("edgeflow_upstream_") + f.suffix;
    const std::string help = std::string("Cumulative ") + f.help + " per upstream and direction.";
    Family fam(out, name.c_str(), "counter", help.c_str());
    for (const UpstreamShare* u : rows) {
      fam.sample(label("upstream", u->id) + ",direction=\"in\"", u->in.*f.field);
      fam.sample(label("upstream", u->id) + ",direction=\"out\"", u->out.*f.field);
    }
  }
}

void bucketFamilies(std::string& out, const share::Report& r) {
  const std::pair<const char*, const Counter*> buckets[] = {
      {"internal", &r.internal}, {"transit", &r.transit}, {"non-ip", &r.non_ip}, {"undecodable", &r.undecodable}};
  for (const CounterField& f : kFields) {
    const std::string name = std::string("edgeflow_bucket_") + f.suffix;
    const std::string help =
        std::string("Cumulative ") + f.help + " of traffic that is not an upstream's: internal, transit, non-ip, undecodable.";
    Family fam(out, name.c_str(), "counter", help.c_str());
    for (const auto& [bucket, counter] : buckets) fam.sample(label("bucket", bucket), counter->*f.field);
  }
}

// The breakdown families: one per dimension and quantity (frame bytes are
// left out: IP bytes make the shares, and every family multiplies series).
struct DimensionFamily {
  const char* prefix;      // "edgeflow_country_"
  const char* key_label;   // "country"
  const char* name_label;  // "as_org", "category", or nullptr
  const char* what;        // for HELP
  const char* specials;    // for HELP
  bool share::Report::*enabled;
  std::vector<share::BreakdownRow> share::Breakdowns::*rows;
};

constexpr DimensionFamily kDimensions[] = {
    {"edgeflow_country_", "country", nullptr, "remote country (ISO 3166 alpha-2)",
     "unknown (no database range), other (beyond top_k)", &share::Report::has_country, &share::Breakdowns::country},
    {"edgeflow_asn_", "asn", "as_org", "remote AS (as_org: its organisation)",
     "unknown (no database range), other (beyond top_k)", &share::Report::has_asn, &share::Breakdowns::asn},
    {"edgeflow_app_", "app", "category", "application (category: its category)",
     "unknown (not recognised), unclassified (classifier pool full), other (beyond top_k)", &share::Report::has_app,
     &share::Breakdowns::app},
};

constexpr CounterField kBreakdownFields[] = {kFields[0], kFields[1], kFields[3]};

void breakdownFamilies(std::string& out, const share::Report& r) {
  Family enabled(out, "edgeflow_breakdown_enabled", "gauge",
                 "1 when the breakdown by this dimension (country, asn, app) is on, 0 when its enrichment is off.");
  for (const DimensionFamily& d : kDimensions) enabled.sample(label("dimension", d.key_label), uint64_t{r.*d.enabled});

  std::vector<const UpstreamShare*> rows;
  for (const UpstreamShare& u : r.upstreams) rows.push_back(&u);
  rows.push_back(&r.unknown_upstream);
  for (const DimensionFamily& d : kDimensions) {
    if (!(r.*d.enabled)) continue;
    for (const CounterField& f : kBreakdownFields) {
      const std::string name = std::string(d.prefix) + f.suffix;
      const std::string help = std::string("Cumulative ") + f.help + " per upstream, direction and " + d.what +
                               "; special rows: " + d.specials + ".";
      Family fam(out, name.c_str(), "counter", help.c_str());
      for (const UpstreamShare* u : rows) {
        for (const char* dir : {"in", "out"}) {
          const share::Breakdowns& b = dir[0] == 'i' ? u->in_breakdowns : u->out_breakdowns;
          for (const share::BreakdownRow& row : b.*d.rows) {
            std::string labels = label("upstream", u->id) + ",direction=\"" + dir + "\"," + label(d.key_label, row.key);
            if (d.name_label != nullptr) labels += "," + label(d.name_label, row.name);
            fam.sample(labels, row.counter.*f.field);
          }
        }
      }
    }
  }
}

void healthFamilies(std::string& out, const share::Report& r) {
  Family(out, "edgeflow_input_packets_total", "counter", "Frames read from the capture source.")
      .sample("", r.input.packets);
  Family(out, "edgeflow_input_frame_bytes_total", "counter", "Wire bytes of the frames read from the capture source.")
      .sample("", r.input.frame_bytes);
  Family(out, "edgeflow_held_packets", "gauge",
         "Frames of flows whose application is still being decided, not in any counter yet.")
      .sample("", r.held.packets);
  Family(out, "edgeflow_held_frame_bytes", "gauge",
         "Wire bytes of flows whose application is still being decided, not in any counter yet.")
      .sample("", r.held.frame_bytes);
  Family decode(out, "edgeflow_decode_frames_total", "counter",
                "Frames the decoder did not pass as IP, by status (decode.non_ip.* or an error).");
  for (const auto& [status, count] : r.health.decode) decode.sample(label("status", status), count);
  Family(out, "edgeflow_flows_active", "gauge", "Flow records in the flow table.").sample("", r.health.flows_active);
  Family(out, "edgeflow_flow_records_total", "counter", "Flow records started.").sample("", r.health.flows_created);
  Family(out, "edgeflow_flow_evictions_total", "counter",
         "Flow records ended early because the table was full (least recently seen first).")
      .sample("", r.health.flows_evicted);
  Family(out, "edgeflow_flow_idle_expired_total", "counter", "Flow records ended by the idle timeout.")
      .sample("", r.health.flows_idle_expired);
  Family(out, "edgeflow_flow_active_expired_total", "counter", "Flow records split by the active timeout.")
      .sample("", r.health.flows_active_expired);
  Family(out, "edgeflow_fragments_unmatched_total", "counter",
         "Later IP fragments whose first fragment was not remembered (counted in a ports-0 flow).")
      .sample("", r.health.fragments_unmatched);
  Family(out, "edgeflow_fragment_cache_overwrites_total", "counter",
         "First fragments forgotten because another datagram needed their slot.")
      .sample("", r.health.fragment_cache_overwrites);
  Family(out, "edgeflow_geo_lookups_total", "counter", "Remote addresses looked up in the geo/ASN databases.")
      .sample("", r.health.geo_lookups);
  Family(out, "edgeflow_geo_not_found_total", "counter", "Geo/ASN lookups of an address in no range of any database.")
      .sample("", r.health.geo_not_found);
  Family(out, "edgeflow_geo_errors_total", "counter", "Geo/ASN lookups a database answered with an error.")
      .sample("", r.health.geo_errors);
  Family(out, "edgeflow_dpi_flows_started_total", "counter", "Flows given a classifier slot.")
      .sample("", r.health.dpi_flows_started);
  Family(out, "edgeflow_dpi_flows_classified_total", "counter", "Flows whose application was decided by inspection.")
      .sample("", r.health.dpi_flows_classified);
  Family(out, "edgeflow_dpi_flows_gave_up_total", "counter",
         "Flows decided without a verdict (packet budget, timeout, flow end).")
      .sample("", r.health.dpi_flows_gave_up);
  Family(out, "edgeflow_dpi_pool_exhausted_total", "counter",
         "Flows counted as app=\"unclassified\" because every classifier slot was taken.")
      .sample("", r.health.dpi_pool_exhausted);
  Family(out, "edgeflow_dpi_slots_in_use", "gauge", "Classifier slots held by flows being classified.")
      .sample("", r.health.dpi_slots_in_use);
  Family(out, "edgeflow_breakdown_overflow_total", "counter",
         "Additions counted in an \"other\" breakdown row because the top_k rows were taken.")
      .sample("", r.health.breakdown_overflow);
  Family(out, "edgeflow_capture_dropped_total", "counter", "Packets the capture dropped before the agent saw them.")
      .sample("", r.health.capture_dropped);
  Family(out, "edgeflow_push_datagrams_total", "counter", "Report datagrams handed to the kernel for collectors.")
      .sample("", r.health.push_datagrams_sent);
  Family(out, "edgeflow_push_errors_total", "counter",
         "Report datagrams dropped (socket buffer full, collector unreachable or refusing).")
      .sample("", r.health.push_errors);
  Family(out, "edgeflow_sampling_rate", "gauge",
         "1 in N packets captured; counters count the captured ones (multiply by N to estimate the link).")
      .sample("", uint64_t{r.sampling_rate});
  Family(out, "edgeflow_last_packet_timestamp_seconds", "gauge", "Capture time of the latest packet.")
      .sample("", static_cast<double>(r.last_packet_us) / 1e6);
}

}  // namespace

std::string escapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string reportToPrometheus(const share::Report& r) {
  std::string out;
  Family info(out, "edgeflow_upstream_info", "gauge", "Configured upstreams: name and AS number (empty when not configured); value 1.");
  for (const UpstreamShare& u : r.upstreams) {
    info.sample(label("upstream", u.id) + "," + label("name", u.name) + "," + label("asn", u.asn ? std::to_string(u.asn) : ""),
                uint64_t{1});
  }
  upstreamFamilies(out, r);
  bucketFamilies(out, r);
  breakdownFamilies(out, r);
  healthFamilies(out, r);
  return out;
}

}  // namespace edgeflow::exporter
