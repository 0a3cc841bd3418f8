#include <cstdint>
#include <vector>

#include "agent/pipeline/counting_sink.h"
#include "agent/pipeline/pipeline.h"
#include "agent/share/counters.h"
#include "tests/fakes/counting_fixtures.h"
#include "tests/fakes/fake_classifier.h"
#include "tests/fakes/fake_geo_lookup.h"
#include "tests/fakes/frames.h"
#include "tests/fakes/vlan_upstreams.h"

// Last: CppUTest's leak detector redefines `new` for what follows.
#include <CppUTest/TestHarness.h>

using namespace edgeflow;
using attribute::Direction;
using share::Counter;
using share::Dimension;
using fakes::addPacket;
using fakes::entryOn;
using fakes::flowLabels;
using fakes::sumOf;

TEST_GROUP(CountingSink) {
  attribute::RowLayout layout{2};
  share::ShareCounters counters{layout, share::BreakdownConfig{true, true, true, 4}};
  fakes::FakeClassifier classifier;
  fakes::FakeGeoLookup geo;
  pipeline::CountingSink sink{counters, pipeline::SinkEnrichment{&classifier, &geo, 10}};

  const share::Breakdown& bd(attribute::Row r, Direction d, Dimension dim) { return *counters.breakdown(r, d, dim); }
};

TEST(CountingSink, HoldsAnUndecidedFlowAndCountsItUnderItsFinalApplication) {
  fakes::TestFlow e = entryOn(0, "93.184.216.34", flowLabels("US", 15133, enrich::kAppUndecided));
  e.rec.first_seen_s = 100;
  sink.setNow(105);
  addPacket(e, Direction::Out, 60, 74);
  addPacket(e, Direction::In, 1500, 1514);
  sink.beginReport();
  sink.flush(e.rec, e.remote, false);
  CHECK(counters.total() == Counter{});
  CHECK(sink.held() == (Counter{2, 1560, 1588, 0}));
  UNSIGNED_LONGS_EQUAL(1, e.rec.delta.get(0).packets);  // still in the entry

  e.rec.labels.app = 7;  // the classifier decided
  addPacket(e, Direction::In, 1500, 1514);
  sink.beginReport();
  sink.flush(e.rec, e.remote, false);
  CHECK(sink.held() == Counter{});
  CHECK(counters.row(0, Direction::In) == (Counter{2, 3000, 3028, 1}));
  CHECK(counters.row(0, Direction::Out) == (Counter{1, 60, 74, 1}));
  CHECK(*bd(0, Direction::In, Dimension::App).find(7) == counters.row(0, Direction::In));
  CHECK(*bd(0, Direction::Out, Dimension::App).find(7) == counters.row(0, Direction::Out));
  CHECK(*bd(0, Direction::In, Dimension::Country).find(enrich::packCountry("US")) == counters.row(0, Direction::In));
  CHECK(*bd(0, Direction::In, Dimension::Asn).find(15133) == counters.row(0, Direction::In));
  UNSIGNED_LONGS_EQUAL(0, classifier.stats().gave_up);
}

TEST(CountingSink, GivesUpWhenTheDpiTimeoutHasPassed) {
  classifier.give_up_verdict = 8;
  fakes::TestFlow e = entryOn(1, "8.8.8.8", flowLabels("US", 15169, enrich::kAppUndecided));
  e.rec.first_seen_s = 100;
  addPacket(e, Direction::Out, 80, 94);
  sink.setNow(109);
  sink.flush(e.rec, e.remote, false);
  CHECK(counters.total() == Counter{});  // 9 s: still held
  sink.setNow(110);
  sink.flush(e.rec, e.remote, false);
  UNSIGNED_LONGS_EQUAL(8, e.rec.labels.app);
  UNSIGNED_LONGS_EQUAL(1, classifier.stats().gave_up);
  CHECK(*bd(1, Direction::Out, Dimension::App).find(8) == (Counter{1, 80, 94, 1}));
}

TEST(CountingSink, GivesUpWhenTheFlowEnds) {
  fakes::TestFlow e = entryOn(0, "8.8.8.8", flowLabels("US", 15169, enrich::kAppUndecided));
  addPacket(e, Direction::In, 80, 94);
  sink.flush(e.rec, e.remote, true);
  UNSIGNED_LONGS_EQUAL(enrich::kAppUnknown, e.rec.labels.app);
  CHECK(bd(0, Direction::In, Dimension::App).unknown() == (Counter{1, 80, 94, 1}));
  CHECK(sink.held() == Counter{});
}

TEST(CountingSink, FlushNowAndHoldingOffDecideFirst) {
  classifier.give_up_verdict = 8;
  fakes::TestFlow a = entryOn(0, "8.8.8.8", flowLabels("US", 15169, enrich::kAppUndecided));
  addPacket(a, Direction::In, 80, 94);
  sink.flushNow(a.rec, a.remote);
  fakes::TestFlow b = entryOn(0, "8.8.4.4", flowLabels("US", 15169, enrich::kAppUndecided));
  addPacket(b, Direction::In, 80, 94);
  sink.setHoldUndecided(false);  // the last report
  sink.flush(b.rec, b.remote, false);
  UNSIGNED_LONGS_EQUAL(2, classifier.stats().gave_up);
  CHECK(*bd(0, Direction::In, Dimension::App).find(8) == (Counter{2, 160, 188, 2}));
}

