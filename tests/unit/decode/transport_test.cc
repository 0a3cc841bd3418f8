#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

TEST_GROUP(Transport){};

TEST(Transport, TcpOptionsAreInTheHeader) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv4/tcp-options").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(34, p.l4_offset);
  UNSIGNED_LONGS_EQUAL(66, p.payload_offset);
  UNSIGNED_LONGS_EQUAL(0, p.payload_captured);
  UNSIGNED_LONGS_EQUAL(0x02, p.tcp_flags);
}

TEST(Transport, TcpBadDataOffset) {
  Bytes frame = sample("eth/ipv4/tcp").frame;
  for (uint8_t offset = 0; offset < 5; ++offset) {
    frame[46] = static_cast<uint8_t>(offset << 4);
    const DecodedPacket p = decode(LinkType::Ethernet, frame);
    EDGEFLOW_CHECK_STATUS(DecodeStatus::TcpBadDataOffset, p.status);
    CHECK_TRUE(p.has_ip);
    CHECK_FALSE(p.has_ports);
  }
}

TEST(Transport, TcpOptionsPastTheDatagram) {
  Bytes frame = sample("eth/ipv4/tcp").frame;
  frame[46] = 0xf0;  // 60-byte header in a 44-byte datagram
  EDGEFLOW_CHECK_STATUS(DecodeStatus::TcpTruncated, decode(LinkType::Ethernet, frame).status);
}

TEST(Transport, Udp) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv4/udp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(17, p.ip_proto);
  UNSIGNED_LONGS_EQUAL(5353, p.src_port);
  UNSIGNED_LONGS_EQUAL(53, p.dst_port);
  UNSIGNED_LONGS_EQUAL(0, p.tcp_flags);
  UNSIGNED_LONGS_EQUAL(42, p.payload_offset);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::UdpTruncated,
                        decode(LinkType::Ethernet, sample("eth/ipv4/udp").frame, 41).status);
}

TEST(Transport, Sctp) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv4/sctp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(132, p.ip_proto);
  UNSIGNED_LONGS_EQUAL(2905, p.src_port);
  UNSIGNED_LONGS_EQUAL(2906, p.dst_port);
  UNSIGNED_LONGS_EQUAL(46, p.payload_offset);
  UNSIGNED_LONGS_EQUAL(4, p.payload_captured);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::SctpTruncated,
                        decode(LinkType::Ethernet, sample("eth/ipv4/sctp").frame, 45).status);
}

TEST(Transport, IcmpTypeAndCodeAsDestinationPort) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv4/icmp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(1, p.ip_proto);
  CHECK_TRUE(p.has_ports);
  UNSIGNED_LONGS_EQUAL(0, p.src_port);
  UNSIGNED_LONGS_EQUAL(0x0800, p.dst_port);
  UNSIGNED_LONGS_EQUAL(38, p.payload_offset);
  UNSIGNED_LONGS_EQUAL(4, p.payload_captured);

  Bytes unreachable = sample("eth/ipv4/icmp").frame;
  unreachable[34] = 3;
  unreachable[35] = 3;
  UNSIGNED_LONGS_EQUAL(0x0303, decode(LinkType::Ethernet, unreachable).dst_port);
}

TEST(Transport, IcmpNeedsOnlyTypeAndCode) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv4/icmp").frame, 36);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(0x0800, p.dst_port);
  UNSIGNED_LONGS_EQUAL(0, p.payload_captured);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::IcmpTruncated,
                        decode(LinkType::Ethernet, sample("eth/ipv4/icmp").frame, 35).status);
}

TEST(Transport, Icmpv6) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv6/icmpv6").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(58, p.ip_proto);
  UNSIGNED_LONGS_EQUAL(0, p.src_port);
  UNSIGNED_LONGS_EQUAL(0x8000, p.dst_port);
  UNSIGNED_LONGS_EQUAL(255, p.ttl);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Icmpv6Truncated,
                        decode(LinkType::Ethernet, sample("eth/ipv6/icmpv6").frame, 55).status);
}
