// A report split into datagrams within the MTU, and rebuilt exactly.
#include <algorithm>
#include <string>
#include <vector>

#include "agent/proto/datagram_assembler.h"
#include "agent/proto/report_codec.h"
#include "tests/unit/proto/sample_report.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow;

namespace {

constexpr size_t kPayload576 = 576 - 20 - 8;  // IPv4 minimum MTU minus IPv4 and UDP headers

std::vector<std::string_view> views(const std::vector<std::string>& parts) {
  return std::vector<std::string_view>(parts.begin(), parts.end());
}

}  // namespace

TEST_GROUP(Datagrams){};

TEST(Datagrams, HundredsOfRowsSplitWithinTheLimitAndRebuildExactly) {
  // 3 upstream rows x 2 directions x 3 dimensions x 40 rows = 720 rows.
  const share::Report r = testing::sampleReport(40);
  for (const size_t limit : {kPayload576, size_t{1372}, size_t{8972}}) {
    const std::vector<std::string> parts = proto::encodeDatagrams(r, limit, true);
    CHECK(parts.size() > 1);
    for (size_t i = 0; i < parts.size(); ++i) {
      CHECK(parts[i].size() <= limit);
      // Each part stands alone: the whole header and some rows.
      const proto::DecodeResult d = proto::decodeReport(parts[i]);
      CHECK_TRUE(d.ok);
      STRCMP_EQUAL("border-1", d.report.agent_id.c_str());
      CHECK(d.report.boot_id == r.boot_id);
      CHECK(d.report.seq == r.seq);
      CHECK(d.report.first_packet_us == r.first_packet_us);
      CHECK_TRUE(d.meta.final);
      UNSIGNED_LONGS_EQUAL(i, d.meta.part_index);
      UNSIGNED_LONGS_EQUAL(parts.size(), d.meta.part_count);
    }
    const proto::DecodeResult whole = proto::mergeParts(views(parts));
    CHECK_TRUE(whole.ok);
    CHECK_TRUE(whole.meta.final);
    UNSIGNED_LONGS_EQUAL(1, whole.meta.part_count);
    STRCMP_EQUAL(testing::dumpReport(r).c_str(), testing::dumpReport(whole.report).c_str());
  }
}

TEST(Datagrams, PartsAreFilledGreedily) {
  const share::Report r = testing::sampleReport(40);
  const std::vector<std::string> parts = proto::encodeDatagrams(r, kPayload576);
  size_t total = 0;
  for (const std::string& p : parts) total += p.size();
  // Greedy packing leaves less than one row (about 100 bytes here) free per part.
  CHECK(total > (parts.size() - 1) * (kPayload576 - 120));
}

TEST(Datagrams, SmallReportIsOneDatagram) {
  const share::Report r = testing::sampleReport(2);
  const std::vector<std::string> parts = proto::encodeDatagrams(r, 8972);
  UNSIGNED_LONGS_EQUAL(1, parts.size());
  const proto::DecodeResult d = proto::decodeReport(parts[0]);
  CHECK_TRUE(d.ok);
  STRCMP_EQUAL(testing::dumpReport(r).c_str(), testing::dumpReport(d.report).c_str());
}

TEST(Datagrams, LimitBelowTheMinimumIsRaised) {
  const std::vector<std::string> parts = proto::encodeDatagrams(testing::sampleReport(10), 100);
  for (const std::string& p : parts) CHECK(p.size() <= proto::kMinDatagramPayload);
}

TEST(Datagrams, LongestLabelsStillFitOneRowPerDatagram) {
  share::Report r = testing::sampleReport(3);
  r.agent_id = std::string(300, 'a');
  for (share::BreakdownRow& row : r.upstreams[0].in_breakdowns.asn) {
    row.key = std::string(300, '9');
    row.name = std::string(300, 'o');
    row.counter = share::Counter{~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}, ~uint64_t{0}};
  }
  r.upstreams[0].id = std::string(64, 'u');
  r.upstreams[0].name = std::string(300, 'n');
  const std::vector<std::string> parts = proto::encodeDatagrams(r, proto::kMinDatagramPayload);
  for (const std::string& p : parts) CHECK(p.size() <= proto::kMinDatagramPayload);
  const proto::DecodeResult whole = proto::mergeParts(views(parts));
  CHECK_TRUE(whole.ok);
  UNSIGNED_LONGS_EQUAL(proto::kMaxIdBytes, whole.report.agent_id.size());
  UNSIGNED_LONGS_EQUAL(3, whole.report.upstreams[0].in_breakdowns.asn.size());
}

