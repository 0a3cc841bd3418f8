// Report -> protobuf bytes -> Report: everything round-trips exactly.
#include <string>

#include "agent/proto/report_codec.h"
#include "agent/proto/wire_label.h"
#include "tests/unit/proto/sample_report.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow;

TEST_GROUP(ReportCodec){};

TEST(ReportCodec, WholeReportRoundTripsExactly) {
  const share::Report r = testing::sampleReport(6);
  const std::string bytes = proto::encodeReport(r, true);
  const proto::DecodeResult d = proto::decodeReport(bytes);
  CHECK_TRUE(d.ok);
  CHECK_TRUE(d.meta.final);
  UNSIGNED_LONGS_EQUAL(0, d.meta.part_index);
  UNSIGNED_LONGS_EQUAL(1, d.meta.part_count);
  STRCMP_EQUAL(testing::dumpReport(r).c_str(), testing::dumpReport(d.report).c_str());
  // And the decoded report encodes to the same bytes.
  CHECK(proto::encodeReport(d.report, true) == bytes);
}

TEST(ReportCodec, EmptyReportAndDimensionsOff) {
  share::Report r;
  r.agent_id = "edgeflow";
  r.unknown_upstream.id = "unknown-upstream";
  r.unknown_upstream.name = "unknown-upstream";
  const proto::DecodeResult d = proto::decodeReport(proto::encodeReport(r));
  CHECK_TRUE(d.ok);
  CHECK_FALSE(d.meta.final);
  CHECK_FALSE(d.report.has_country || d.report.has_asn || d.report.has_app);
  STRCMP_EQUAL(testing::dumpReport(r).c_str(), testing::dumpReport(d.report).c_str());
}

TEST(ReportCodec, LargestCountersSurvive) {
  share::Report r = testing::sampleReport(1);
  r.boot_id = ~uint64_t{0};
  r.upstreams[0].in = share::Counter{~uint64_t{0}, ~uint64_t{0} - 1, ~uint64_t{0} - 2, ~uint64_t{0} - 3};
  r.upstreams[0].in_breakdowns.country[0].counter = r.upstreams[0].in;
  const proto::DecodeResult d = proto::decodeReport(proto::encodeReport(r));
  CHECK_TRUE(d.ok);
  CHECK(d.report.boot_id == ~uint64_t{0});
  CHECK(d.report.upstreams[0].in == r.upstreams[0].in);
  CHECK(d.report.upstreams[0].in_breakdowns.country[0].counter == r.upstreams[0].in);
}

TEST(ReportCodec, DecodedSharesAreRecomputedFromCounters) {
  share::Report r = testing::sampleReport(1);
  r.upstreams[0].share_in = 0.123;  // not on the wire
  const proto::DecodeResult d = proto::decodeReport(proto::encodeReport(r));
  CHECK_TRUE(d.ok);
  const double in_total = static_cast<double>(r.upstreams[0].in.ip_bytes + r.upstreams[1].in.ip_bytes +
                                              r.unknown_upstream.in.ip_bytes);
  DOUBLES_EQUAL(static_cast<double>(r.upstreams[0].in.ip_bytes) / in_total, d.report.upstreams[0].share_in, 1e-15);
}

TEST(ReportCodec, LabelsAreCutAndMadeUtf8) {
  share::Report r = testing::sampleReport(1);
  r.upstreams[0].name = std::string(200, 'n');
  r.upstreams[0].in_breakdowns.asn[0].name = std::string(127, 'x') + "\xc3\xa9";  // é would end at byte 129
  r.upstreams[0].in_breakdowns.app[0].key = "bad\xff\xc3x";
  const proto::DecodeResult d = proto::decodeReport(proto::encodeReport(r));
  CHECK_TRUE(d.ok);
  UNSIGNED_LONGS_EQUAL(proto::kMaxNameBytes, d.report.upstreams[0].name.size());
  STRCMP_EQUAL(std::string(127, 'x').c_str(), d.report.upstreams[0].in_breakdowns.asn[0].name.c_str());
  STRCMP_EQUAL("bad??x", d.report.upstreams[0].in_breakdowns.app[0].key.c_str());
}

TEST(ReportCodec, WireLabelKeepsValidTextAndRejectsOverlongsAndSurrogates) {
  STRCMP_EQUAL("RU", proto::wireLabel("RU", 64).c_str());
  STRCMP_EQUAL("\xf0\x9f\x98\x80", proto::wireLabel("\xf0\x9f\x98\x80", 4).c_str());
  STRCMP_EQUAL("", proto::wireLabel("\xf0\x9f\x98\x80", 3).c_str());
  STRCMP_EQUAL("??", proto::wireLabel("\xc0\xaf", 64).c_str());          // overlong '/'
  STRCMP_EQUAL("???", proto::wireLabel("\xed\xa0\x80", 64).c_str());     // a surrogate
  STRCMP_EQUAL("????", proto::wireLabel("\xf4\x90\x80\x80", 64).c_str()); // above U+10FFFF
}

TEST(ReportCodec, GarbageAndTruncationAreErrorsNotCrashes) {
  const std::string bytes = proto::encodeReport(testing::sampleReport(3));
  size_t failed = 0;
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    const proto::DecodeResult d = proto::decodeReport(std::string_view(bytes).substr(0, cut));
    if (!d.ok) {
      CHECK_FALSE(d.error.empty());
      ++failed;
    }
  }
  CHECK(failed > bytes.size() / 2);  // most cuts land inside a field
  const proto::DecodeResult junk = proto::decodeReport("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff");
  CHECK_FALSE(junk.ok);
  STRCMP_CONTAINS("not an edgeflow.v1.Report", junk.error.c_str());
}

TEST(ReportCodec, RowOfAnUnlistedUpstreamIsAnError) {
  v1::Report m;
  proto::toProto(testing::sampleReport(1), proto::ReportMeta{}, m);
  m.mutable_breakdowns(0)->set_upstream("nosuch");
  const proto::DecodeResult d = proto::fromProto(m);
  CHECK_FALSE(d.ok);
  STRCMP_CONTAINS("'nosuch'", d.error.c_str());
}

TEST(ReportCodec, RowsOfANewerDimensionAreSkipped) {
  const share::Report r = testing::sampleReport(2);
  v1::Report m;
  proto::toProto(r, proto::ReportMeta{}, m);
  v1::BreakdownRow* row = m.add_breakdowns();
  row->set_upstream("ttk");
  row->set_direction(v1::DIRECTION_IN);
  row->set_dimension(static_cast<v1::Dimension>(9));
  row->set_key("x");
  // Through the wire, as a newer agent would send it.
  const proto::DecodeResult d = proto::decodeReport(m.SerializeAsString());
  CHECK_TRUE(d.ok);
  STRCMP_EQUAL(testing::dumpReport(r).c_str(), testing::dumpReport(d.report).c_str());
}
