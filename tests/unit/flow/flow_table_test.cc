#include "agent/flow/flow_table.h"

#include <CppUTest/TestHarness.h>

#include <cstring>
#include <deque>
#include <vector>

#include "agent/flow/fragment_cache.h"

using namespace edgeflow;
using flow::FlowEntry;
using flow::FlowKey;
using flow::FlowTable;

namespace {

struct RecordingSink : flow::FlowSink {
  struct Call {
    FlowKey key;
    uint32_t packets;
    bool ending;
  };
  std::vector<Call> calls;
  void flush(FlowEntry& e, bool ending) override {
    calls.push_back({e.key, e.delta[0].packets + e.delta[1].packets, ending});
    e.delta[0] = e.delta[1] = flow::DirDelta{};
  }
  size_t endings() const {
    size_t n = 0;
    for (const Call& c : calls) n += c.ending;
    return n;
  }
};

FlowKey key(uint32_t n, uint16_t port = 80) {
  FlowKey k;
  k.local[10] = k.local[11] = 0xff;
  k.local[12] = 175;
  k.local[13] = 45;
  k.local[14] = static_cast<uint8_t>(n >> 8);
  k.local[15] = static_cast<uint8_t>(n);
  k.remote[15] = static_cast<uint8_t>(n >> 16);
  k.remote[12] = 8;
  k.local_port = static_cast<uint16_t>(n * 7);
  k.remote_port = port;
  k.proto = 6;
  k.family = 4;
  return k;
}

void addPacket(FlowEntry& e) { e.delta[0].packets += 1; }

}  // namespace

TEST_GROUP(FlowTable){};

TEST(FlowTable, SameKeySameEntry) {
  FlowTable t(16, 15, 1800, 1);
  RecordingSink sink;
  FlowEntry& a = t.touch(key(1), 100, sink);
  addPacket(a);
  FlowEntry& b = t.touch(key(1), 101, sink);
  POINTERS_EQUAL(&a, &b);
  UNSIGNED_LONGS_EQUAL(1, t.size());
  FlowEntry& c = t.touch(key(1, 443), 101, sink);
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
  CHECK(sink.calls[0].key == key(1));
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
  FlowEntry& e = t.touch(key(1), 100, sink);
  e.counted = 3;
  addPacket(e);
  FlowEntry& again = t.touch(key(1), 111, sink);
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
  FlowEntry& e = t.touch(key(1), 161, sink);
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
