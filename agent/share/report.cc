#include "agent/share/report.h"

#include <unordered_map>

namespace edgeflow::share {

using attribute::Direction;

namespace {

std::string appKey(const enrich::Classifier* classifier, uint32_t app) {
  if (classifier != nullptr) {
    const std::string_view name = classifier->appName(static_cast<enrich::AppId>(app));
    if (!name.empty()) return std::string(name);
  }
  return "app-" + std::to_string(app);
}

// The report rows of one breakdown: rows with packets only; rows that come
// out with the same key (two application ids one name) are merged, so keys
// are unique and the rows still sum to the parent.
std::vector<BreakdownRow> reportRows(const Breakdown& b, Dimension dim, const ShareCounters& counters,
                                     const ReportEnrichment& e) {
  std::vector<BreakdownRow> out;
  std::unordered_map<std::string, size_t> index;
  auto append = [&](std::string key, std::string name, const Counter& c) {
    if (c.packets == 0) return;
    const auto [it, inserted] = index.emplace(key, out.size());
    if (!inserted) {
      out[it->second].counter += c;
      return;
    }
    out.push_back(BreakdownRow{std::move(key), std::move(name), c});
  };
  for (size_t i = 0; i < b.size(); ++i) {
    const uint32_t v = b.valueAt(i);
    switch (dim) {
      case Dimension::Country:
        append(enrich::unpackCountry(static_cast<enrich::CountryCode>(v)), "", b.rowAt(i));
        break;
      case Dimension::Asn: {
        const std::string* org = counters.asnName(v);
        append(std::to_string(v), org != nullptr ? *org : std::string(), b.rowAt(i));
        break;
      }
      case Dimension::App:
        append(appKey(e.classifier, v),
               e.classifier != nullptr ? std::string(e.classifier->appCategory(static_cast<enrich::AppId>(v)))
                                       : std::string(),
               b.rowAt(i));
        break;
    }
  }
  append("unknown", "", b.unknown());
  append("unclassified", "", b.unclassified());
  append("other", "", b.other());
  return out;
}

void fillBreakdowns(UpstreamShare& u, attribute::Row row, const ShareCounters& counters, const ReportEnrichment& e) {
  for (int d = 0; d < 2; ++d) {
    const auto dir = static_cast<Direction>(d);
    Breakdowns& out = dir == Direction::In ? u.in_breakdowns : u.out_breakdowns;
    if (const Breakdown* b = counters.breakdown(row, dir, Dimension::Country)) {
      out.country = reportRows(*b, Dimension::Country, counters, e);
    }
    if (const Breakdown* b = counters.breakdown(row, dir, Dimension::Asn)) {
      out.asn = reportRows(*b, Dimension::Asn, counters, e);
    }
    if (const Breakdown* b = counters.breakdown(row, dir, Dimension::App)) {
      out.app = reportRows(*b, Dimension::App, counters, e);
    }
  }
}

}  // namespace

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

Report makeReport(const config::Config& cfg, const ShareCounters& counters, const ReportEnrichment& enrichment) {
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
    fillBreakdowns(u, row, counters, enrichment);
    r.upstreams.push_back(std::move(u));
  }
  r.unknown_upstream.id = "unknown-upstream";
  r.unknown_upstream.name = "unknown-upstream";
  r.unknown_upstream.in = counters.row(layout.unknownUpstream(), Direction::In);
  r.unknown_upstream.out = counters.row(layout.unknownUpstream(), Direction::Out);
  fillBreakdowns(r.unknown_upstream, layout.unknownUpstream(), counters, enrichment);
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

  const BreakdownConfig& bc = counters.breakdownConfig();
  r.has_country = bc.country;
  r.has_asn = bc.asn;
  r.has_app = bc.app;
  r.health.breakdown_overflow = counters.breakdownOverflow();
  if (enrichment.geo != nullptr) {
    const enrich::GeoLookupStats gs = enrichment.geo->stats();
    r.health.geo_lookups = gs.lookups;
    r.health.geo_not_found = gs.not_found;
    r.health.geo_errors = gs.errors;
  }
  if (enrichment.classifier != nullptr) {
    const enrich::ClassifierStats cs = enrichment.classifier->stats();
    r.health.dpi_flows_started = cs.started;
    r.health.dpi_flows_classified = cs.classified;
    r.health.dpi_flows_gave_up = cs.gave_up;
    r.health.dpi_pool_exhausted = cs.pool_exhausted;
    r.health.dpi_slots_in_use = cs.in_use;
  }
  return r;
}

}  // namespace edgeflow::share
