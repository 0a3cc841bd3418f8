// edgeflowctl's merge of many agents: sums, restarts, stale reports, rates.
#include <string>

#include "agent/proto/report_codec.h"
#include "platform/ctl/fleet.h"
#include "platform/ctl/fleet_text.h"
#include "tests/unit/proto/sample_report.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow;

namespace {

const share::BreakdownRow* findRow(const std::vector<share::BreakdownRow>& rows, const std::string& key) {
  for (const share::BreakdownRow& r : rows) {
    if (r.key == key) return &r;
  }
  return nullptr;
}

// The same agent `later_s` seconds on, every upstream byte count grown by `grow`.
share::Report later(share::Report r, uint64_t seconds, uint64_t grow) {
  r.seq += 1;
  r.report_time_us += seconds * kUsPerSecond;
  for (share::UpstreamShare& u : r.upstreams) {
    u.in.ip_bytes += grow;
    u.out.ip_bytes += 2 * grow;
  }
  r.unknown_upstream.in.ip_bytes += grow;
  return r;
}

}  // namespace

TEST_GROUP(Fleet){};

TEST(Fleet, MergedTotalsAreTheSumOfTheAgents) {
  const share::Report a = testing::sampleReport(4, 1);
  share::Report b = testing::sampleReport(4, 2);
  share::Report c = testing::sampleReport(4, 3);
  c.upstreams.pop_back();  // an agent with one upstream fewer
  ctl::Fleet fleet;
  CHECK(fleet.add(a, false) == ctl::Fleet::Outcome::NewBoot);
  CHECK(fleet.add(b, true) == ctl::Fleet::Outcome::NewBoot);
  CHECK(fleet.add(c, true) == ctl::Fleet::Outcome::NewBoot);
  UNSIGNED_LONGS_EQUAL(3, fleet.agents());
  UNSIGNED_LONGS_EQUAL(2, fleet.finals());

  const share::Report m = fleet.merged();
  STRCMP_EQUAL("3 agents", m.agent_id.c_str());
  UNSIGNED_LONGS_EQUAL(2, m.upstreams.size());
  share::Counter ttk_in = a.upstreams[0].in;
  ttk_in += b.upstreams[0].in;
  ttk_in += c.upstreams[0].in;
  CHECK(m.upstreams[0].in == ttk_in);
  share::Counter unicom_out = a.upstreams[1].out;
  unicom_out += b.upstreams[1].out;
  CHECK(m.upstreams[1].out == unicom_out);
  share::Counter total = a.bucketTotal();
  total += b.bucketTotal();
  total += c.bucketTotal();
  CHECK(m.bucketTotal() == total);
  share::Counter input = a.input;
  input += b.input;
  input += c.input;
  CHECK(m.input == input);
  CHECK(m.held.packets == a.held.packets + b.held.packets + c.held.packets);
  CHECK(m.first_packet_us == a.first_packet_us);
  CHECK(m.last_packet_us == c.last_packet_us);
  // Breakdown rows add up by key; special rows stay last.
  const share::BreakdownRow* other = findRow(m.upstreams[0].in_breakdowns.country, "other");
  CHECK(other != nullptr);
  CHECK(other->counter.packets == a.upstreams[0].in_breakdowns.country[1].counter.packets +
                                      b.upstreams[0].in_breakdowns.country[1].counter.packets +
                                      c.upstreams[0].in_breakdowns.country[1].counter.packets);
  STRCMP_EQUAL("other", m.upstreams[0].in_breakdowns.country.back().key.c_str());
  // Health adds up, decode statuses by name.
  UNSIGNED_LONGS_EQUAL(2, m.health.decode.size());
  CHECK(m.health.decode[0].second == a.health.decode[0].second + b.health.decode[0].second + c.health.decode[0].second);
  // Shares are recomputed over the sum.
  DOUBLES_EQUAL(1.0, m.upstreams[0].share_in + m.upstreams[1].share_in + m.unknown_upstream.share_in, 1e-12);
}