TEST(CountingSink, WithoutAClassifierAnUndecidedFlowCountsAsUnknown) {
  share::ShareCounters plain{layout, share::BreakdownConfig{false, false, true, 4}};
  pipeline::CountingSink bare{plain};
  fakes::TestFlow e = entryOn(0, "8.8.8.8", flowLabels("", 0, enrich::kAppUndecided));
  addPacket(e, Direction::In, 80, 94);
  bare.flushNow(e.rec, e.remote);
  CHECK(plain.breakdown(0, Direction::In, Dimension::App)->unknown() == (Counter{1, 80, 94, 1}));
}

TEST(CountingSink, NamesANewAsRowOnceFromTheRemoteAddress) {
  geo.add("2001:4860::8888", "US", 15169, "GOOGLE");
  fakes::TestFlow a = entryOn(0, "2001:4860::8888", flowLabels("US", 15169, 7));
  addPacket(a, Direction::In, 100, 114);
  addPacket(a, Direction::Out, 100, 114);
  sink.flush(a.rec, a.remote, false);
  fakes::TestFlow b = entryOn(1, "2001:4860::8844", flowLabels("US", 15169, 7));
  addPacket(b, Direction::In, 100, 114);
  sink.flush(b.rec, b.remote, true);
  UNSIGNED_LONGS_EQUAL(1, geo.org_lookups);  // three rows admitted, one name fetched
  STRCMP_EQUAL("2001:4860::8888", geo.last_org_addr.toString().c_str());
  STRCMP_EQUAL("GOOGLE", counters.asnName(15169)->c_str());
}

TEST(CountingSink, InternalAndTransitHaveNoBreakdowns) {
  fakes::TestFlow e = entryOn(layout.internal(), "175.45.176.2", flowLabels("", 0, enrich::kAppUnknown));
  addPacket(e, Direction::In, 100, 114);
  addPacket(e, Direction::Out, 100, 114);
  sink.flush(e.rec, e.remote, true);
  CHECK(counters.row(layout.internal(), Direction::In) == (Counter{2, 200, 228, 1}));
  UNSIGNED_LONGS_EQUAL(0, counters.breakdownOverflow());
}

// Many flows with random labels, flushed at random, some ending and starting
// again: every breakdown of every upstream row and direction sums exactly,
// in all four fields, to its parent — with far more values than rows.
TEST(CountingSink, RowsSumExactlyToTheirParent) {
  uint64_t seed = 12345;
  auto rnd = [&](uint32_t n) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(seed >> 33) % n;
  };
  std::vector<fakes::TestFlow> flows;
  for (int i = 0; i < 200; ++i) {
    const auto row = static_cast<attribute::Row>(rnd(3));  // ttk, cu, unknown-upstream
    const char iso[3] = {static_cast<char>('A' + rnd(26)), static_cast<char>('A' + rnd(3)), 0};
    enrich::AppId app = static_cast<enrich::AppId>(rnd(12));
    if (rnd(10) == 0) app = enrich::kAppUnclassified;
    if (rnd(4) == 0) app = enrich::kAppUndecided;
    flows.push_back(entryOn(row, "192.0.2.1", flowLabels(rnd(8) == 0 ? "" : iso, rnd(40), app)));
  }
  classifier.give_up_verdict = 3;
  for (uint32_t step = 0; step < 20000; ++step) {
    sink.setNow(step / 1000);
    fakes::TestFlow& e = flows[rnd(200)];
    addPacket(e, static_cast<Direction>(rnd(2)), 40 + rnd(1460), 54 + rnd(1500));
    const uint32_t what = rnd(20);
    if (what == 0) {
      sink.flush(e.rec, e.remote, true);
      e.rec.counted = 0;  // a new record of the same 5-tuple
      e.rec.first_seen_s = step / 1000;
    } else if (what < 4) {
      sink.flush(e.rec, e.remote, false);
    }
  }
  sink.setHoldUndecided(false);
  for (fakes::TestFlow& e : flows) sink.flush(e.rec, e.remote, false);
  CHECK(counters.breakdownOverflow() > 0);
  for (attribute::Row r = 0; r <= layout.unknownUpstream(); ++r) {
    for (Direction d : {Direction::In, Direction::Out}) {
      for (Dimension dim : {Dimension::Country, Dimension::Asn, Dimension::App}) {
        const share::Breakdown& b = bd(r, d, dim);
        CHECK(b.size() <= 4);
        CHECK(b.total() == counters.row(r, d));
      }
    }
  }
}

// Through the whole pipeline: labels from the geo lookup, applications held
// until decided, breakdowns in the report that sum to their parents, and
// conservation with the held packets.

