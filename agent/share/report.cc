#include "agent/share/report.h"

namespace edgeflow::share {

using attribute::Direction;

Counter Report::bucketTotal() const {
  Counter sum;
  for (const UpstreamShare& u : upstreams) {
    sum += u.in;
    sum += u.out;
  }
  sum += unknown_upstream.in;
  sum += unknown_upstream.out;
  sum += internal;
  sum += transit;
  sum += non_ip;
  sum += undecodable;
  return sum;
}

static double ratio(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

Report makeReport(const config::Config& cfg, const ShareCounters& counters) {
  const attribute::RowLayout& layout = counters.layout();
  Report r;
  r.agent_id = cfg.agent.id;
  for (size_t i = 0; i < layout.upstreams; ++i) {
    UpstreamShare u;
    u.id = cfg.upstreams[i].id;
    u.name = cfg.upstreams[i].name.empty() ? u.id : cfg.upstreams[i].name;
    u.asn = cfg.upstreams[i].asn;
    const auto row = static_cast<attribute::Row>(i);
    u.in = counters.row(row, Direction::In);
    u.out = counters.row(row, Direction::Out);
    r.upstreams.push_back(std::move(u));
  }
  r.unknown_upstream.id = "unknown-upstream";
  r.unknown_upstream.name = "unknown-upstream";
  r.unknown_upstream.in = counters.row(layout.unknownUpstream(), Direction::In);
  r.unknown_upstream.out = counters.row(layout.unknownUpstream(), Direction::Out);
  r.internal = counters.row(layout.internal(), Direction::In);
  r.transit = counters.row(layout.transit(), Direction::In);
  r.non_ip = counters.nonIp();
  r.undecodable = counters.undecodable();

  uint64_t in_total = r.unknown_upstream.in.ip_bytes;
  uint64_t out_total = r.unknown_upstream.out.ip_bytes;
  for (const UpstreamShare& u : r.upstreams) {
    in_total += u.in.ip_bytes;
    out_total += u.out.ip_bytes;
  }
  auto setShares = [&](UpstreamShare& u) {
    u.share_in = ratio(u.in.ip_bytes, in_total);
    u.share_out = ratio(u.out.ip_bytes, out_total);
    u.share_total = ratio(u.in.ip_bytes + u.out.ip_bytes, in_total + out_total);
  };
  for (UpstreamShare& u : r.upstreams) setShares(u);
  setShares(r.unknown_upstream);
  return r;
}

}  // namespace edgeflow::share
