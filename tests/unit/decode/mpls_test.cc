#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

namespace {
const Bytes kMacs = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01};
}  // namespace

TEST_GROUP(Mpls){};

TEST(Mpls, OneLabelIpv4) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/mpls1/ipv4/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(1, p.mpls_count);
  UNSIGNED_LONGS_EQUAL(29, p.mpls_top_label);
  UNSIGNED_LONGS_EQUAL(18, p.l3_offset);
  STRCMP_EQUAL("192.0.2.1", addr(p.src).c_str());
  UNSIGNED_LONGS_EQUAL(443, p.dst_port);
}

TEST(Mpls, ThreeLabelsIpv6) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/mpls3/ipv6/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(3, p.mpls_count);
  UNSIGNED_LONGS_EQUAL(16, p.mpls_top_label);
  UNSIGNED_LONGS_EQUAL(26, p.l3_offset);
  STRCMP_EQUAL("2001:db8::1", addr(p.src).c_str());
  UNSIGNED_LONGS_EQUAL(40001, p.src_port);
  UNSIGNED_LONGS_EQUAL(63, p.ip_bytes);
}

TEST(Mpls, MulticastEthertype) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/mpls-multicast/ipv4/udp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(1, p.mpls_count);
  UNSIGNED_LONGS_EQUAL(53, p.dst_port);
}

TEST(Mpls, ControlWordPayloadIsNonIp) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/mpls/pseudowire").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpMplsPayload, p.status);
  CHECK_TRUE(isNonIp(p.status));
  UNSIGNED_LONGS_EQUAL(1, p.mpls_count);
  CHECK_FALSE(p.has_ip);
}

TEST(Mpls, EightLabelsAreTheCap) {
  Bytes frame = kMacs + Bytes{0x88, 0x47};
  for (int i = 0; i < kMaxMplsLabels - 1; ++i) frame = frame + Bytes{0x00, 0x01, 0x00, 0x40};
  frame = frame + Bytes{0x00, 0x01, 0x01, 0x40} + kIpv4Udp;
  const DecodedPacket p = decode(LinkType::Ethernet, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(kMaxMplsLabels, p.mpls_count);
}

TEST(Mpls, NinthLabelIsTooDeep) {
  Bytes frame = kMacs + Bytes{0x88, 0x47};
  for (int i = 0; i < kMaxMplsLabels; ++i) frame = frame + Bytes{0x00, 0x01, 0x00, 0x40};
  frame = frame + Bytes{0x00, 0x01, 0x01, 0x40} + kIpv4Udp;
  EDGEFLOW_CHECK_STATUS(DecodeStatus::TooDeep, decode(LinkType::Ethernet, frame).status);
}

TEST(Mpls, StackWithoutPayloadIsTruncated) {
  const Bytes frame = kMacs + Bytes{0x88, 0x47, 0x00, 0x01, 0xd1, 0xff};
  EDGEFLOW_CHECK_STATUS(DecodeStatus::MplsTruncated, decode(LinkType::Ethernet, frame).status);
}
