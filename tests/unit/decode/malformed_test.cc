// One table of malformed frames: a valid sample with one field broken, and
// the status that must name the problem.
#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

namespace {

struct Mutation {
  const char* sample;
  size_t offset;
  uint8_t value;
  DecodeStatus expected;
};

const Mutation kMutations[] = {
    {"eth/ipv4/tcp", 14, 0x44, DecodeStatus::Ipv4BadIhl},
    {"eth/ipv4/tcp", 14, 0x55, DecodeStatus::Ipv4BadVersion},
    {"eth/ipv4/tcp", 16, 0x01, DecodeStatus::Ipv4BadTotalLength},  // 0x012c > wire
    {"eth/ipv4/tcp", 17, 0x10, DecodeStatus::Ipv4BadTotalLength},  // 16 < header
    {"eth/ipv4/tcp", 46, 0x40, DecodeStatus::TcpBadDataOffset},
    {"eth/ipv4/tcp", 46, 0xa0, DecodeStatus::TcpTruncated},  // options past the datagram
    {"eth/ipv6/tcp", 14, 0x70, DecodeStatus::Ipv6BadVersion},
    {"eth/ipv6/tcp", 18, 0x01, DecodeStatus::Ipv6BadPayloadLength},
    {"eth/ipv6-ext/udp", 55, 0x20, DecodeStatus::Ipv6ExtTruncated},  // hop-by-hop 264 bytes
    {"eth/pppoe/ipv4/tcp", 14, 0x21, DecodeStatus::PppoeBadHeader},
    {"eth/pppoe/ipv4/tcp", 18, 0xff, DecodeStatus::PppoeBadLength},
    {"eth/qinq-88a8/ipv4/tcp", 22, 0x35, DecodeStatus::Ipv4BadVersion},
    {"raw/ipv4/tcp", 0, 0x35, DecodeStatus::RawBadVersion},
};

}  // namespace

TEST_GROUP(Malformed){};

TEST(Malformed, EachBrokenFieldHasItsOwnStatus) {
  for (const Mutation& m : kMutations) {
    const SampleFrame& s = sample(m.sample);
    Bytes frame = s.frame;
    frame[m.offset] = m.value;
    const DecodedPacket p = decode(s.link, frame);
    std::string what = std::string(m.sample) + " @" + std::to_string(m.offset);
    STRCMP_EQUAL_TEXT(name(m.expected).c_str(), name(p.status).c_str(), what.c_str());
    CHECK_TEXT(isError(p.status), what.c_str());
  }
}

TEST(Malformed, TooManyLayers) {
  const Bytes macs = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01};
  Bytes vlans = macs;
  for (int i = 0; i < 10; ++i) vlans = vlans + Bytes{0x88, 0xa8, 0x00, 0x0a};
  vlans = vlans + Bytes{0x08, 0x00} + kIpv4Udp;
  EDGEFLOW_CHECK_STATUS(DecodeStatus::TooDeep, decode(LinkType::Ethernet, vlans).status);

  Bytes labels = macs + Bytes{0x88, 0x47};
  for (int i = 0; i < 20; ++i) labels = labels + Bytes{0x00, 0x01, 0x00, 0x40};
  EDGEFLOW_CHECK_STATUS(DecodeStatus::TooDeep, decode(LinkType::Ethernet, labels).status);
}
