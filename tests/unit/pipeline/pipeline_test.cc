#include "agent/pipeline/pipeline.h"

#include <vector>

#include "agent/pipeline/read_loop.h"
#include "tests/fakes/fake_packet_source.h"
#include "tests/fakes/frames.h"
#include "tests/fakes/vlan_upstreams.h"

// Last: CppUTest's leak detector redefines `new` for what follows.
#include <CppUTest/TestHarness.h>

using namespace edgeflow;
using fakes::FrameSpec;

namespace {

constexpr TimestampUs kT0 = 1767225600ull * kUsPerSecond;

config::Config demoConfig(uint32_t max_flows = 1024) {
  config::Config cfg;
  cfg.agent.local = {*IpPrefix::parse("175.45.176.0/22"), *IpPrefix::parse("2001:db8:4500::/48")};
  cfg.agent.max_flows = max_flows;
  cfg.agent.idle_timeout = 15;
  cfg.upstreams = fakes::twoVlanUpstreams();
  return cfg;
}

struct Fed {
  uint64_t packets = 0, frame_bytes = 0;
};

void feed(pipeline::Pipeline& p, TimestampUs ts, const std::vector<uint8_t>& frame, Fed& fed,
          uint32_t wire_len = 0) {
  const uint32_t len = wire_len ? wire_len : static_cast<uint32_t>(frame.size());
  p.onPacket(ts, frame.data(), static_cast<uint32_t>(frame.size()), len);
  fed.packets += 1;
  fed.frame_bytes += len;
}

void checkConserved(const share::Report& r, const Fed& fed) {
  const share::Counter total = r.bucketTotal();
  UNSIGNED_LONGS_EQUAL(fed.packets, total.packets);
  UNSIGNED_LONGS_EQUAL(fed.frame_bytes, total.frame_bytes);
  UNSIGNED_LONGS_EQUAL(fed.packets, r.input.packets);
  UNSIGNED_LONGS_EQUAL(fed.frame_bytes, r.input.frame_bytes);
}

FrameSpec outbound(uint16_t vlan, uint16_t payload) {
  FrameSpec s;
  s.vlans = {vlan};
  s.src = *IpAddr::parse("175.45.176.10");
  s.dst = *IpAddr::parse("93.184.216.34");
  s.src_port = 40000;
  s.dst_port = 443;
  s.payload = payload;
  return s;
}

FrameSpec reversed(FrameSpec s) {
  std::swap(s.src, s.dst);
  std::swap(s.src_port, s.dst_port);
  std::swap(s.src_mac, s.dst_mac);
  return s;
}

}  // namespace

TEST_GROUP(Pipeline) {
  Fed fed;
};

TEST(Pipeline, ATcpConversationCountsBothDirectionsExactly) {
  pipeline::Pipeline p(demoConfig(), 42);
  const FrameSpec out = outbound(101, 0), in = reversed(outbound(101, 1400));
  uint64_t out_ip = 0, out_frame = 0, in_ip = 0, in_frame = 0;
  for (int i = 0; i < 3; ++i) {
    auto f = fakes::buildFrame(out);
    feed(p, kT0 + i * 1000, f, fed);
    out_ip += fakes::ipBytesOf(out);
    out_frame += f.size();
  }
  for (int i = 0; i < 2; ++i) {
    auto f = fakes::buildFrame(in);
    feed(p, kT0 + 5000 + i * 1000, f, fed);
    in_ip += fakes::ipBytesOf(in);
    in_frame += f.size();
  }
  const share::Report r = p.report();
  const share::UpstreamShare& ttk = r.upstreams[0];
  UNSIGNED_LONGS_EQUAL(3, ttk.out.packets);
  UNSIGNED_LONGS_EQUAL(out_ip, ttk.out.ip_bytes);
  UNSIGNED_LONGS_EQUAL(out_frame, ttk.out.frame_bytes);
  UNSIGNED_LONGS_EQUAL(1, ttk.out.flows);
  UNSIGNED_LONGS_EQUAL(2, ttk.in.packets);
  UNSIGNED_LONGS_EQUAL(in_ip, ttk.in.ip_bytes);
  UNSIGNED_LONGS_EQUAL(in_frame, ttk.in.frame_bytes);
  UNSIGNED_LONGS_EQUAL(1, ttk.in.flows);
  UNSIGNED_LONGS_EQUAL(1, r.health.flows_created);  // one bidirectional record
  CHECK(60u * 3 == out_frame);                       // small frames were padded
  CHECK(out_ip < out_frame);
  checkConserved(r, fed);
}

