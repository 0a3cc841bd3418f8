#include "agent/flow/flow_table.h"

#include <CppUTest/TestHarness.h>

#include <cstring>
#include <deque>
#include <vector>

#include "agent/flow/fragment_cache.h"

using namespace edgeflow;
using flow::FlowKey4;
using flow::FlowRecord;
using flow::FlowTable;

namespace {

struct RecordingSink : flow::FlowSink {
  struct Call {
    IpAddr remote;
    uint32_t packets;
    bool ending;
  };
  std::vector<Call> calls;
  void flush(FlowRecord& r, const IpAddr& remote, bool ending) override {
    calls.push_back({remote, r.delta.get(0).packets + r.delta.get(1).packets, ending});
    r.delta = flow::FlowDeltas{};
  }
  size_t endings() const {
    size_t n = 0;
    for (const Call& c : calls) n += c.ending;
    return n;
  }
};

// Distinct keys for distinct n; the remote address is 8.<n>.0.1.
FlowKey4 key(uint32_t n, uint16_t port = 80) {
  FlowKey4 k;
  k.local = {175, 45, static_cast<uint8_t>(n >> 8), static_cast<uint8_t>(n)};
  k.remote = {8, static_cast<uint8_t>(n >> 16), 0, 1};
  k.local_port = static_cast<uint16_t>(n * 7);
  k.remote_port = port;
  k.proto = 6;
  return k;
}

IpAddr remoteOf(uint32_t n) {
  const uint8_t b[4] = {8, static_cast<uint8_t>(n >> 16), 0, 1};
  return IpAddr::v4(b);
}

void addPacket(FlowRecord& r) { r.delta.add(0, 100, 18); }

}  // namespace

TEST_GROUP(FlowTable){};

TEST(FlowTable, SameKeySameEntry) {
  FlowTable t(16, 15, 1800, 1);
  RecordingSink sink;
  FlowRecord& a = t.touch(key(1), 100, sink);
  CHECK_TRUE(t.lastTouchCreated());
  addPacket(a);
  FlowRecord& b = t.touch(key(1), 101, sink);
  CHECK_FALSE(t.lastTouchCreated());
  POINTERS_EQUAL(&a, &b);
  UNSIGNED_LONGS_EQUAL(1, t.size());
  FlowRecord& c = t.touch(key(1, 443), 101, sink);
  CHECK(&a != &c);
  UNSIGNED_LONGS_EQUAL(2, t.size());
  UNSIGNED_LONGS_EQUAL(2, t.stats().created);
  CHECK_TRUE(sink.calls.empty());
}

TEST(FlowTable, FullTableEvictsLeastRecentlySeen) {
  FlowTable t(4, 15, 1800, 7);
  RecordingSink sink;
  for (uint32_t i = 0; i < 4; ++i) addPacket(t.touch(key(i), 100, sink));
  t.touch(key(0), 101, sink);  // 0 is now the most recent; 1 the oldest
  t.touch(key(9), 102, sink);
  UNSIGNED_LONGS_EQUAL(4, t.size());
  UNSIGNED_LONGS_EQUAL(1, t.stats().evicted);
  LONGS_EQUAL(1, static_cast<long>(sink.calls.size()));
  CHECK(sink.calls[0].remote == remoteOf(1));
  CHECK_TRUE(sink.calls[0].ending);
  UNSIGNED_LONGS_EQUAL(1, sink.calls[0].packets);  // its deltas were handed over
}

TEST(FlowTable, MemoryIsFixedAtConstruction) {
  FlowTable t(1000, 15, 1800, 3);
  const size_t before = t.memoryBytes();
  RecordingSink sink;
  for (uint32_t i = 0; i < 100000; ++i) t.touch(key(i), 100 + i / 1000, sink);
  UNSIGNED_LONGS_EQUAL(before, t.memoryBytes());
  UNSIGNED_LONGS_EQUAL(1000, t.size());
  UNSIGNED_LONGS_EQUAL(99000, t.stats().evicted);
}

TEST(FlowTable, IdleExpiryPopsOnlyIdleFlows) {
  FlowTable t(16, 10, 1800, 5);
  RecordingSink sink;
  t.touch(key(1), 100, sink);
  t.touch(key(2), 105, sink);
  t.expireIdle(110, sink);  // 10 s idle is not "longer than 10"
  UNSIGNED_LONGS_EQUAL(2, t.size());
  t.expireIdle(111, sink);
  UNSIGNED_LONGS_EQUAL(1, t.size());
  UNSIGNED_LONGS_EQUAL(1, t.stats().idle_expired);
  t.expireIdle(116, sink);
  UNSIGNED_LONGS_EQUAL(0, t.size());
  UNSIGNED_LONGS_EQUAL(2, sink.endings());
}

