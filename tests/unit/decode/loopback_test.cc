// NULL, LOOP and the raw-IP link types.
#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

TEST_GROUP(Loopback){};

TEST(Loopback, NullLittleEndianIpv4) {
  const DecodedPacket p = decode(LinkType::Null, sample("null-le/ipv4/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(4, p.l3_offset);
  STRCMP_EQUAL("192.0.2.1", addr(p.src).c_str());
  UNSIGNED_LONGS_EQUAL(443, p.dst_port);
}

TEST(Loopback, NullBigEndianIpv6) {
  const DecodedPacket p = decode(LinkType::Null, sample("null-be/ipv6/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  STRCMP_EQUAL("2001:db8::1", addr(p.src).c_str());
  UNSIGNED_LONGS_EQUAL(80, p.dst_port);
}

TEST(Loopback, NullEveryIpv6FamilyInBothOrders) {
  for (const uint8_t family : {uint8_t{10}, uint8_t{24}, uint8_t{28}, uint8_t{30}}) {
    const DecodedPacket le = decode(LinkType::Null, Bytes{family, 0, 0, 0} + kIpv6Udp);
    const DecodedPacket be = decode(LinkType::Null, Bytes{0, 0, 0, family} + kIpv6Udp);
    EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, le.status);
    EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, be.status);
    UNSIGNED_LONGS_EQUAL(547, be.dst_port);
  }
  const DecodedPacket v4 = decode(LinkType::Null, Bytes{0, 0, 0, 2} + kIpv4Udp);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, v4.status);
}

TEST(Loopback, NullUnknownFamilyIsNonIp) {
  const DecodedPacket p = decode(LinkType::Null, sample("null/unknown-family").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpAddressFamily, p.status);
  CHECK_TRUE(isNonIp(p.status));
}

TEST(Loopback, LoopIsBigEndian) {
  const DecodedPacket p = decode(LinkType::Loop, sample("loop/ipv4/udp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(53, p.dst_port);
  const DecodedPacket v6 = decode(LinkType::Loop, Bytes{0, 0, 0, 24} + kIpv6Tcp);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, v6.status);
  // Little-endian 2 is not AF_INET for LOOP.
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpAddressFamily,
                        decode(LinkType::Loop, Bytes{2, 0, 0, 0} + kIpv4Udp).status);
}

TEST(Loopback, CutFamily) {
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NullTruncated, decode(LinkType::Null, Bytes{2, 0, 0}).status);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::LoopTruncated, decode(LinkType::Loop, Bytes{0, 0}).status);
}

TEST(Loopback, RawPicksTheVersion) {
  const DecodedPacket v4 = decode(LinkType::Raw, sample("raw/ipv4/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, v4.status);
  UNSIGNED_LONGS_EQUAL(0, v4.l3_offset);
  UNSIGNED_LONGS_EQUAL(443, v4.dst_port);
  const DecodedPacket v6 = decode(LinkType::Raw, sample("raw/ipv6/udp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, v6.status);
  UNSIGNED_LONGS_EQUAL(547, v6.dst_port);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::RawBadVersion, decode(LinkType::Raw, Bytes{0x50, 0, 0, 0}).status);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::RawTruncated, decode(LinkType::Raw, Bytes{}).status);
}

TEST(Loopback, Ipv4AndIpv6LinkTypesTakeOneFamilyOnly) {
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, decode(LinkType::Ipv4, kIpv4Udp).status);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, decode(LinkType::Ipv6, kIpv6Tcp).status);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ipv4BadVersion, decode(LinkType::Ipv4, kIpv6Udp).status);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ipv6BadVersion, decode(LinkType::Ipv6, kIpv4Tcp + Bytes(40, 0)).status);
}