TEST(Pipeline, NonIpAndUndecodableFramesLandInTheirBuckets) {
  pipeline::Pipeline p(demoConfig(), 42);
  std::vector<uint8_t> arp(60, 0);
  arp[12] = 0x08;
  arp[13] = 0x06;
  feed(p, kT0, arp, fed);
  std::vector<uint8_t> runt(10, 0xff);
  feed(p, kT0, runt, fed);
  auto frame = fakes::buildFrame(outbound(102, 0));
  frame[14 + 4] = 0x44;  // IHL 4 under the VLAN tag
  feed(p, kT0, frame, fed);
  const share::Report r = p.report();
  UNSIGNED_LONGS_EQUAL(1, r.non_ip.packets);
  UNSIGNED_LONGS_EQUAL(60, r.non_ip.frame_bytes);
  UNSIGNED_LONGS_EQUAL(2, r.undecodable.packets);
  UNSIGNED_LONGS_EQUAL(0, r.undecodable.ip_bytes);
  UNSIGNED_LONGS_EQUAL(0, r.non_ip.flows);
  CHECK_FALSE(r.health.decode.empty());
  checkConserved(r, fed);
}

TEST(Pipeline, WireLengthCountsNotCapturedLength) {
  pipeline::Pipeline p(demoConfig(), 42);
  const FrameSpec s = reversed(outbound(101, 1400));
  auto f = fakes::buildFrame(s);
  f.resize(96);  // snap length 96: headers intact
  feed(p, kT0, f, fed, 14 + 4 + fakes::ipBytesOf(s));
  const share::Report r = p.report();
  UNSIGNED_LONGS_EQUAL(fakes::ipBytesOf(s), r.upstreams[0].in.ip_bytes);
  UNSIGNED_LONGS_EQUAL(18 + fakes::ipBytesOf(s), r.upstreams[0].in.frame_bytes);
  checkConserved(r, fed);
}

// Entries keep packets and link bytes in 16 bits: a flow past 65 535
// packets, and a frame whose link bytes alone exceed that, still count
// exactly, in one flow record.
TEST(Pipeline, NarrowDeltasNeverLoseACount) {
  pipeline::Pipeline p(demoConfig(), 42);
  const FrameSpec s = outbound(101, 1000);
  const auto f = fakes::buildFrame(s);
  constexpr uint32_t kPackets = 70000;
  for (uint32_t i = 0; i < kPackets; ++i) feed(p, kT0 + i, f, fed);
  // Jumbo "wire" length on a short capture: 200 000 bytes beyond the IP datagram.
  const uint32_t huge = static_cast<uint32_t>(f.size()) + 200000;
  feed(p, kT0 + kPackets, f, fed, huge);
  const share::Report r = p.report();
  const share::Counter& out = r.upstreams[0].out;
  UNSIGNED_LONGS_EQUAL(kPackets + 1, out.packets);
  UNSIGNED_LONGS_EQUAL(uint64_t{kPackets + 1} * fakes::ipBytesOf(s), out.ip_bytes);
  UNSIGNED_LONGS_EQUAL(uint64_t{kPackets} * f.size() + huge, out.frame_bytes);
  UNSIGNED_LONGS_EQUAL(1, out.flows);
  UNSIGNED_LONGS_EQUAL(1, r.health.flows_created);
  checkConserved(r, fed);
}

