#include "agent/proto/report_codec.h"

#include <google/protobuf/stubs/logging.h>

#include <limits>

#include "agent/proto/wire_label.h"

namespace edgeflow::proto {

namespace {

constexpr const char* kUnknownUpstreamId = "unknown-upstream";

void counterToProto(const share::Counter& c, v1::Counter& out) {
  out.set_packets(c.packets);
  out.set_ip_bytes(c.ip_bytes);
  out.set_frame_bytes(c.frame_bytes);
  out.set_flows(c.flows);
}

share::Counter counterFromProto(const v1::Counter& c) {
  return share::Counter{c.packets(), c.ip_bytes(), c.frame_bytes(), c.flows()};
}

void upstreamToProto(const share::UpstreamShare& u, v1::Upstream& out) {
  out.set_id(wireLabel(u.id, kMaxIdBytes));
  out.set_name(wireLabel(u.name, kMaxNameBytes));
  out.set_asn(u.asn);
  counterToProto(u.in, *out.mutable_in());
  counterToProto(u.out, *out.mutable_out());
}

share::UpstreamShare upstreamFromProto(const v1::Upstream& u) {
  share::UpstreamShare out;
  out.id = u.id();
  out.name = u.name();
  out.asn = u.asn();
  out.in = counterFromProto(u.in());
  out.out = counterFromProto(u.out());
  return out;
}

void rowsToProto(const std::string& upstream_id, v1::Direction dir, v1::Dimension dim,
                 const std::vector<share::BreakdownRow>& rows, v1::Report& out) {
  for (const share::BreakdownRow& row : rows) {
    v1::BreakdownRow& r = *out.add_breakdowns();
    r.set_upstream(upstream_id);
    r.set_direction(dir);
    r.set_dimension(dim);
    r.set_key(wireLabel(row.key, kMaxIdBytes));
    r.set_name(wireLabel(row.name, kMaxNameBytes));
    counterToProto(row.counter, *r.mutable_counter());
  }
}

void breakdownsToProto(const share::UpstreamShare& u, v1::Report& out) {
  const std::string id = wireLabel(u.id, kMaxIdBytes);
  for (const auto dir : {v1::DIRECTION_IN, v1::DIRECTION_OUT}) {
    const share::Breakdowns& b = dir == v1::DIRECTION_IN ? u.in_breakdowns : u.out_breakdowns;
    rowsToProto(id, dir, v1::DIMENSION_COUNTRY, b.country, out);
    rowsToProto(id, dir, v1::DIMENSION_ASN, b.asn, out);
    rowsToProto(id, dir, v1::DIMENSION_APP, b.app, out);
  }
}

void healthToProto(const share::Health& h, v1::Health& out) {
  for (const auto& [name, count] : h.decode) {
    v1::NamedCount& n = *out.add_decode();
    n.set_name(wireLabel(name, kMaxIdBytes));
    n.set_count(count);
  }
  out.set_flows_active(h.flows_active);
  out.set_flows_created(h.flows_created);
  out.set_flows_evicted(h.flows_evicted);
  out.set_flows_idle_expired(h.flows_idle_expired);
  out.set_flows_active_expired(h.flows_active_expired);
  out.set_fragments_unmatched(h.fragments_unmatched);
  out.set_fragment_cache_overwrites(h.fragment_cache_overwrites);
  out.set_capture_dropped(h.capture_dropped);
  out.set_geo_lookups(h.geo_lookups);
  out.set_geo_not_found(h.geo_not_found);
  out.set_geo_errors(h.geo_errors);
  out.set_dpi_flows_started(h.dpi_flows_started);
  out.set_dpi_flows_classified(h.dpi_flows_classified);
  out.set_dpi_flows_gave_up(h.dpi_flows_gave_up);
  out.set_dpi_pool_exhausted(h.dpi_pool_exhausted);
  out.set_dpi_slots_in_use(h.dpi_slots_in_use);
  out.set_breakdown_overflow(h.breakdown_overflow);
  out.set_push_datagrams_sent(h.push_datagrams_sent);
  out.set_push_errors(h.push_errors);
}

share::Health healthFromProto(const v1::Health& h) {
  share::Health out;
  for (const v1::NamedCount& n : h.decode()) out.decode.emplace_back(n.name(), n.count());
  out.flows_active = h.flows_active();
  out.flows_created = h.flows_created();
  out.flows_evicted = h.flows_evicted();
  out.flows_idle_expired = h.flows_idle_expired();
  out.flows_active_expired = h.flows_active_expired();
  out.fragments_unmatched = h.fragments_unmatched();
  out.fragment_cache_overwrites = h.fragment_cache_overwrites();
  out.capture_dropped = h.capture_dropped();
  out.geo_lookups = h.geo_lookups();
  out.geo_not_found = h.geo_not_found();
  out.geo_errors = h.geo_errors();
  out.dpi_flows_started = h.dpi_flows_started();
  out.dpi_flows_classified = h.dpi_flows_classified();
  out.dpi_flows_gave_up = h.dpi_flows_gave_up();
  out.dpi_pool_exhausted = h.dpi_pool_exhausted();
  out.dpi_slots_in_use = h.dpi_slots_in_use();
  out.breakdown_overflow = h.breakdown_overflow();
  out.push_datagrams_sent = h.push_datagrams_sent();
  out.push_errors = h.push_errors();
  return out;
}

// The breakdown list a row goes to, or nullptr for a dimension this reader
// does not know (a newer agent's).
std::vector<share::BreakdownRow>* rowList(share::Breakdowns& b, v1::Dimension dim) {
  switch (dim) {
    case v1::DIMENSION_COUNTRY:
      return &b.country;
    case v1::DIMENSION_ASN:
      return &b.asn;
    case v1::DIMENSION_APP:
      return &b.app;
    default:
      return nullptr;
  }
}

double ratio(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

DecodeResult failure(std::string error) {
  DecodeResult r;
  r.error = std::move(error);
  return r;
}

}  // namespace

void computeShares(share::Report& r) {
  uint64_t in_total = r.unknown_upstream.in.ip_bytes;
  uint64_t out_total = r.unknown_upstream.out.ip_bytes;
  for (const share::UpstreamShare& u : r.upstreams) {
    in_total += u.in.ip_bytes;
    out_total += u.out.ip_bytes;
  }
  auto set = [&](share::UpstreamShare& u) {
    u.share_in = ratio(u.in.ip_bytes, in_total);
    u.share_out = ratio(u.out.ip_bytes, out_total);
    u.share_total = ratio(u.in.ip_bytes + u.out.ip_bytes, in_total + out_total);
  };
  for (share::UpstreamShare& u : r.upstreams) set(u);
  set(r.unknown_upstream);
}

void toProto(const share::Report& r, const ReportMeta& meta, v1::Report& out) {
  out.Clear();
  out.set_agent_id(wireLabel(r.agent_id, kMaxIdBytes));
  out.set_boot_id(r.boot_id);
  out.set_seq(r.seq);
  out.set_report_time_us(r.report_time_us);
  out.set_first_packet_us(r.first_packet_us);
  out.set_last_packet_us(r.last_packet_us);
  out.set_sampling_rate(r.sampling_rate);
  out.set_final(meta.final);
  out.mutable_dimensions()->set_country(r.has_country);
  out.mutable_dimensions()->set_asn(r.has_asn);
  out.mutable_dimensions()->set_app(r.has_app);
  out.set_part_index(meta.part_index);
  out.set_part_count(meta.part_count);

  counterToProto(r.input, *out.mutable_input());
  counterToProto(r.internal, *out.mutable_internal());
  counterToProto(r.transit, *out.mutable_transit());
  counterToProto(r.non_ip, *out.mutable_non_ip());
  counterToProto(r.undecodable, *out.mutable_undecodable());
  upstreamToProto(r.unknown_upstream, *out.mutable_unknown_upstream());
  counterToProto(r.held, *out.mutable_held());

  for (const share::UpstreamShare& u : r.upstreams) upstreamToProto(u, *out.add_upstreams());
  for (const share::UpstreamShare& u : r.upstreams) breakdownsToProto(u, out);
  breakdownsToProto(r.unknown_upstream, out);

  healthToProto(r.health, *out.mutable_health());
}

DecodeResult fromProto(const v1::Report& m) {
  DecodeResult result;
  share::Report& r = result.report;
  r.agent_id = m.agent_id();
  r.boot_id = m.boot_id();
  r.seq = m.seq();
  r.report_time_us = m.report_time_us();
  r.first_packet_us = m.first_packet_us();
  r.last_packet_us = m.last_packet_us();
  r.sampling_rate = m.sampling_rate();
  r.has_country = m.dimensions().country();
  r.has_asn = m.dimensions().asn();
  r.has_app = m.dimensions().app();
  result.meta.final = m.final();
  result.meta.part_index = m.part_index();
  result.meta.part_count = m.part_count() == 0 ? 1 : m.part_count();

  r.input = counterFromProto(m.input());
  r.internal = counterFromProto(m.internal());
  r.transit = counterFromProto(m.transit());
  r.non_ip = counterFromProto(m.non_ip());
  r.undecodable = counterFromProto(m.undecodable());
  r.held = counterFromProto(m.held());
  r.unknown_upstream = upstreamFromProto(m.unknown_upstream());
  if (r.unknown_upstream.id.empty()) {
    r.unknown_upstream.id = kUnknownUpstreamId;
    r.unknown_upstream.name = kUnknownUpstreamId;
  }
  r.upstreams.reserve(static_cast<size_t>(m.upstreams_size()));
  for (const v1::Upstream& u : m.upstreams()) r.upstreams.push_back(upstreamFromProto(u));

  for (const v1::BreakdownRow& row : m.breakdowns()) {
    share::UpstreamShare* owner = nullptr;
    if (row.upstream() == r.unknown_upstream.id) {
      owner = &r.unknown_upstream;
    } else {
      for (share::UpstreamShare& u : r.upstreams) {
        if (u.id == row.upstream()) {
          owner = &u;
          break;
        }
      }
    }
    if (owner == nullptr) {
      // One datagram part may carry rows of an upstream listed in another
      // part: it stands in, named by its id. A whole report lists them all.
      if (result.meta.part_count <= 1) {
        return failure("breakdown row for upstream '" + row.upstream() + "', which the report does not list");
      }
      share::UpstreamShare& stand_in = r.upstreams.emplace_back();
      stand_in.id = row.upstream();
      stand_in.name = row.upstream();
      owner = &stand_in;
    }
    share::Breakdowns* b = nullptr;
    if (row.direction() == v1::DIRECTION_IN) {
      b = &owner->in_breakdowns;
    } else if (row.direction() == v1::DIRECTION_OUT) {
      b = &owner->out_breakdowns;
    } else {
      return failure("breakdown row of upstream '" + row.upstream() + "' without a direction");
    }
    std::vector<share::BreakdownRow>* list = rowList(*b, row.dimension());
    if (list == nullptr) continue;
    list->push_back(share::BreakdownRow{row.key(), row.name(), counterFromProto(row.counter())});
  }

  r.health = healthFromProto(m.health());
  computeShares(r);
  result.ok = true;
  return result;
}

std::string encodeReport(const share::Report& report, bool final) {
  v1::Report m;
  ReportMeta meta;
  meta.final = final;
  toProto(report, meta, m);
  return m.SerializeAsString();
}

DecodeResult decodeReport(std::string_view bytes) {
  // Bad input is reported in the result, not by the library on stderr.
  const google::protobuf::LogSilencer quiet;
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) return failure("report too large");
  v1::Report m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return failure("not an edgeflow.v1.Report message (" + std::to_string(bytes.size()) + " bytes)");
  }
  return fromProto(m);
}

}  // namespace edgeflow::proto
