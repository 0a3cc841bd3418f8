#include <string>

#include "agent/share/counters.h"
#include "agent/share/report.h"
#include "tests/fakes/counting_fixtures.h"
#include "tests/fakes/fake_classifier.h"
#include "tests/fakes/fake_geo_lookup.h"

// Last: CppUTest's leak detector redefines `new` for what follows.
#include <CppUTest/TestHarness.h>

using namespace edgeflow;
using attribute::Direction;
using share::Counter;
using fakes::flowLabels;
using fakes::sumOf;

namespace {

// Adds `c` to the parent row and its breakdowns, as the counting sink does.
void count(share::ShareCounters& counters, attribute::Row r, Direction d, const enrich::FlowLabels& l,
           const Counter& c) {
  counters.row(r, d) += c;
  counters.addToBreakdowns(r, d, l, c);
}

}  // namespace

TEST_GROUP(ReportBreakdowns) {
  attribute::RowLayout layout{1};
  fakes::FakeClassifier classifier;
  fakes::FakeGeoLookup geo;
  void setup() override {
    classifier.name(7, "YouTube", "Media");
    classifier.name(8, "DNS", "Network");
    classifier.name(9, "YouTube", "Media");  // a second id of the same name
  }
};

TEST(ReportBreakdowns, KeysNamesAndSpecialRowsInOrder) {
  share::ShareCounters counters(layout, share::BreakdownConfig{true, true, true, 2});
  count(counters, 0, Direction::In, flowLabels("US", 15169, 8), {1, 100, 114, 1});
  count(counters, 0, Direction::In, flowLabels("RU", 13238, 7), {2, 3000, 3028, 1});
  count(counters, 0, Direction::In, flowLabels("", 0, enrich::kAppUnknown), {1, 40, 54, 1});
  count(counters, 0, Direction::In, flowLabels("DE", 3320, enrich::kAppUnclassified), {1, 60, 74, 1});
  counters.setAsnName(15169, "GOOGLE");
  const share::Report r = share::makeReport(fakes::upstreamsWithIds({"ttk"}), counters, {&classifier, &geo});
  CHECK(r.has_country && r.has_asn && r.has_app);

  const share::Breakdowns& in = r.upstreams[0].in_breakdowns;
  LONGS_EQUAL(4, static_cast<long>(in.country.size()));
  STRCMP_EQUAL("RU", in.country[0].key.c_str());  // value rows alphabetically
  STRCMP_EQUAL("US", in.country[1].key.c_str());
  STRCMP_EQUAL("unknown", in.country[2].key.c_str());
  STRCMP_EQUAL("other", in.country[3].key.c_str());  // DE came third with top_k 2
  CHECK(in.country[3].counter == (Counter{1, 60, 74, 1}));

  STRCMP_EQUAL("13238", in.asn[0].key.c_str());
  STRCMP_EQUAL("", in.asn[0].name.c_str());  // no name was fetched
  STRCMP_EQUAL("15169", in.asn[1].key.c_str());
  STRCMP_EQUAL("GOOGLE", in.asn[1].name.c_str());

  LONGS_EQUAL(4, static_cast<long>(in.app.size()));
  STRCMP_EQUAL("YouTube", in.app[0].key.c_str());
  STRCMP_EQUAL("Media", in.app[0].name.c_str());
  STRCMP_EQUAL("DNS", in.app[1].key.c_str());
  STRCMP_EQUAL("Network", in.app[1].name.c_str());
  STRCMP_EQUAL("unknown", in.app[2].key.c_str());
  STRCMP_EQUAL("unclassified", in.app[3].key.c_str());

  for (const auto* rows : {&in.country, &in.asn, &in.app}) CHECK(sumOf(*rows) == r.upstreams[0].in);
  // Rows without packets are left out: nothing went out, nothing unknown-upstream.
  CHECK(r.upstreams[0].out_breakdowns.country.empty());
  CHECK(r.unknown_upstream.in_breakdowns.app.empty());
  UNSIGNED_LONGS_EQUAL(2, r.health.breakdown_overflow);  // DE and AS3320; its app was unclassified
}

TEST(ReportBreakdowns, RowsOfOneNameAreMerged) {
  share::ShareCounters counters(layout, share::BreakdownConfig{false, false, true, 8});
  count(counters, layout.unknownUpstream(), Direction::Out, flowLabels("", 0, 7), {1, 100, 114, 1});
  count(counters, layout.unknownUpstream(), Direction::Out, flowLabels("", 0, 9), {2, 200, 228, 1});
  count(counters, layout.unknownUpstream(), Direction::Out, flowLabels("", 0, 11), {1, 10, 24, 1});  // no name
  const share::Report r = share::makeReport(fakes::upstreamsWithIds({"ttk"}), counters, {&classifier, nullptr});
  const auto& app = r.unknown_upstream.out_breakdowns.app;
  LONGS_EQUAL(2, static_cast<long>(app.size()));
  STRCMP_EQUAL("YouTube", app[0].key.c_str());
  CHECK(app[0].counter == (Counter{3, 300, 342, 2}));
  STRCMP_EQUAL("app-11", app[1].key.c_str());
  CHECK(sumOf(app) == r.unknown_upstream.out);
  CHECK(!r.has_country);
  CHECK(!r.has_asn);
}

TEST(ReportBreakdowns, NoDimensionsNoRowsAndEnrichmentHealth) {
  share::ShareCounters counters(layout);
  count(counters, 0, Direction::In, flowLabels("RU", 1, 7), {1, 100, 114, 1});
  geo.mutableStats() = {10, 2, 1};
  classifier.mutableStats().started = 5;
  classifier.mutableStats().classified = 3;
  classifier.mutableStats().gave_up = 1;
  classifier.mutableStats().pool_exhausted = 4;
  classifier.mutableStats().in_use = 1;
  const share::Report r = share::makeReport(fakes::upstreamsWithIds({"ttk"}), counters, {&classifier, &geo});
  CHECK(!r.has_country && !r.has_asn && !r.has_app);
  CHECK(r.upstreams[0].in_breakdowns.country.empty());
  CHECK(r.upstreams[0].in_breakdowns.app.empty());
  UNSIGNED_LONGS_EQUAL(10, r.health.geo_lookups);
  UNSIGNED_LONGS_EQUAL(2, r.health.geo_not_found);
  UNSIGNED_LONGS_EQUAL(1, r.health.geo_errors);
  UNSIGNED_LONGS_EQUAL(5, r.health.dpi_flows_started);
  UNSIGNED_LONGS_EQUAL(3, r.health.dpi_flows_classified);
  UNSIGNED_LONGS_EQUAL(1, r.health.dpi_flows_gave_up);
  UNSIGNED_LONGS_EQUAL(4, r.health.dpi_pool_exhausted);
  UNSIGNED_LONGS_EQUAL(1, r.health.dpi_slots_in_use);
}
