#include <cstdint>

#include "agent/share/breakdown.h"
#include "agent/share/counters.h"

// Last: CppUTest's leak detector redefines `new` for what follows.
#include <CppUTest/TestHarness.h>

using namespace edgeflow;
using share::Breakdown;
using share::Counter;
using share::Placement;

namespace {

Counter one(uint64_t ip_bytes) { return Counter{1, ip_bytes, ip_bytes + 14, 1}; }

}  // namespace

TEST_GROUP(Breakdown){};

TEST(Breakdown, AdmitsFirstComeUpToTopKThenCountsOther) {
  Breakdown b(2);
  CHECK(b.add(30, one(100)) == Placement::Admitted);
  CHECK(b.add(10, one(200)) == Placement::Admitted);
  CHECK(b.add(30, one(50)) == Placement::Existing);
  // Full: a new value goes to other, however large it is, and stays there.
  CHECK(b.add(20, one(10000)) == Placement::Other);
  CHECK(b.add(20, one(10000)) == Placement::Other);
  CHECK(b.add(10, one(1)) == Placement::Existing);

  LONGS_EQUAL(2, static_cast<long>(b.size()));
  UNSIGNED_LONGS_EQUAL(10, b.valueAt(0));  // sorted by value
  UNSIGNED_LONGS_EQUAL(30, b.valueAt(1));
  CHECK(b.rowAt(0) == (Counter{2, 201, 229, 2}));
  CHECK(b.rowAt(1) == (Counter{2, 150, 178, 2}));
  CHECK(b.other() == (Counter{2, 20000, 20028, 2}));
  POINTERS_EQUAL(nullptr, b.find(20));
  CHECK(*b.find(30) == b.rowAt(1));
}

TEST(Breakdown, SpecialRowsTakeNoValueRow) {
  Breakdown b(1);
  b.add(Breakdown::Special::Unknown, one(10));
  b.add(Breakdown::Special::Unclassified, one(20));
  CHECK(b.add(7, one(30)) == Placement::Admitted);
  CHECK(b.unknown() == one(10));
  CHECK(b.unclassified() == one(20));
  CHECK(b.other() == Counter{});
  CHECK(b.total() == (Counter{3, 60, 102, 3}));
}

// A flood of distinct values: rows stop at top_k, memory with them, and the
// rows still sum exactly to what was added.
TEST(Breakdown, FloodOfDistinctValuesKeepsTopKRowsAndSumsExactly) {
  Breakdown b(8);
  Counter added;
  uint64_t other_adds = 0;
  for (uint32_t i = 0; i < 100000; ++i) {
    const uint32_t value = i * 2654435761u;  // spread over the whole range
    const Counter c{1 + i % 3, 40 + i % 1460, 54 + i % 1460, i % 2};
    if (b.add(value, c) == Placement::Other) ++other_adds;
    added += c;
  }
  LONGS_EQUAL(8, static_cast<long>(b.size()));
  UNSIGNED_LONGS_EQUAL(100000 - 8, other_adds);
  CHECK(b.total() == added);
  // Capacity never grew beyond top_k.
  UNSIGNED_LONGS_EQUAL(8 * (sizeof(uint32_t) + sizeof(Counter)), b.heapBytes());
}

TEST(Breakdown, LargeTopKFindsEveryAdmittedValue) {
  Breakdown b(1024);
  for (uint32_t v = 0; v < 1024; ++v) CHECK(b.add(v * 7919u % 65536u, one(v)) == Placement::Admitted);
  for (uint32_t v = 0; v < 1024; ++v) CHECK(b.add(v * 7919u % 65536u, one(1)) == Placement::Existing);
  CHECK(b.add(65537, one(1)) == Placement::Other);
  for (size_t i = 1; i < b.size(); ++i) CHECK(b.valueAt(i - 1) < b.valueAt(i));
  CHECK(b.heapBytes() <= 1024 * (sizeof(uint32_t) + sizeof(Counter)));
}

TEST(Breakdown, EmptyBreakdownHoldsNoRows) {
  Breakdown b(32);
  UNSIGNED_LONGS_EQUAL(0, b.heapBytes());
  CHECK(b.total() == Counter{});
}

TEST_GROUP(ShareCountersBreakdowns) {
  attribute::RowLayout layout{2};
};

