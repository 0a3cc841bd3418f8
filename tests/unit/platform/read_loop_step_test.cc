// ReadLoop::feed: the stepwise read loop the daemon paces a replay with.
// Packets are fed up to a time and a count, a packet not yet due is held
// without losing its bytes, and stepping through a file counts exactly what
// readAll counts in one go.
#include "agent/pipeline/read_loop.h"

#include <vector>

#include "tests/fakes/fake_packet_source.h"
#include "tests/fakes/frames.h"
#include "tests/fakes/vlan_upstreams.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow;
using pipeline::ReadLoop;

namespace {

constexpr TimestampUs kT0 = 1767225600ull * kUsPerSecond;

config::Config twoUpstreams() {
  config::Config cfg;
  cfg.agent.local = {*IpPrefix::parse("175.45.176.0/22")};
  cfg.upstreams = fakes::twoVlanUpstreams();
  for (config::Upstream& u : cfg.upstreams) u.name = u.id;
  return cfg;
}

// Ten frames, one every 500 ms, alternating upstreams, growing payloads.
void fill(fakes::FakePacketSource& src) {
  for (uint16_t i = 0; i < 10; ++i) {
    fakes::FrameSpec s;
    s.vlans = {static_cast<uint16_t>(i % 2 == 0 ? 101 : 102)};
    s.src = *IpAddr::parse("175.45.176.10");
    s.dst = *IpAddr::parse("93.184.216.34");
    s.src_port = static_cast<uint16_t>(40000 + i);
    s.payload = static_cast<uint16_t>(100 * i);
    src.add(kT0 + i * 500'000ull, fakes::buildFrame(s));
  }
}

uint64_t bytesOf(const share::Report& r) { return r.upstreams[0].out.ip_bytes + r.upstreams[1].out.ip_bytes; }

}  // namespace

TEST_GROUP(ReadLoopStep){};

TEST(ReadLoopStep, FeedsOnlyWhatIsDueAndHoldsTheNext) {
  const config::Config cfg = twoUpstreams();
  pipeline::Pipeline p(cfg, 1);
  fakes::FakePacketSource src;
  fill(src);
  ReadLoop loop(src, p, {}, nullptr);

  // Nothing is due before the first packet; it is read and held.
  CHECK(loop.feed(0, 100) == ReadLoop::Step::Waiting);
  CHECK(loop.started());
  UNSIGNED_LONGS_EQUAL(kT0, loop.firstPacketTime());
  UNSIGNED_LONGS_EQUAL(kT0, loop.nextPacketTime());
  UNSIGNED_LONGS_EQUAL(0, loop.packets());

  // Up to 1 s: packets at 0, 0.5 and 1.0 s.
  CHECK(loop.feed(kT0 + 1'000'000, 100) == ReadLoop::Step::Waiting);
  UNSIGNED_LONGS_EQUAL(3, loop.packets());
  UNSIGNED_LONGS_EQUAL(kT0 + 1'500'000, loop.nextPacketTime());
  UNSIGNED_LONGS_EQUAL(3, p.report().input.packets);

  // A budget of 2 stops early even though more are due.
  CHECK(loop.feed(kT0 + 10'000'000, 2) == ReadLoop::Step::Budget);
  UNSIGNED_LONGS_EQUAL(5, loop.packets());

  CHECK(loop.feed(kT0 + 10'000'000, 100) == ReadLoop::Step::End);
  UNSIGNED_LONGS_EQUAL(10, loop.packets());
}

TEST(ReadLoopStep, SteppingCountsWhatReadAllCounts) {
  const config::Config cfg = twoUpstreams();
  pipeline::Pipeline whole(cfg, 1);
  fakes::FakePacketSource a;
  fill(a);
  share::Report at_end;
  pipeline::readAll(a, whole, {}, [&](const share::Report& r, bool final) {
    if (final) at_end = r;
  });

  pipeline::Pipeline stepped(cfg, 1);
  fakes::FakePacketSource b;
  fill(b);
  ReadLoop loop(b, stepped, {}, nullptr);
  TimestampUs until = kT0;
  ReadLoop::Step s;
  while ((s = loop.feed(until, 1)) != ReadLoop::Step::End) {
    CHECK(s != ReadLoop::Step::Error);
    until += 100'000;  // 100 ms of packet time per step
  }
  const share::Report r = stepped.report();
  UNSIGNED_LONGS_EQUAL(at_end.input.packets, r.input.packets);
  UNSIGNED_LONGS_EQUAL(bytesOf(at_end), bytesOf(r));
  UNSIGNED_LONGS_EQUAL(10, r.input.packets);
}

TEST(ReadLoopStep, IntervalReportsAsInReadAll) {
  const config::Config cfg = twoUpstreams();
  pipeline::Pipeline p(cfg, 1);
  fakes::FakePacketSource src;
  fill(src);
  std::vector<uint64_t> packets_at_report;
  ReadLoop loop(src, p, pipeline::ReadOptions{2}, [&](const share::Report& r, bool final) {
    CHECK_FALSE(final);
    packets_at_report.push_back(r.input.packets);
  });
  while (loop.feed(~TimestampUs{0}, 3) == ReadLoop::Step::Budget) {
  }
  // Boundaries at 2 s and 4 s: reports before the packets at 2.0 and 4.0 s.
  LONGS_EQUAL(2, packets_at_report.size());
  UNSIGNED_LONGS_EQUAL(4, packets_at_report[0]);
  UNSIGNED_LONGS_EQUAL(8, packets_at_report[1]);
  UNSIGNED_LONGS_EQUAL(2, loop.reports());
}

TEST(ReadLoopStep, ASourceErrorIsReported) {
  const config::Config cfg = twoUpstreams();
  pipeline::Pipeline p(cfg, 1);
  fakes::FakePacketSource src;
  fill(src);
  src.failAfter(4);
  ReadLoop loop(src, p, {}, nullptr);
  CHECK(loop.feed(~TimestampUs{0}, 100) == ReadLoop::Step::Error);
  STRCMP_EQUAL("fake read error", loop.error().c_str());
  UNSIGNED_LONGS_EQUAL(4, loop.packets());
}