namespace {

constexpr TimestampUs kT0 = 1767225600ull * kUsPerSecond;

config::Config twoTransits() {
  config::Config cfg;
  cfg.agent.local = {*IpPrefix::parse("175.45.176.0/22")};
  cfg.agent.idle_timeout = 15;
  cfg.agent.top_k = 2;
  cfg.agent.dpi_timeout = 10;
  cfg.upstreams = fakes::twoVlanUpstreams();
  return cfg;
}

fakes::FrameSpec to(const char* remote, uint16_t vlan, uint16_t payload) {
  fakes::FrameSpec s;
  s.vlans = {vlan};
  s.src = *IpAddr::parse("175.45.176.10");
  s.dst = *IpAddr::parse(remote);
  s.src_port = 40000;
  s.dst_port = 443;
  s.payload = payload;
  return s;
}

}  // namespace

TEST_GROUP(PipelineBreakdowns) {
  fakes::FakeGeoLookup geo;
  fakes::FakeClassifier classifier;
  uint64_t packets = 0, frame_bytes = 0;

  void setup() override {
    geo.add("93.184.216.34", "US", 15133, "EDGECAST");
    geo.add("8.8.8.8", "US", 15169, "GOOGLE");
    geo.add("77.88.8.8", "RU", 13238, "YANDEX");
    classifier.name(8, "DNS", "Network");
    classifier.decide_after = 1000000;  // never by inspection: flows stay undecided
    classifier.give_up_verdict = 8;
  }

  void feed(pipeline::Pipeline& p, TimestampUs ts, const fakes::FrameSpec& s) {
    const std::vector<uint8_t> f = fakes::buildFrame(s);
    p.onPacket(ts, f.data(), static_cast<uint32_t>(f.size()), static_cast<uint32_t>(f.size()));
    packets += 1;
    frame_bytes += f.size();
  }
};

TEST(PipelineBreakdowns, HeldUntilDecidedThenEveryRowSumsToItsParent) {
  pipeline::Pipeline p(twoTransits(), 42, pipeline::PipelineEnrichment{&geo, &classifier});
  const char* remotes[] = {"93.184.216.34", "8.8.8.8", "77.88.8.8", "1.1.1.1"};
  for (int i = 0; i < 4; ++i) {
    for (int k = 0; k < 3; ++k) feed(p, kT0 + static_cast<TimestampUs>(i * 10 + k) * 1000, to(remotes[i], 101, 100));
  }
  share::Report r = p.report();
  CHECK(r.has_country && r.has_asn && r.has_app);
  UNSIGNED_LONGS_EQUAL(12, r.held.packets);  // every application still undecided
  UNSIGNED_LONGS_EQUAL(packets, r.bucketTotal().packets + r.held.packets);
  UNSIGNED_LONGS_EQUAL(frame_bytes, r.bucketTotal().frame_bytes + r.held.frame_bytes);
  CHECK(r.upstreams[0].out_breakdowns.app.empty());

  // The flows go idle and end: decided (given up), counted.
  p.tick(kT0 + 30 * kUsPerSecond);
  r = p.report();
  CHECK(r.held == Counter{});
  UNSIGNED_LONGS_EQUAL(packets, r.bucketTotal().packets);
  const share::UpstreamShare& ttk = r.upstreams[0];
  UNSIGNED_LONGS_EQUAL(12, ttk.out.packets);
  UNSIGNED_LONGS_EQUAL(4, ttk.out.flows);
  CHECK(sumOf(ttk.out_breakdowns.country) == ttk.out);
  CHECK(sumOf(ttk.out_breakdowns.asn) == ttk.out);
  CHECK(sumOf(ttk.out_breakdowns.app) == ttk.out);
  // Countries: US (two flows), RU, unknown (1.1.1.1 is in no range).
  LONGS_EQUAL(3, static_cast<long>(ttk.out_breakdowns.country.size()));
  // ASes: two admitted (top_k 2), the third in other, 1.1.1.1 unknown.
  LONGS_EQUAL(4, static_cast<long>(ttk.out_breakdowns.asn.size()));
  STRCMP_EQUAL("unknown", ttk.out_breakdowns.asn[2].key.c_str());
  STRCMP_EQUAL("other", ttk.out_breakdowns.asn[3].key.c_str());
  UNSIGNED_LONGS_EQUAL(3, ttk.out_breakdowns.asn[3].counter.packets);
  UNSIGNED_LONGS_EQUAL(1, r.health.breakdown_overflow);
  for (size_t i = 0; i < 2; ++i) CHECK(!ttk.out_breakdowns.asn[i].name.empty());  // named at admission
  LONGS_EQUAL(1, static_cast<long>(ttk.out_breakdowns.app.size()));
  STRCMP_EQUAL("DNS", ttk.out_breakdowns.app[0].key.c_str());
  STRCMP_EQUAL("Network", ttk.out_breakdowns.app[0].name.c_str());
  UNSIGNED_LONGS_EQUAL(4, r.health.geo_lookups);
  UNSIGNED_LONGS_EQUAL(1, r.health.geo_not_found);
  UNSIGNED_LONGS_EQUAL(4, r.health.dpi_flows_gave_up);
  // Nothing in the other upstream.
  CHECK(r.upstreams[1].out_breakdowns.country.empty());
}
