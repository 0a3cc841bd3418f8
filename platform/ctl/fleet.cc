#include "platform/ctl/fleet.h"

#include <algorithm>
#include <set>

#include "agent/proto/report_codec.h"

namespace edgeflow::ctl {

namespace {

constexpr const char* kSpecialRows[] = {"unknown", "unclassified", "other"};

int specialRank(const std::string& key) {
  for (int i = 0; i < 3; ++i) {
    if (key == kSpecialRows[i]) return i + 1;
  }
  return 0;
}

bool numeric(const std::string& s) {
  return !s.empty() && s.size() <= 10 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The agent's row order: values first (numbers numerically, else by text),
// then "unknown", "unclassified", "other".
bool rowBefore(const share::BreakdownRow& a, const share::BreakdownRow& b) {
  const int ra = specialRank(a.key), rb = specialRank(b.key);
  if (ra != rb) return ra < rb;
  if (numeric(a.key) && numeric(b.key)) return std::stoull(a.key) < std::stoull(b.key);
  return a.key < b.key;
}

void addRows(std::vector<share::BreakdownRow>& into, const std::vector<share::BreakdownRow>& rows) {
  for (const share::BreakdownRow& row : rows) {
    auto it = std::find_if(into.begin(), into.end(), [&](const share::BreakdownRow& r) { return r.key == row.key; });
    if (it == into.end()) {
      into.push_back(row);
    } else {
      it->counter += row.counter;
    }
  }
  std::stable_sort(into.begin(), into.end(), rowBefore);
}

void addBreakdowns(share::Breakdowns& into, const share::Breakdowns& b) {
  addRows(into.country, b.country);
  addRows(into.asn, b.asn);
  addRows(into.app, b.app);
}

void addUpstream(share::UpstreamShare& into, const share::UpstreamShare& u) {
  into.in += u.in;
  into.out += u.out;
  addBreakdowns(into.in_breakdowns, u.in_breakdowns);
  addBreakdowns(into.out_breakdowns, u.out_breakdowns);
}

void addHealth(share::Health& into, const share::Health& h) {
  for (const auto& [name, count] : h.decode) {
    auto it = std::find_if(into.decode.begin(), into.decode.end(), [&](const auto& e) { return e.first == name; });
    if (it == into.decode.end()) {
      into.decode.emplace_back(name, count);
    } else {
      it->second += count;
    }
  }
  into.flows_active += h.flows_active;
  into.flows_created += h.flows_created;
  into.flows_evicted += h.flows_evicted;
  into.flows_idle_expired += h.flows_idle_expired;
  into.flows_active_expired += h.flows_active_expired;
  into.fragments_unmatched += h.fragments_unmatched;
  into.fragment_cache_overwrites += h.fragment_cache_overwrites;
  into.geo_lookups += h.geo_lookups;
  into.geo_not_found += h.geo_not_found;
  into.geo_errors += h.geo_errors;
  into.dpi_flows_started += h.dpi_flows_started;
  into.dpi_flows_classified += h.dpi_flows_classified;
  into.dpi_flows_gave_up += h.dpi_flows_gave_up;
  into.dpi_pool_exhausted += h.dpi_pool_exhausted;
  into.dpi_slots_in_use += h.dpi_slots_in_use;
  into.breakdown_overflow += h.breakdown_overflow;
  into.capture_dropped += h.capture_dropped;
  into.push_datagrams_sent += h.push_datagrams_sent;
  into.push_errors += h.push_errors;
}

bool anyBelow(const share::Counter& now, const share::Counter& before) {
  return now.packets < before.packets || now.ip_bytes < before.ip_bytes || now.frame_bytes < before.frame_bytes ||
         now.flows < before.flows;
}

// Rates from `before` to `now` (same boot). Empty when time did not advance
// or a counter went down (which only a reset can do).
std::vector<UpstreamRate> ratesBetween(const share::Report& before, const share::Report& now, double& interval_s) {
  std::vector<UpstreamRate> rates;
  const uint64_t t0 = reportClockUs(before), t1 = reportClockUs(now);
  if (t1 <= t0) return rates;
  interval_s = static_cast<double>(t1 - t0) / 1e6;
  auto rowOf = [](const share::Report& r, const std::string& id) -> const share::UpstreamShare* {
    if (id == r.unknown_upstream.id) return &r.unknown_upstream;
    for (const share::UpstreamShare& u : r.upstreams) {
      if (u.id == id) return &u;
    }
    return nullptr;
  };
  std::vector<const share::UpstreamShare*> rows;
  for (const share::UpstreamShare& u : now.upstreams) rows.push_back(&u);
  rows.push_back(&now.unknown_upstream);
  for (const share::UpstreamShare* u : rows) {
    const share::UpstreamShare* prev = rowOf(before, u->id);
    if (prev == nullptr) continue;
    if (anyBelow(u->in, prev->in) || anyBelow(u->out, prev->out)) return {};
    rates.push_back(UpstreamRate{u->id, static_cast<double>(u->in.ip_bytes - prev->in.ip_bytes) / interval_s,
                                 static_cast<double>(u->out.ip_bytes - prev->out.ip_bytes) / interval_s});
  }
  return rates;
}

}  // namespace

uint64_t reportClockUs(const share::Report& r) { return r.report_time_us != 0 ? r.report_time_us : r.last_packet_us; }

Fleet::Outcome Fleet::add(const share::Report& report, bool final) {
  ++adds_;
  auto it = std::find_if(boots_.begin(), boots_.end(), [&](const AgentBoot& b) {
    return b.agent_id == report.agent_id && b.boot_id == report.boot_id;
  });
  if (it != boots_.end()) {
    if (report.seq <= it->latest.seq) return Outcome::Stale;
    it->rates = ratesBetween(it->latest, report, it->rate_interval_s);
    it->latest = report;
    it->final = final;
    ++it->reports;
    it->last_heard = adds_;
    return Outcome::Updated;
  }
  if (boots_.size() >= max_boots_) {
    auto oldest = std::min_element(boots_.begin(), boots_.end(),
                                   [](const AgentBoot& a, const AgentBoot& b) { return a.last_heard < b.last_heard; });
    boots_.erase(oldest);
    ++forgotten_;
  }
  AgentBoot boot;
  boot.agent_id = report.agent_id;
  boot.boot_id = report.boot_id;
  boot.latest = report;
  boot.final = final;
  boot.reports = 1;
  boot.last_heard = adds_;
  for (AgentBoot& other : boots_) {
    if (other.agent_id == report.agent_id) {
      boot.restarted = true;
      other.rates.clear();  // that process is gone: no current rate
    }
  }
  boots_.push_back(std::move(boot));
  return Outcome::NewBoot;
}

share::Report Fleet::merged() const {
  share::Report m;
  m.agent_id = std::to_string(agents()) + (agents() == 1 ? " agent" : " agents");
  m.unknown_upstream.id = "unknown-upstream";
  m.unknown_upstream.name = "unknown-upstream";
  bool first = true;
  for (const AgentBoot& b : boots_) {
    const share::Report& r = b.latest;
    if (first) {
      m.sampling_rate = r.sampling_rate;
      m.first_packet_us = r.first_packet_us;
    } else if (m.sampling_rate != r.sampling_rate) {
      m.sampling_rate = 0;  // mixed: counters are scaled already
    }
    first = false;
    if (r.first_packet_us != 0 && (m.first_packet_us == 0 || r.first_packet_us < m.first_packet_us)) {
      m.first_packet_us = r.first_packet_us;
    }
    m.last_packet_us = std::max(m.last_packet_us, r.last_packet_us);
    m.report_time_us = std::max(m.report_time_us, r.report_time_us);
    m.has_country = m.has_country || r.has_country;
    m.has_asn = m.has_asn || r.has_asn;
    m.has_app = m.has_app || r.has_app;
    m.input += r.input;
    m.internal += r.internal;
    m.transit += r.transit;
    m.non_ip += r.non_ip;
    m.undecodable += r.undecodable;
    m.held += r.held;
    for (const share::UpstreamShare& u : r.upstreams) {
      auto it = std::find_if(m.upstreams.begin(), m.upstreams.end(),
                             [&](const share::UpstreamShare& x) { return x.id == u.id; });
      if (it == m.upstreams.end()) {
        share::UpstreamShare fresh;
        fresh.id = u.id;
        fresh.name = u.name;
        fresh.asn = u.asn;
        m.upstreams.push_back(std::move(fresh));
        it = m.upstreams.end() - 1;
      }
      addUpstream(*it, u);
    }
    addUpstream(m.unknown_upstream, r.unknown_upstream);
    addHealth(m.health, r.health);
  }
  proto::computeShares(m);
  return m;
}

size_t Fleet::agents() const {
  std::set<std::string> ids;
  for (const AgentBoot& b : boots_) ids.insert(b.agent_id);
  return ids.size();
}

size_t Fleet::finals() const {
  return static_cast<size_t>(std::count_if(boots_.begin(), boots_.end(), [](const AgentBoot& b) { return b.final; }));
}

}  // namespace edgeflow::ctl
