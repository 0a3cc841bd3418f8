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

void healthFamilies(std::string& out, const share::Report& r) {
  Family(out, "edgeflow_input_packets_total", "counter", "Frames read from the capture source.")
      .sample("", r.input.packets);
  Family(out, "edgeflow_input_frame_bytes_total", "counter", "Wire bytes of the frames read from the capture source.")
      .sample("", r.input.frame_bytes);
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
  healthFamilies(out, r);
  return out;
}

}  // namespace edgeflow::exporter
