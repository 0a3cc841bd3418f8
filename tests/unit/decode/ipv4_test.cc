#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

TEST_GROUP(Ipv4){};

TEST(Ipv4, OptionsAreSkipped) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv4-options/udp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(36, p.ip_bytes);
  UNSIGNED_LONGS_EQUAL(38, p.l4_offset);
  UNSIGNED_LONGS_EQUAL(5353, p.src_port);
  UNSIGNED_LONGS_EQUAL(53, p.dst_port);
  UNSIGNED_LONGS_EQUAL(4, p.payload_captured);
}

TEST(Ipv4, FirstFragmentCarriesPorts) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv4-frag-first/udp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  CHECK_TRUE(p.is_fragment);
  CHECK_TRUE(p.more_fragments);
  UNSIGNED_LONGS_EQUAL(0, p.frag_offset);
  UNSIGNED_LONGS_EQUAL(0xabcd, p.frag_id);
  CHECK_TRUE(p.has_ports);
  UNSIGNED_LONGS_EQUAL(53, p.dst_port);
  UNSIGNED_LONGS_EQUAL(36, p.ip_bytes);
}

TEST(Ipv4, MiddleFragmentHasNoPorts) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv4-frag-middle").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  CHECK_TRUE(p.has_ip);
  CHECK_TRUE(p.is_fragment);
  CHECK_TRUE(p.more_fragments);
  UNSIGNED_LONGS_EQUAL(16, p.frag_offset);
  UNSIGNED_LONGS_EQUAL(0xabcd, p.frag_id);
  UNSIGNED_LONGS_EQUAL(17, p.ip_proto);
  CHECK_FALSE(p.has_ports);
  UNSIGNED_LONGS_EQUAL(34, p.l4_offset);
  UNSIGNED_LONGS_EQUAL(34, p.payload_offset);
  UNSIGNED_LONGS_EQUAL(16, p.payload_captured);
}

TEST(Ipv4, LastFragment) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv4-frag-last").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  CHECK_TRUE(p.is_fragment);
  CHECK_FALSE(p.more_fragments);
  UNSIGNED_LONGS_EQUAL(32, p.frag_offset);
  UNSIGNED_LONGS_EQUAL(28, p.ip_bytes);
  UNSIGNED_LONGS_EQUAL(8, p.payload_captured);  // not the padding
  CHECK_FALSE(p.has_ports);
}

TEST(Ipv4, DontFragmentIsNotAFragment) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv4/tcp").frame);
  CHECK_FALSE(p.is_fragment);
  UNSIGNED_LONGS_EQUAL(0, p.frag_id);
}

TEST(Ipv4, ZeroTotalLengthTakesTheWireLength) {
  // A segmentation-offload capture: 14 + 20 + 20 + 16 bytes kept of a
  // 9014-byte frame whose IPv4 total length reads 0.
  Bytes frame = sample("eth/ipv4/tcp").frame + Bytes(12, 'e');
  frame[16] = 0;
  frame[17] = 0;
  const DecodedPacket p = decode(LinkType::Ethernet, frame, frame.size(), 9014);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(9000, p.ip_bytes);
  UNSIGNED_LONGS_EQUAL(443, p.dst_port);
  UNSIGNED_LONGS_EQUAL(16, p.payload_captured);
}

TEST(Ipv4, TotalLengthBeyondTheWireIsALie) {
  Bytes frame = sample("eth/ipv4/tcp").frame;
  frame[17] = 45;  // one more than the 44 that arrived
  const DecodedPacket p = decode(LinkType::Ethernet, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ipv4BadTotalLength, p.status);
  CHECK_FALSE(p.has_ip);
  // The same header is fine when only the snap length cut the frame.
  const DecodedPacket cut = decode(LinkType::Ethernet, frame, 54, 59);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, cut.status);
  UNSIGNED_LONGS_EQUAL(45, cut.ip_bytes);
}

TEST(Ipv4, TotalLengthShorterThanTheHeader) {
  Bytes frame = sample("eth/ipv4-options/udp").frame;
  frame[17] = 20;  // IHL says 24
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ipv4BadTotalLength, decode(LinkType::Ethernet, frame).status);
}

TEST(Ipv4, BadIhl) {
  Bytes frame = sample("eth/ipv4/tcp").frame;
  for (uint8_t ihl = 0; ihl < 5; ++ihl) {
    frame[14] = static_cast<uint8_t>(0x40 | ihl);
    const DecodedPacket p = decode(LinkType::Ethernet, frame);
    EDGEFLOW_CHECK_STATUS(DecodeStatus::Ipv4BadIhl, p.status);
    CHECK_FALSE(p.has_ip);
  }
}

TEST(Ipv4, BadVersion) {
  Bytes frame = sample("eth/ipv4/tcp").frame;
  frame[14] = 0x65;
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ipv4BadVersion, decode(LinkType::Ethernet, frame).status);
}

TEST(Ipv4, CutOptionsAreIpv4Truncated) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv4-options/udp").frame, 36);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ipv4Truncated, p.status);
  CHECK_FALSE(p.has_ip);
}

TEST(Ipv4, TransportErrorKeepsTheIpLayer) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv4/tcp").frame, 40);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::TcpTruncated, p.status);
  CHECK_TRUE(p.has_ip);
  STRCMP_EQUAL("192.0.2.1", addr(p.src).c_str());
  STRCMP_EQUAL("198.51.100.7", addr(p.dst).c_str());
  UNSIGNED_LONGS_EQUAL(44, p.ip_bytes);
  CHECK_FALSE(p.has_ports);
}

TEST(Ipv4, OtherProtocolsHaveNoPorts) {
  Bytes frame = sample("eth/ipv4/tcp").frame;
  frame[23] = 47;  // GRE
  const DecodedPacket p = decode(LinkType::Ethernet, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(47, p.ip_proto);
  CHECK_FALSE(p.has_ports);
  UNSIGNED_LONGS_EQUAL(34, p.l4_offset);
  UNSIGNED_LONGS_EQUAL(34, p.payload_offset);
  UNSIGNED_LONGS_EQUAL(24, p.payload_captured);
}
