#include "agent/pipeline/counting_sink.h"
#include "agent/share/counters.h"
#include "agent/share/report.h"
#include "tests/fakes/counting_fixtures.h"

// Last: CppUTest's leak detector redefines `new` for what follows.
#include <CppUTest/TestHarness.h>

using namespace edgeflow;
using attribute::Direction;
using fakes::addPacket;
using fakes::entryOn;

namespace {

config::Config twoUpstreams() {
  config::Config cfg = fakes::upstreamsWithIds({"ttk", "cu"});
  cfg.upstreams[0].name = "TransTeleCom";
  cfg.upstreams[0].asn = 20485;
  return cfg;
}

}  // namespace

TEST_GROUP(Counting) {
  attribute::RowLayout layout{2};
  share::ShareCounters counters{layout};
  pipeline::CountingSink sink{counters};
};

TEST(Counting, AFlowCountsOncePerDirectionItCarried) {
  fakes::TestFlow e = entryOn(0);
  addPacket(e, Direction::Out, 60, 74);
  sink.flush(e.rec, e.remote, false);
  addPacket(e, Direction::Out, 52, 66);
  addPacket(e, Direction::In, 1500, 1518);
  sink.flush(e.rec, e.remote, false);
  addPacket(e, Direction::In, 1500, 1518);
  sink.flush(e.rec, e.remote, true);
  const share::Counter& out = counters.row(0, Direction::Out);
  const share::Counter& in = counters.row(0, Direction::In);
  UNSIGNED_LONGS_EQUAL(2, out.packets);
  UNSIGNED_LONGS_EQUAL(112, out.ip_bytes);
  UNSIGNED_LONGS_EQUAL(140, out.frame_bytes);
  UNSIGNED_LONGS_EQUAL(1, out.flows);
  UNSIGNED_LONGS_EQUAL(2, in.packets);
  UNSIGNED_LONGS_EQUAL(1, in.flows);
  UNSIGNED_LONGS_EQUAL(0, fakes::pendingPackets(e));  // deltas were consumed
}

TEST(Counting, NonDirectionalRowsCountAFlowOnce) {
  fakes::TestFlow e = entryOn(layout.internal());
  addPacket(e, Direction::Out, 100, 114);
  addPacket(e, Direction::In, 100, 114);
  sink.flush(e.rec, e.remote, false);
  const share::Counter& c = counters.row(layout.internal(), Direction::In);
  UNSIGNED_LONGS_EQUAL(2, c.packets);
  UNSIGNED_LONGS_EQUAL(1, c.flows);
  POINTERS_EQUAL(&c, &counters.row(layout.internal(), Direction::Out));
}

TEST(Counting, FlushWithoutPacketsAddsNothing) {
  fakes::TestFlow e = entryOn(1);
  sink.flush(e.rec, e.remote, true);
  CHECK(counters.total() == share::Counter{});
}

TEST(Counting, ReportComputesSharesPerDirection) {
  const config::Config cfg = twoUpstreams();
  counters.row(0, Direction::In).ip_bytes = 600;
  counters.row(1, Direction::In).ip_bytes = 300;
  counters.row(layout.unknownUpstream(), Direction::In).ip_bytes = 100;
  counters.row(0, Direction::Out).ip_bytes = 50;
  counters.row(1, Direction::Out).ip_bytes = 150;
  counters.nonIp().packets = 3;
  const share::Report r = share::makeReport(cfg, counters);
  LONGS_EQUAL(2, static_cast<long>(r.upstreams.size()));
  STRCMP_EQUAL("ttk", r.upstreams[0].id.c_str());
  STRCMP_EQUAL("TransTeleCom", r.upstreams[0].name.c_str());
  STRCMP_EQUAL("cu", r.upstreams[1].name.c_str());  // name defaults to the id
  DOUBLES_EQUAL(0.6, r.upstreams[0].share_in, 1e-12);
  DOUBLES_EQUAL(0.25, r.upstreams[0].share_out, 1e-12);
  DOUBLES_EQUAL(650.0 / 1200.0, r.upstreams[0].share_total, 1e-12);
  DOUBLES_EQUAL(0.1, r.unknown_upstream.share_in, 1e-12);
  DOUBLES_EQUAL(0.0, r.unknown_upstream.share_out, 1e-12);
  UNSIGNED_LONGS_EQUAL(3, r.non_ip.packets);
  UNSIGNED_LONGS_EQUAL(counters.total().ip_bytes, r.bucketTotal().ip_bytes);
}

TEST(Counting, SharesAreZeroWithoutTraffic) {
  const share::Report r = share::makeReport(twoUpstreams(), counters);
  DOUBLES_EQUAL(0.0, r.upstreams[0].share_in, 0);
  DOUBLES_EQUAL(0.0, r.upstreams[1].share_total, 0);
}
