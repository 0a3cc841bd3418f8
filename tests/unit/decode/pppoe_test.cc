#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

TEST_GROUP(Pppoe){};

TEST(Pppoe, SessionIpv4) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/pppoe/ipv4/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  CHECK_TRUE(p.pppoe);
  UNSIGNED_LONGS_EQUAL(0x069d, p.pppoe_session);
  UNSIGNED_LONGS_EQUAL(22, p.l3_offset);
  STRCMP_EQUAL("198.51.100.7", addr(p.dst).c_str());
  UNSIGNED_LONGS_EQUAL(443, p.dst_port);
}

TEST(Pppoe, SessionIpv6) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/pppoe/ipv6/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(1, p.pppoe_session);
  STRCMP_EQUAL("2001:db8::2", addr(p.dst).c_str());
  UNSIGNED_LONGS_EQUAL(80, p.dst_port);
}

TEST(Pppoe, LcpIsNonIp) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/pppoe/lcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpPppProtocol, p.status);
  CHECK_TRUE(p.pppoe);
  CHECK_FALSE(p.has_ip);
}

TEST(Pppoe, DiscoveryIsNonIp) {
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpPppoeDiscovery,
                        decode(LinkType::Ethernet, sample("eth/pppoe-discovery").frame).status);
}

TEST(Pppoe, BadVersionTypeOrCode) {
  Bytes frame = sample("eth/pppoe/ipv4/tcp").frame;
  frame[14] = 0x12;
  EDGEFLOW_CHECK_STATUS(DecodeStatus::PppoeBadHeader, decode(LinkType::Ethernet, frame).status);
  frame[14] = 0x11;
  frame[15] = 0x09;  // PADI code in a session frame
  EDGEFLOW_CHECK_STATUS(DecodeStatus::PppoeBadHeader, decode(LinkType::Ethernet, frame).status);
}

TEST(Pppoe, LengthBeyondTheWire) {
  Bytes frame = sample("eth/pppoe/ipv4/tcp").frame;
  frame[18] = 0x05;  // 0x052e bytes claimed
  EDGEFLOW_CHECK_STATUS(DecodeStatus::PppoeBadLength, decode(LinkType::Ethernet, frame).status);
  frame[18] = 0x00;
  frame[19] = 0x00;
  EDGEFLOW_CHECK_STATUS(DecodeStatus::PppoeBadLength, decode(LinkType::Ethernet, frame).status);
}

TEST(Pppoe, CutHeaders) {
  const Bytes& frame = sample("eth/pppoe/ipv4/tcp").frame;
  EDGEFLOW_CHECK_STATUS(DecodeStatus::PppoeTruncated, decode(LinkType::Ethernet, frame, 19).status);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::PppTruncated, decode(LinkType::Ethernet, frame, 21).status);
}