TEST(Datagrams, OrderAndDuplicatesDoNotMatter) {
  const share::Report r = testing::sampleReport(30);
  std::vector<std::string> parts = proto::encodeDatagrams(r, kPayload576);
  std::reverse(parts.begin(), parts.end());
  parts.push_back(parts[1]);
  parts.insert(parts.begin() + 2, parts[0]);
  const proto::DecodeResult whole = proto::mergeParts(views(parts));
  CHECK_TRUE(whole.ok);
  STRCMP_EQUAL(testing::dumpReport(r).c_str(), testing::dumpReport(whole.report).c_str());
}

TEST(Datagrams, MissingOrForeignPartsAreErrors) {
  const share::Report r = testing::sampleReport(30);
  std::vector<std::string> parts = proto::encodeDatagrams(r, kPayload576);
  std::vector<std::string> missing(parts.begin(), parts.end() - 1);
  proto::DecodeResult d = proto::mergeParts(views(missing));
  CHECK_FALSE(d.ok);
  STRCMP_CONTAINS("missing", d.error.c_str());

  share::Report next = r;
  next.seq += 1;
  std::vector<std::string> mixed = parts;
  mixed[1] = proto::encodeDatagrams(next, kPayload576)[1];
  d = proto::mergeParts(views(mixed));
  CHECK_FALSE(d.ok);
  STRCMP_CONTAINS("another report", d.error.c_str());

  mixed = parts;
  mixed[2] = "garbage";
  CHECK_FALSE(proto::mergeParts(views(mixed)).ok);
  CHECK_FALSE(proto::mergeParts({}).ok);
}

TEST_GROUP(DatagramAssembler){};

TEST(DatagramAssembler, InterleavedAgentsOutOfOrderAndDuplicated) {
  const share::Report a = testing::sampleReport(30, 1);
  const share::Report b = testing::sampleReport(30, 2);
  const std::vector<std::string> pa = proto::encodeDatagrams(a, kPayload576);
  const std::vector<std::string> pb = proto::encodeDatagrams(b, kPayload576);
  CHECK(pa.size() > 3 && pb.size() > 3);
  proto::DatagramAssembler assembler;
  std::vector<proto::DecodeResult> done;
  proto::DecodeResult out;
  // b backwards, a forwards, interleaved; every 3rd part of a twice.
  const size_t n = std::max(pa.size(), pb.size());
  for (size_t i = 0; i < n; ++i) {
    if (i < pa.size()) {
      if (assembler.add(pa[i], out)) done.push_back(out);
      if (i % 3 == 0 && assembler.add(pa[i], out)) done.push_back(out);
    }
    if (i < pb.size() && assembler.add(pb[pb.size() - 1 - i], out)) done.push_back(out);
  }
  UNSIGNED_LONGS_EQUAL(2, done.size());
  UNSIGNED_LONGS_EQUAL(0, assembler.pending());
  const bool a_first = done[0].report.agent_id == a.agent_id;
  STRCMP_EQUAL(testing::dumpReport(a).c_str(), testing::dumpReport(done[a_first ? 0 : 1].report).c_str());
  STRCMP_EQUAL(testing::dumpReport(b).c_str(), testing::dumpReport(done[a_first ? 1 : 0].report).c_str());
  UNSIGNED_LONGS_EQUAL(2, assembler.stats().reports);
  UNSIGNED_LONGS_EQUAL((pa.size() + 2) / 3, assembler.stats().duplicates);
  UNSIGNED_LONGS_EQUAL(0, assembler.stats().malformed);
}

TEST(DatagramAssembler, SinglePartReportCompletesAtOnce) {
  proto::DatagramAssembler assembler;
  proto::DecodeResult out;
  CHECK_TRUE(assembler.add(proto::encodeReport(testing::sampleReport(2)), out));
  CHECK_TRUE(out.ok);
  CHECK_FALSE(assembler.add("\x08", out));  // truncated varint
  UNSIGNED_LONGS_EQUAL(1, assembler.stats().malformed);
}

TEST(DatagramAssembler, IncompleteReportsAreBounded) {
  proto::DatagramAssembler assembler(2);
  proto::DecodeResult out;
  for (uint64_t seq = 1; seq <= 5; ++seq) {
    share::Report r = testing::sampleReport(30);
    r.seq = seq;
    CHECK_FALSE(assembler.add(proto::encodeDatagrams(r, kPayload576)[0], out));
    CHECK(assembler.pending() <= 2);
  }
  UNSIGNED_LONGS_EQUAL(3, assembler.stats().dropped);

  proto::DatagramAssembler by_bytes(64, 2000);
  share::Report r = testing::sampleReport(30);
  const std::vector<std::string> parts = proto::encodeDatagrams(r, kPayload576);
  for (size_t i = 0; i + 1 < parts.size(); ++i) CHECK_FALSE(by_bytes.add(parts[i], out));
  CHECK(by_bytes.stats().dropped > 0);
}