// A record that claims fewer wire bytes than it holds counts what it holds,
// in the input and in its bucket alike.
TEST(Pipeline, AWireLengthBelowTheCapturedLengthCountsTheCapturedBytes) {
  pipeline::Pipeline p(demoConfig(), 42);
  const auto f = fakes::buildFrame(outbound(101, 100));
  p.onPacket(kT0, f.data(), static_cast<uint32_t>(f.size()), 20);
  const share::Report r = p.report();
  UNSIGNED_LONGS_EQUAL(f.size(), r.input.frame_bytes);
  UNSIGNED_LONGS_EQUAL(f.size(), r.upstreams[0].out.frame_bytes);
  UNSIGNED_LONGS_EQUAL(1, r.upstreams[0].out.packets);
}

// IPv4 and IPv6 flows live in tables of their own that share max_flows.
TEST(Pipeline, Ipv4AndIpv6FlowsShareMaxFlows) {
  pipeline::Pipeline p(demoConfig(16), 42);
  FrameSpec v6 = outbound(102, 10);
  v6.src = *IpAddr::parse("2001:db8:4500::10");
  v6.dst = *IpAddr::parse("2001:4860::8888");
  for (uint16_t port = 1; port <= 2; ++port) {
    FrameSpec a = outbound(101, 10);
    a.src_port = port;
    feed(p, kT0, fakes::buildFrame(a), fed);
    v6.src_port = port;
    feed(p, kT0, fakes::buildFrame(v6), fed);
  }
  const share::Report r = p.report();
  UNSIGNED_LONGS_EQUAL(4, r.health.flows_active);  // two of each: nothing evicted
  UNSIGNED_LONGS_EQUAL(0, r.health.flows_evicted);
  checkConserved(r, fed);
  for (uint16_t port = 3; port <= 16; ++port) {
    v6.src_port = port;
    feed(p, kT0, fakes::buildFrame(v6), fed);
  }
  const share::Report full = p.report();
  UNSIGNED_LONGS_EQUAL(16, full.health.flows_active);  // 18 flows in a table of 16
  UNSIGNED_LONGS_EQUAL(2, full.health.flows_evicted);  // the oldest: the first IPv4 and IPv6 ones
  UNSIGNED_LONGS_EQUAL(2, r.upstreams[0].out.flows);
  UNSIGNED_LONGS_EQUAL(2, r.upstreams[1].out.flows);
  UNSIGNED_LONGS_EQUAL(16, full.upstreams[1].out.flows);
  checkConserved(full, fed);
}

TEST(Pipeline, LaterFragmentsJoinTheirFlow) {
  pipeline::Pipeline p(demoConfig(), 42);
  FrameSpec first = reversed(outbound(102, 1472));
  first.proto = 17;
  first.more_fragments = true;
  first.ip_id = 777;
  FrameSpec last = first;
  last.more_fragments = false;
  last.frag_offset = 1480;
  last.payload = 520;
  feed(p, kT0, fakes::buildFrame(first), fed);
  feed(p, kT0 + 10, fakes::buildFrame(last), fed);
  // A later fragment whose first fragment never came: its own ports-0 flow.
  FrameSpec orphan = last;
  orphan.ip_id = 778;
  feed(p, kT0 + 20, fakes::buildFrame(orphan), fed);
  const share::Report r = p.report();
  UNSIGNED_LONGS_EQUAL(3, r.upstreams[1].in.packets);
  UNSIGNED_LONGS_EQUAL(2, r.upstreams[1].in.flows);
  UNSIGNED_LONGS_EQUAL(1, r.health.fragments_unmatched);
  UNSIGNED_LONGS_EQUAL(fakes::ipBytesOf(first) + 2 * fakes::ipBytesOf(last), r.upstreams[1].in.ip_bytes);
  checkConserved(r, fed);
}