TEST(FlowTable, IdleRecordRestartsOnItsNextPacketEvenBeforeATick) {
  FlowTable t(16, 10, 1800, 5);
  RecordingSink sink;
  FlowRecord& e = t.touch(key(1), 100, sink);
  e.counted = 3;
  addPacket(e);
  FlowRecord& again = t.touch(key(1), 111, sink);
  UNSIGNED_LONGS_EQUAL(0, again.counted);  // a new record: counted afresh
  UNSIGNED_LONGS_EQUAL(111, again.first_seen_s);
  UNSIGNED_LONGS_EQUAL(1, sink.endings());
  UNSIGNED_LONGS_EQUAL(2, t.stats().created);
  UNSIGNED_LONGS_EQUAL(1, t.stats().idle_expired);
}

TEST(FlowTable, ActiveTimeoutSplitsLongRecords) {
  FlowTable t(16, 10, 60, 5);
  RecordingSink sink;
  for (uint32_t s = 100; s <= 160; s += 5) t.touch(key(1), s, sink);
  UNSIGNED_LONGS_EQUAL(0, t.stats().active_expired);  // exactly 60 s old is not "longer"
  FlowRecord& e = t.touch(key(1), 161, sink);
  UNSIGNED_LONGS_EQUAL(1, t.stats().active_expired);
  UNSIGNED_LONGS_EQUAL(161, e.first_seen_s);
}

TEST(FlowTable, FlushAllHandsOverWithoutEnding) {
  FlowTable t(16, 10, 60, 5);
  RecordingSink sink;
  addPacket(t.touch(key(1), 100, sink));
  addPacket(t.touch(key(2), 100, sink));
  t.flushAll(sink);
  LONGS_EQUAL(2, static_cast<long>(sink.calls.size()));
  UNSIGNED_LONGS_EQUAL(0, sink.endings());
  UNSIGNED_LONGS_EQUAL(2, t.size());
}

// Random inserts, evictions and expiries against a model of what must be
// present: every live key stays findable (backward-shift deletion is right).
TEST(FlowTable, IndexStaysConsistentUnderChurn) {
  constexpr uint32_t kCap = 64;
  FlowTable t(kCap, 1000, 100000, 11);
  RecordingSink sink;
  std::deque<uint32_t> lru;  // model: front = most recent
  uint64_t x = 88172645463325252ull;
  for (uint32_t step = 0; step < 20000; ++step) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const uint32_t k = static_cast<uint32_t>(x % 200);
    const uint64_t before_created = t.stats().created;
    t.touch(key(k), 1000, sink);
    bool present = false;
    for (auto it = lru.begin(); it != lru.end(); ++it) {
      if (*it == k) {
        lru.erase(it);
        present = true;
        break;
      }
    }
    CHECK_EQUAL(present, t.stats().created == before_created);
    if (!present && lru.size() == kCap) lru.pop_back();
    lru.push_front(k);
  }
  UNSIGNED_LONGS_EQUAL(lru.size(), t.size());
  // Every modelled key must be found without creating anything.
  const uint64_t created = t.stats().created;
  for (uint32_t k : lru) t.touch(key(k), 1000, sink);
  UNSIGNED_LONGS_EQUAL(created, t.stats().created);
}

TEST(FlowTable, NewRecordCarriesTheKeysRowAndStartsEmpty) {
  FlowTable t(16, 10, 60, 5);
  RecordingSink sink;
  FlowKey4 k = key(3);
  k.row = 2;
  FlowRecord& r = t.touch(k, 100, sink);
  UNSIGNED_LONGS_EQUAL(2, r.row);
  CHECK_TRUE(r.delta.empty());
  UNSIGNED_LONGS_EQUAL(enrich::kAppUnknown, r.labels.app);
  UNSIGNED_LONGS_EQUAL(enrich::kNoDpiSlot, r.labels.dpi_slot);
  // The same 5-tuple attributed to another row is another flow.
  k.row = 1;
  CHECK(&r != &t.touch(k, 100, sink));
}

flow::FlowKey6 key6(uint32_t n) {
  flow::FlowKey6 k;
  k.local = IpAddr::parse("2001:db8:4500::1")->bytes;
  k.remote = IpAddr::parse("2001:4860::8888")->bytes;
  k.local_port = static_cast<uint16_t>(n);
  k.remote_port = 443;
  k.proto = 6;
  return k;
}

TEST(FlowTable, Ipv6FlowsHandTheRemoteAddressToTheSink) {
  FlowTable t(2, 10, 60, 5);
  RecordingSink sink;
  addPacket(t.touch(key6(1), 100, sink));
  t.expireIdle(200, sink);
  LONGS_EQUAL(1, static_cast<long>(sink.calls.size()));
  CHECK(sink.calls[0].remote == *IpAddr::parse("2001:4860::8888"));
  UNSIGNED_LONGS_EQUAL(1, sink.calls[0].packets);
}