TEST(ShareCountersBreakdowns, OnlyEnabledDimensionsOfDirectionalRows) {
  share::ShareCounters counters(layout, share::BreakdownConfig{true, false, true, 4});
  CHECK(counters.breakdown(0, attribute::Direction::In, share::Dimension::Country) != nullptr);
  CHECK(counters.breakdown(layout.unknownUpstream(), attribute::Direction::Out, share::Dimension::App) != nullptr);
  POINTERS_EQUAL(nullptr, counters.breakdown(0, attribute::Direction::In, share::Dimension::Asn));
  POINTERS_EQUAL(nullptr, counters.breakdown(layout.internal(), attribute::Direction::In, share::Dimension::Country));
  POINTERS_EQUAL(nullptr, counters.breakdown(layout.transit(), attribute::Direction::In, share::Dimension::App));
  // Internal and transit: nothing happens.
  enrich::FlowLabels labels;
  labels.country = enrich::packCountry("RU");
  UNSIGNED_LONGS_EQUAL(0, counters.addToBreakdowns(layout.internal(), attribute::Direction::In, labels, one(1)));
}

TEST(ShareCountersBreakdowns, LabelsPickRowsAndSpecialRows) {
  share::ShareCounters counters(layout, share::BreakdownConfig{true, true, true, 1});
  const auto in = attribute::Direction::In;
  enrich::FlowLabels l;
  l.country = enrich::packCountry("ru");
  l.asn = 13238;
  l.app = 7;
  UNSIGNED_LONGS_EQUAL(13238, counters.addToBreakdowns(1, in, l, one(100)));  // a new AS row, no name yet
  counters.setAsnName(13238, "YANDEX");
  l.asn = 13238;
  UNSIGNED_LONGS_EQUAL(0, counters.addToBreakdowns(1, in, l, one(100)));  // existing row
  l = enrich::FlowLabels{};
  l.app = enrich::kAppUnclassified;
  counters.addToBreakdowns(1, in, l, one(5));
  l.country = enrich::packCountry("US");
  l.asn = 15169;
  l.app = 8;
  UNSIGNED_LONGS_EQUAL(0, counters.addToBreakdowns(1, in, l, one(9)));  // top_k 1: other, no name needed

  const share::Breakdown& country = *counters.breakdown(1, in, share::Dimension::Country);
  UNSIGNED_LONGS_EQUAL(enrich::packCountry("RU"), country.valueAt(0));
  CHECK(country.rowAt(0) == (Counter{2, 200, 228, 2}));
  CHECK(country.unknown() == one(5));
  CHECK(country.other() == one(9));
  const share::Breakdown& asn = *counters.breakdown(1, in, share::Dimension::Asn);
  CHECK(asn.unknown() == one(5));
  CHECK(asn.other() == one(9));
  const share::Breakdown& app = *counters.breakdown(1, in, share::Dimension::App);
  CHECK(app.unclassified() == one(5));
  CHECK(app.unknown() == Counter{});
  CHECK(app.other() == one(9));
  UNSIGNED_LONGS_EQUAL(3, counters.breakdownOverflow());  // one per dimension
  STRCMP_EQUAL("YANDEX", counters.asnName(13238)->c_str());
  POINTERS_EQUAL(nullptr, counters.asnName(15169));
  // Nothing spilled into the other direction or upstream.
  CHECK(counters.breakdown(1, attribute::Direction::Out, share::Dimension::Country)->total() == Counter{});
  CHECK(counters.breakdown(0, in, share::Dimension::Country)->total() == Counter{});
}

// The bound of the whole: 100 000 distinct countries/ASes/apps on every
// upstream row keep top_k rows per breakdown.
TEST(ShareCountersBreakdowns, MemoryStaysWithinTopKUnderAFlood) {
  share::ShareCounters counters(layout, share::BreakdownConfig{true, true, true, 8});
  const size_t empty = counters.breakdownBytes();
  for (uint32_t i = 0; i < 100000; ++i) {
    enrich::FlowLabels l;
    l.country = static_cast<enrich::CountryCode>(0x4141 + i % 600);
    l.asn = 1 + i;
    l.app = static_cast<enrich::AppId>(1 + i % 5000);
    const auto r = static_cast<attribute::Row>(i % 3);
    const auto d = static_cast<attribute::Direction>(i / 3 % 2);
    const uint32_t asn = counters.addToBreakdowns(r, d, l, one(i));
    if (asn != 0) counters.setAsnName(asn, "AS-NAME-LONGER-THAN-INLINE-" + std::to_string(asn));
  }
  // 3 rows x 2 directions x 3 dimensions, 8 value rows each, plus 48 names.
  const size_t rows = 3 * 2 * 3 * 8;
  CHECK(counters.breakdownBytes() - empty <= rows * 36 + 48 * 128);
}
