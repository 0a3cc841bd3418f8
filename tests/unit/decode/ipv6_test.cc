#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

namespace {

// IPv6 header (payload length and next header to fill in) for chains.
Bytes ipv6Header(uint16_t payload_length, uint8_t next) {
  Bytes h = {
      0x60, 0x00, 0x00, 0x00, static_cast<uint8_t>(payload_length >> 8), static_cast<uint8_t>(payload_length),
      next, 0x40};
  const Bytes addresses = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
                           0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02};
  return h + addresses;
}

const Bytes kUdp = {0x14, 0xe9, 0x00, 0x35, 0x00, 0x08, 0x00, 0x00};

// n destination-options headers (8 bytes each), the last pointing at UDP.
Bytes destinationOptionsChain(int n) {
  Bytes chain;
  for (int i = 0; i < n; ++i) {
    const uint8_t next = i + 1 < n ? 60 : 17;
    chain = chain + Bytes{next, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00};
  }
  return chain;
}

}  // namespace

TEST_GROUP(Ipv6){};

TEST(Ipv6, HopByHopRoutingDestinationOptions) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv6-ext/udp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(17, p.ip_proto);
  UNSIGNED_LONGS_EQUAL(90, p.ip_bytes);
  UNSIGNED_LONGS_EQUAL(94, p.l4_offset);
  UNSIGNED_LONGS_EQUAL(5353, p.src_port);
  UNSIGNED_LONGS_EQUAL(53, p.dst_port);
  UNSIGNED_LONGS_EQUAL(2, p.payload_captured);
  STRCMP_EQUAL("2001:db8::2", addr(p.dst).c_str());  // the header's, not the routing header's
}

TEST(Ipv6, FirstFragment) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv6-frag-first/udp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  CHECK_TRUE(p.is_fragment);
  CHECK_TRUE(p.more_fragments);
  UNSIGNED_LONGS_EQUAL(0, p.frag_offset);
  UNSIGNED_LONGS_EQUAL(0x12345678, p.frag_id);
  UNSIGNED_LONGS_EQUAL(17, p.ip_proto);
  CHECK_TRUE(p.has_ports);
  UNSIGNED_LONGS_EQUAL(53, p.dst_port);
}

TEST(Ipv6, LaterFragment) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv6-frag-later").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  CHECK_TRUE(p.is_fragment);
  CHECK_FALSE(p.more_fragments);
  UNSIGNED_LONGS_EQUAL(16, p.frag_offset);
  UNSIGNED_LONGS_EQUAL(0x12345678, p.frag_id);
  UNSIGNED_LONGS_EQUAL(17, p.ip_proto);
  CHECK_FALSE(p.has_ports);
  UNSIGNED_LONGS_EQUAL(62, p.l4_offset);
  UNSIGNED_LONGS_EQUAL(8, p.payload_captured);
}

TEST(Ipv6, AtomicFragmentIsAWholeDatagram) {
  const Bytes frame = kEthIpv6 + ipv6Header(16, 44) + Bytes{17, 0, 0x00, 0x00, 0, 0, 0, 9} + kUdp;
  const DecodedPacket p = decode(LinkType::Ethernet, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  CHECK_FALSE(p.is_fragment);
  CHECK_TRUE(p.has_ports);
}

TEST(Ipv6, EspEndsTheChain) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv6/esp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(50, p.ip_proto);
  CHECK_FALSE(p.has_ports);
  UNSIGNED_LONGS_EQUAL(54, p.l4_offset);
  UNSIGNED_LONGS_EQUAL(16, p.payload_captured);
}

TEST(Ipv6, NoNextHeaderEndsTheChain) {
  const Bytes frame = kEthIpv6 + ipv6Header(8, 0) + Bytes{59, 0x00, 0x01, 0x04, 0, 0, 0, 0};
  const DecodedPacket p = decode(LinkType::Ethernet, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(59, p.ip_proto);
  CHECK_FALSE(p.has_ports);
}

TEST(Ipv6, AuthenticationHeaderLengthInFourByteUnits) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv6-ah/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(6, p.ip_proto);
  UNSIGNED_LONGS_EQUAL(78, p.l4_offset);
  UNSIGNED_LONGS_EQUAL(22, p.src_port);
  UNSIGNED_LONGS_EQUAL(49152, p.dst_port);
  UNSIGNED_LONGS_EQUAL(0x10, p.tcp_flags);
}

TEST(Ipv6, EightExtensionHeadersAreTheCap) {
  const Bytes frame = kEthIpv6 + ipv6Header(72, 60) + destinationOptionsChain(8) + kUdp;
  const DecodedPacket p = decode(LinkType::Ethernet, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(53, p.dst_port);
}

TEST(Ipv6, NinthExtensionHeaderIsTooDeep) {
  const Bytes frame = kEthIpv6 + ipv6Header(80, 60) + destinationOptionsChain(9) + kUdp;
  const DecodedPacket p = decode(LinkType::Ethernet, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::TooDeep, p.status);
  CHECK_TRUE(p.has_ip);  // the IPv6 header itself was fine
}

TEST(Ipv6, ExtensionHeaderPastTheDatagram) {
  // Hop-by-hop claims 48 bytes, the payload length only 8 (padding follows).
  const Bytes frame = kEthIpv6 + ipv6Header(8, 0) + Bytes{17, 0x05, 0x01, 0x04, 0, 0, 0, 0} + Bytes(40, 0);
  const DecodedPacket p = decode(LinkType::Ethernet, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ipv6ExtTruncated, p.status);
  CHECK_TRUE(p.has_ip);
  UNSIGNED_LONGS_EQUAL(48, p.ip_bytes);
}

TEST(Ipv6, PayloadLengthBeyondTheWire) {
  Bytes frame = sample("eth/ipv6/tcp").frame;
  frame[19] = 24;  // one more than the 23 that arrived
  const DecodedPacket p = decode(LinkType::Ethernet, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ipv6BadPayloadLength, p.status);
  CHECK_FALSE(p.has_ip);
}

TEST(Ipv6, ZeroPayloadLengthTakesTheWireLength) {
  Bytes frame = sample("eth/ipv6/tcp").frame;
  frame[18] = 0;
  frame[19] = 0;
  const DecodedPacket p = decode(LinkType::Ethernet, frame, frame.size(), 65550);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(65536, p.ip_bytes);
  UNSIGNED_LONGS_EQUAL(80, p.dst_port);
}

TEST(Ipv6, BadVersion) {
  Bytes frame = sample("eth/ipv6/tcp").frame;
  frame[14] = 0x40;
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ipv6BadVersion, decode(LinkType::Ethernet, frame).status);
}