// IPv4 and IPv6 entries share the capacity and one recency order: the
// least recently seen flow is evicted, whatever its family.
TEST(FlowTable, BothFamiliesShareTheCapacityAndTheRecencyOrder) {
  FlowTable t(3, 100, 1000, 5);
  RecordingSink sink;
  t.touch(key(1), 100, sink);
  t.touch(key6(1), 101, sink);
  t.touch(key(2), 102, sink);
  t.touch(key(1), 103, sink);  // the IPv6 flow is now the oldest
  t.touch(key6(2), 104, sink);
  UNSIGNED_LONGS_EQUAL(3, t.size());
  UNSIGNED_LONGS_EQUAL(1, t.stats().evicted);
  CHECK(sink.calls.back().remote == *IpAddr::parse("2001:4860::8888"));
  t.touch(key(3), 105, sink);  // now key(2), an IPv4 flow, is the oldest
  CHECK(sink.calls.back().remote == remoteOf(2));
  const uint64_t created = t.stats().created;
  t.touch(key(1), 106, sink);
  t.touch(key6(2), 106, sink);
  t.touch(key(3), 106, sink);
  UNSIGNED_LONGS_EQUAL(created, t.stats().created);  // all three still held
  t.flushAll(sink);
  t.expireIdle(300, sink);
  UNSIGNED_LONGS_EQUAL(0, t.size());
}

TEST(FlowTable, UnusedEntriesCostNoWritesUntilReached) {
  // Entries are handed out in order and recycled: a table that never held
  // more than 3 flows used only entries 0..2.
  FlowTable t(1000, 10, 60, 5);
  RecordingSink sink;
  FlowRecord* first[3];
  for (uint32_t i = 0; i < 3; ++i) first[i] = &t.touch(key(i), 100, sink);
  t.expireIdle(200, sink);
  for (uint32_t i = 10; i < 13; ++i) {
    FlowRecord* r = &t.touch(key(i), 300, sink);
    CHECK(r == first[0] || r == first[1] || r == first[2]);
  }
}

TEST_GROUP(FlowDeltas){};

TEST(FlowDeltas, NarrowFieldsReportWhenTheyWouldWrap) {
  flow::FlowDeltas d;
  CHECK_TRUE(d.empty());
  d.add(1, 1500, 18);
  CHECK_FALSE(d.empty());
  const flow::DirCounts c = d.get(1);
  UNSIGNED_LONGS_EQUAL(1, c.packets);
  UNSIGNED_LONGS_EQUAL(1500, c.ip_bytes);
  UNSIGNED_LONGS_EQUAL(1518, c.frame_bytes);
  UNSIGNED_LONGS_EQUAL(0, d.get(0).packets);
  // Link bytes: 65535 in all.
  CHECK_TRUE(d.fits(1, 0, 65535 - 18));
  CHECK_FALSE(d.fits(1, 0, 65535 - 17));
  // IP bytes: 32 bits.
  CHECK_TRUE(d.fits(1, 0xffffffffu - 1500, 0));
  CHECK_FALSE(d.fits(1, 0xffffffffu - 1499, 0));
  // Packets: 65535.
  for (int i = 1; i < 65535; ++i) d.add(0, 40, 0);
  CHECK_TRUE(d.fits(0, 40, 0));
  d.add(0, 40, 0);
  CHECK_FALSE(d.fits(0, 0, 0));
  UNSIGNED_LONGS_EQUAL(65535, d.get(0).packets);
  d.clear(0);
  UNSIGNED_LONGS_EQUAL(0, d.get(0).packets);
  UNSIGNED_LONGS_EQUAL(1, d.get(1).packets);
}

TEST_GROUP(FragmentCache){};

TEST(FragmentCache, LaterFragmentsFindThePortsUntilTheLast) {
  flow::FragmentCache c(4);
  const IpAddr a = *IpAddr::parse("8.8.8.8"), b = *IpAddr::parse("175.45.176.1");
  c.remember(a, b, 17, 4242, 53, 5353, 100);
  uint16_t sp = 0, dp = 0;
  CHECK_TRUE(c.lookup(a, b, 17, 4242, false, 100, sp, dp));
  UNSIGNED_LONGS_EQUAL(53, sp);
  UNSIGNED_LONGS_EQUAL(5353, dp);
  CHECK_FALSE(c.lookup(b, a, 17, 4242, false, 100, sp, dp));  // other direction
  CHECK_FALSE(c.lookup(a, b, 17, 4243, false, 100, sp, dp));  // other id
  CHECK_TRUE(c.lookup(a, b, 17, 4242, true, 101, sp, dp));    // the last one
  CHECK_FALSE(c.lookup(a, b, 17, 4242, false, 101, sp, dp));  // forgotten
}

TEST(FragmentCache, StaleEntriesAreNotMatched) {
  flow::FragmentCache c(4);
  const IpAddr a = *IpAddr::parse("2001:db8::1"), b = *IpAddr::parse("2001:db8:4500::1");
  c.remember(a, b, 17, 0xdeadbeef, 1, 2, 100);
  uint16_t sp = 0, dp = 0;
  CHECK_FALSE(c.lookup(a, b, 17, 0xdeadbeef, false, 200, sp, dp));
}

TEST(FragmentCache, OverwritingALiveDatagramIsCounted) {
  flow::FragmentCache c(0);  // one slot
  const IpAddr a = *IpAddr::parse("8.8.8.8"), b = *IpAddr::parse("175.45.176.1");
  c.remember(a, b, 17, 1, 1, 2, 100);
  c.remember(a, b, 17, 2, 1, 2, 100);
  UNSIGNED_LONGS_EQUAL(1, c.overwrites());
}