TEST(Pipeline, AFloodLargerThanTheTableKeepsEveryByte) {
  pipeline::Pipeline p(demoConfig(64), 42);
  uint64_t ip = 0;
  for (uint32_t i = 0; i < 5000; ++i) {
    FrameSpec syn;
    syn.vlans = {101};
    syn.src = IpAddr::v4(0x5db80000u + i);
    syn.dst = *IpAddr::parse("175.45.176.80");
    syn.src_port = static_cast<uint16_t>(1024 + i);
    feed(p, kT0 + i, fakes::buildFrame(syn), fed);
    ip += fakes::ipBytesOf(syn);
  }
  const share::Report r = p.report();
  UNSIGNED_LONGS_EQUAL(5000, r.upstreams[0].in.packets);
  UNSIGNED_LONGS_EQUAL(ip, r.upstreams[0].in.ip_bytes);
  UNSIGNED_LONGS_EQUAL(5000, r.upstreams[0].in.flows);
  UNSIGNED_LONGS_EQUAL(5000 - 64, r.health.flows_evicted);
  UNSIGNED_LONGS_EQUAL(64, r.health.flows_active);
  checkConserved(r, fed);
}

TEST(Pipeline, IdleGapStartsANewFlowRecord) {
  pipeline::Pipeline p(demoConfig(), 42);
  const auto f = fakes::buildFrame(outbound(101, 10));
  feed(p, kT0, f, fed);
  p.tick(kT0 + 10 * kUsPerSecond);
  feed(p, kT0 + 10 * kUsPerSecond, f, fed);  // within 15 s: same record
  p.tick(kT0 + 26 * kUsPerSecond);           // idle 16 s: ends
  feed(p, kT0 + 27 * kUsPerSecond, f, fed);
  const share::Report r = p.report();
  UNSIGNED_LONGS_EQUAL(2, r.upstreams[0].out.flows);
  UNSIGNED_LONGS_EQUAL(1, r.health.flows_idle_expired);
}

TEST_GROUP(ReadLoop){};

TEST(ReadLoop, ReportsEveryIntervalCumulativelyAndAtTheEnd) {
  fakes::FakePacketSource src;
  const auto f = fakes::buildFrame(outbound(101, 100));
  for (int i = 0; i < 35; ++i) src.add(kT0 + static_cast<TimestampUs>(i) * 100000, f);  // 3.4 s
  pipeline::Pipeline p(demoConfig(), 1);
  std::vector<uint64_t> packets;
  std::vector<bool> finals;
  const auto result = pipeline::readAll(src, p, {1}, [&](const share::Report& r, bool final) {
    packets.push_back(r.upstreams[0].out.packets);
    finals.push_back(final);
    CHECK(r.bucketTotal().packets == r.input.packets);
  });
  CHECK_TRUE(result.ok);
  LONGS_EQUAL(4, static_cast<long>(packets.size()));
  UNSIGNED_LONGS_EQUAL(10, packets[0]);  // before the packet at 1.0 s
  UNSIGNED_LONGS_EQUAL(20, packets[1]);
  UNSIGNED_LONGS_EQUAL(30, packets[2]);
  UNSIGNED_LONGS_EQUAL(35, packets[3]);
  CHECK_TRUE(finals[3]);
  CHECK_FALSE(finals[2]);
}

TEST(ReadLoop, AFarFutureTimestampAddsOneReportNotMillions) {
  fakes::FakePacketSource src;
  const auto f = fakes::buildFrame(outbound(101, 100));
  src.add(kT0, f);
  src.add(kT0 + 3'000'000'000ull * kUsPerSecond, f);
  pipeline::Pipeline p(demoConfig(), 1);
  const auto result = pipeline::readAll(src, p, {1}, [](const share::Report&, bool) {});
  UNSIGNED_LONGS_EQUAL(2, result.reports);
}

TEST(ReadLoop, ASourceErrorStillGivesAFinalReport) {
  fakes::FakePacketSource src;
  const auto f = fakes::buildFrame(outbound(101, 100));
  for (int i = 0; i < 5; ++i) src.add(kT0 + static_cast<TimestampUs>(i), f);
  src.failAfter(3);
  pipeline::Pipeline p(demoConfig(), 1);
  uint64_t last = 0;
  const auto result = pipeline::readAll(src, p, {}, [&](const share::Report& r, bool) { last = r.input.packets; });
  CHECK_FALSE(result.ok);
  STRCMP_EQUAL("fake read error", result.error.c_str());
  UNSIGNED_LONGS_EQUAL(3, last);
}
