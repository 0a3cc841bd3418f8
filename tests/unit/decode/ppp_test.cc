#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

TEST_GROUP(Ppp){};

TEST(Ppp, WithAddressAndControl) {
  const DecodedPacket p = decode(LinkType::Ppp, sample("ppp-ff03/ipv4/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(4, p.l3_offset);
  UNSIGNED_LONGS_EQUAL(443, p.dst_port);
  CHECK_FALSE(p.has_src_mac);
}

TEST(Ppp, WithoutAddressAndControl) {
  const DecodedPacket p = decode(LinkType::Ppp, sample("ppp/ipv6/udp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(2, p.l3_offset);
  STRCMP_EQUAL("2001:db8::2", addr(p.dst).c_str());
  UNSIGNED_LONGS_EQUAL(547, p.dst_port);
}

TEST(Ppp, CompressedProtocolField) {
  const DecodedPacket p = decode(LinkType::Ppp, sample("ppp-pfc/ipv4/udp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(1, p.l3_offset);
  UNSIGNED_LONGS_EQUAL(53, p.dst_port);
  // Both compressions at once: ff 03 dropped, 1-byte protocol 0x57.
  const DecodedPacket v6 = decode(LinkType::Ppp, Bytes{0x57} + kIpv6Tcp);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, v6.status);
  UNSIGNED_LONGS_EQUAL(80, v6.dst_port);
}

TEST(Ppp, HdlcLinkType) {
  const DecodedPacket p = decode(LinkType::PppHdlc, sample("ppp-hdlc/ipv4/udp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(4, p.l3_offset);
}

TEST(Ppp, ControlProtocolsAreNonIp) {
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpPppProtocol,
                        decode(LinkType::Ppp, sample("ppp/lcp").frame).status);
  // IPCP, 2-byte field without ff 03.
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpPppProtocol,
                        decode(LinkType::Ppp, Bytes{0x80, 0x21, 0x01, 0x01, 0x00, 0x04}).status);
}

TEST(Ppp, CutProtocolField) {
  EDGEFLOW_CHECK_STATUS(DecodeStatus::PppTruncated, decode(LinkType::Ppp, Bytes{0xff}).status);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::PppTruncated, decode(LinkType::Ppp, Bytes{0xff, 0x03, 0x00}).status);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::PppTruncated, decode(LinkType::Ppp, Bytes{}).status);
}
