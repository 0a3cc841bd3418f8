#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

TEST_GROUP(Ethernet){};

TEST(Ethernet, Ipv4Tcp) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv4/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  CHECK_TRUE(p.has_dst_mac);
  CHECK_TRUE(p.has_src_mac);
  STRCMP_EQUAL("02:00:00:00:00:02", p.dst_mac.toString().c_str());
  STRCMP_EQUAL("02:00:00:00:00:01", p.src_mac.toString().c_str());
  UNSIGNED_LONGS_EQUAL(0, p.vlan_count);
  UNSIGNED_LONGS_EQUAL(0, p.mpls_count);
  CHECK_FALSE(p.pppoe);
  CHECK_TRUE(p.has_ip);
  STRCMP_EQUAL("192.0.2.1", addr(p.src).c_str());
  STRCMP_EQUAL("198.51.100.7", addr(p.dst).c_str());
  UNSIGNED_LONGS_EQUAL(44, p.ip_bytes);
  UNSIGNED_LONGS_EQUAL(6, p.ip_proto);
  UNSIGNED_LONGS_EQUAL(64, p.ttl);
  UNSIGNED_LONGS_EQUAL(14, p.l3_offset);
  CHECK_FALSE(p.is_fragment);
  CHECK_TRUE(p.has_ports);
  UNSIGNED_LONGS_EQUAL(40000, p.src_port);
  UNSIGNED_LONGS_EQUAL(443, p.dst_port);
  UNSIGNED_LONGS_EQUAL(0x02, p.tcp_flags);
  UNSIGNED_LONGS_EQUAL(34, p.l4_offset);
  UNSIGNED_LONGS_EQUAL(54, p.payload_offset);
  UNSIGNED_LONGS_EQUAL(4, p.payload_captured);
}

TEST(Ethernet, Ipv6Udp) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/ipv6/udp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  STRCMP_EQUAL("2001:db8::1", addr(p.src).c_str());
  STRCMP_EQUAL("2001:db8::2", addr(p.dst).c_str());
  UNSIGNED_LONGS_EQUAL(50, p.ip_bytes);
  UNSIGNED_LONGS_EQUAL(17, p.ip_proto);
  UNSIGNED_LONGS_EQUAL(64, p.ttl);
  UNSIGNED_LONGS_EQUAL(546, p.src_port);
  UNSIGNED_LONGS_EQUAL(547, p.dst_port);
  UNSIGNED_LONGS_EQUAL(54, p.l4_offset);
  UNSIGNED_LONGS_EQUAL(62, p.payload_offset);
  UNSIGNED_LONGS_EQUAL(2, p.payload_captured);
}

TEST(Ethernet, PaddingIsNotPartOfTheDatagram) {
  const SampleFrame& s = sample("eth/ipv4/udp/padded");
  UNSIGNED_LONGS_EQUAL(60, s.frame.size());
  const DecodedPacket p = decode(LinkType::Ethernet, s.frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(32, p.ip_bytes);
  UNSIGNED_LONGS_EQUAL(4, p.payload_captured);
}

TEST(Ethernet, PaddingIsNeverReadAsATransportHeader) {
  // IPv4 total length 24 says "TCP, 4 bytes": the zero padding after it must
  // not be taken for the rest of a TCP header.
  const Bytes frame = kEthIpv4 + Bytes{0x45, 0x00, 0x00, 0x18, 0,   1,  0,   0, 0x40, 0x06, 0,    0,
                                       192,  0,    2,    1,    198, 51, 100, 7, 0x9c, 0x40, 0x01, 0xbb} +
                      Bytes(22, 0);
  const DecodedPacket p = decode(LinkType::Ethernet, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::TcpTruncated, p.status);
  CHECK_TRUE(p.has_ip);
  UNSIGNED_LONGS_EQUAL(24, p.ip_bytes);
  CHECK_FALSE(p.has_ports);
}

TEST(Ethernet, NonIpFrames) {
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpEthertype,
                        decode(LinkType::Ethernet, sample("eth/arp").frame).status);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpEthertype,
                        decode(LinkType::Ethernet, sample("eth/lldp").frame).status);
  const DecodedPacket stp = decode(LinkType::Ethernet, sample("eth/802.3-stp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpLlc, stp.status);
  CHECK_TRUE(isNonIp(stp.status));
  CHECK_FALSE(stp.has_ip);
  CHECK_TRUE(stp.has_src_mac);  // the MACs are still known
}

TEST(Ethernet, ResultIsResetBetweenFrames) {
  DecodedPacket p;
  const Bytes ip = sample("eth/qinq-88a8/ipv4/tcp").frame;
  decodePacket(LinkType::Ethernet, ip.data(), ip.size(), static_cast<uint32_t>(ip.size()), p);
  CHECK_TRUE(p.has_ports);
  const Bytes arp = sample("eth/arp").frame;
  decodePacket(LinkType::Ethernet, arp.data(), arp.size(), static_cast<uint32_t>(arp.size()), p);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpEthertype, p.status);
  CHECK_FALSE(p.has_ip);
  CHECK_FALSE(p.has_ports);
  UNSIGNED_LONGS_EQUAL(0, p.vlan_count);
  UNSIGNED_LONGS_EQUAL(0, p.ip_bytes);
  UNSIGNED_LONGS_EQUAL(0, p.src_port);
}

TEST(Ethernet, UnsupportedLinkType) {
  const DecodedPacket p = decode(static_cast<LinkType>(147), sample("eth/ipv4/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::UnsupportedLinkType, p.status);
  CHECK_TRUE(isError(p.status));
}

TEST(Ethernet, SnapLengthCutsPayloadOnly) {
  const SampleFrame& s = sample("eth/ipv4/tcp");
  const DecodedPacket p = decode(LinkType::Ethernet, s.frame, 54, 1514);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(44, p.ip_bytes);  // from the header, not the wire
  UNSIGNED_LONGS_EQUAL(0, p.payload_captured);
}

TEST(Ethernet, NullDataIsTruncated) {
  DecodedPacket p;
  EDGEFLOW_CHECK_STATUS(DecodeStatus::EthernetTruncated, decodePacket(LinkType::Ethernet, nullptr, 0, 60, p));
}
