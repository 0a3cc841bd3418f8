// Fleet: the reports of many agents merged into one share table, and the
// per-agent rates between consecutive reports (edgeflowctl listen).
//
// Counters are cumulative per agent process, so the state is kept per
// (agent_id, boot_id): the latest report of each. The merged report sums the
// latest report of every boot seen, so an agent's restart (a new boot_id,
// counters from zero) never makes the totals go down. Rates compare two
// reports of the same boot only; a new boot starts its rates afresh, so no
// rate is ever negative. Bounded: at most `max_boots` boots are kept; the
// least recently heard from is forgotten first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "agent/share/report.h"

namespace edgeflow::ctl {

// IP bytes per second of one upstream row of one agent over its last interval.
struct UpstreamRate {
  std::string upstream;  // upstream id ("unknown-upstream" included)
  double in_bps = 0;
  double out_bps = 0;
};

struct AgentBoot {
  std::string agent_id;
  uint64_t boot_id = 0;
  share::Report latest;
  bool final = false;          // the latest report was the process's last
  bool restarted = false;      // an earlier boot of this agent was seen
  uint64_t reports = 0;        // reports taken from this boot
  uint64_t last_heard = 0;     // Fleet::add() call count when it last reported
  // Rates between the previous and the latest report; empty until this boot
  // has sent two reports.
  std::vector<UpstreamRate> rates;
  double rate_interval_s = 0;
};

class Fleet {
 public:
  enum class Outcome { NewBoot, Updated, Stale };

  explicit Fleet(size_t max_boots = 256) : max_boots_(max_boots == 0 ? 1 : max_boots) {}

  // Takes one complete report. A report whose seq is not newer than the
  // boot's latest (a duplicate, or one overtaken on the way) is Stale and
  // changes nothing.
  Outcome add(const share::Report& report, bool final);

  // The sum over every boot's latest report: counters, breakdown rows (by
  // key), buckets and health; upstreams in first-seen order; shares
  // recomputed; capture times spanning all. agent_id is "N agents".
  share::Report merged() const;

  const std::vector<AgentBoot>& boots() const { return boots_; }
  size_t agents() const;      // distinct agent ids
  size_t finals() const;      // boots whose latest report is final
  uint64_t forgotten() const { return forgotten_; }

 private:
  size_t max_boots_;
  uint64_t adds_ = 0;
  uint64_t forgotten_ = 0;
  std::vector<AgentBoot> boots_;
};

// Microseconds a report stands at: its wall-clock time, or, from an agent
// that set none, its latest packet time.
uint64_t reportClockUs(const share::Report& report);

}  // namespace edgeflow::ctl