TEST(Fleet, StaleAndDuplicateReportsChangeNothing) {
  const share::Report a = testing::sampleReport(2, 1);
  ctl::Fleet fleet;
  fleet.add(later(a, 10, 1000), false);
  CHECK(fleet.add(a, false) == ctl::Fleet::Outcome::Stale);
  CHECK(fleet.add(later(a, 10, 1000), false) == ctl::Fleet::Outcome::Stale);
  UNSIGNED_LONGS_EQUAL(1, fleet.boots()[0].reports);
  CHECK(fleet.merged().upstreams[0].in.ip_bytes == a.upstreams[0].in.ip_bytes + 1000);
}

TEST(Fleet, RatesBetweenConsecutiveReportsOfOneBoot) {
  const share::Report a = testing::sampleReport(2, 1);
  ctl::Fleet fleet;
  fleet.add(a, false);
  CHECK_TRUE(fleet.boots()[0].rates.empty());  // one report: no rate yet
  CHECK(fleet.add(later(a, 10, 5000), false) == ctl::Fleet::Outcome::Updated);
  const ctl::AgentBoot& boot = fleet.boots()[0];
  UNSIGNED_LONGS_EQUAL(3, boot.rates.size());
  STRCMP_EQUAL("ttk", boot.rates[0].upstream.c_str());
  DOUBLES_EQUAL(500.0, boot.rates[0].in_bps, 1e-9);
  DOUBLES_EQUAL(1000.0, boot.rates[0].out_bps, 1e-9);
  STRCMP_EQUAL("unknown-upstream", boot.rates[2].upstream.c_str());
  DOUBLES_EQUAL(500.0, boot.rates[2].in_bps, 1e-9);
  DOUBLES_EQUAL(10.0, boot.rate_interval_s, 1e-9);
  CHECK(ctl::fleetToText(fleet).find("500.0") != std::string::npos);
}

TEST(Fleet, RestartKeepsTheOldBootsCountsAndRestartsTheRate) {
  const share::Report a = testing::sampleReport(2, 1);
  ctl::Fleet fleet;
  fleet.add(a, false);
  fleet.add(later(a, 10, 5000), false);
  // The agent restarts: a new boot_id, counters from (nearly) zero, seq 1.
  share::Report fresh = a;
  fresh.boot_id = a.boot_id + 1;
  fresh.seq = 1;
  fresh.report_time_us = a.report_time_us + 20 * kUsPerSecond;
  for (share::UpstreamShare& u : fresh.upstreams) u.in = share::Counter{1, 100, 120, 1};
  CHECK(fleet.add(fresh, false) == ctl::Fleet::Outcome::NewBoot);
  UNSIGNED_LONGS_EQUAL(1, fleet.agents());
  UNSIGNED_LONGS_EQUAL(2, fleet.boots().size());
  CHECK_TRUE(fleet.boots()[1].restarted);
  // No negative rate: the old process has none now, the new one none yet.
  CHECK_TRUE(fleet.boots()[0].rates.empty());
  CHECK_TRUE(fleet.boots()[1].rates.empty());
  // Totals never drop: the old boot's last counts stay in.
  CHECK(fleet.merged().upstreams[0].in.ip_bytes == a.upstreams[0].in.ip_bytes + 5000 + 100);
  // The new boot's second report gives a rate again.
  share::Report next = fresh;
  next.seq = 2;
  next.report_time_us += 5 * kUsPerSecond;
  next.upstreams[0].in.ip_bytes += 1000;
  fleet.add(next, false);
  DOUBLES_EQUAL(200.0, fleet.boots()[1].rates[0].in_bps, 1e-9);
}

TEST(Fleet, CountersGoingDownWithinABootGiveNoRate) {
  const share::Report a = testing::sampleReport(2, 1);
  share::Report b = later(a, 10, 0);
  b.upstreams[0].in.ip_bytes -= 1;
  ctl::Fleet fleet;
  fleet.add(a, false);
  fleet.add(b, false);
  CHECK_TRUE(fleet.boots()[0].rates.empty());
}

TEST(Fleet, BootsAreBounded) {
  ctl::Fleet fleet(2);
  for (uint64_t i = 1; i <= 4; ++i) fleet.add(testing::sampleReport(1, i), false);
  UNSIGNED_LONGS_EQUAL(2, fleet.boots().size());
  UNSIGNED_LONGS_EQUAL(2, fleet.forgotten());
  STRCMP_EQUAL("border-3", fleet.boots()[0].agent_id.c_str());
}
