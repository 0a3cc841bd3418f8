#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

TEST_GROUP(LinuxCooked){};

TEST(LinuxCooked, SllSenderIsSourceMac) {
  const DecodedPacket p = decode(LinkType::LinuxSll, sample("sll/ipv4/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  CHECK_TRUE(p.has_src_mac);
  CHECK_FALSE(p.has_dst_mac);
  STRCMP_EQUAL("02:00:00:00:00:01", p.src_mac.toString().c_str());
  UNSIGNED_LONGS_EQUAL(16, p.l3_offset);
  STRCMP_EQUAL("192.0.2.1", addr(p.src).c_str());
  UNSIGNED_LONGS_EQUAL(443, p.dst_port);
}

TEST(LinuxCooked, SllProtocolCanBeAVlanTag) {
  const DecodedPacket p = decode(LinkType::LinuxSll, sample("sll/vlan/ipv4/udp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(1, p.vlan_count);
  UNSIGNED_LONGS_EQUAL(101, p.vlan_ids[0]);
  UNSIGNED_LONGS_EQUAL(20, p.l3_offset);
  UNSIGNED_LONGS_EQUAL(53, p.dst_port);
}

TEST(LinuxCooked, Sll2) {
  const DecodedPacket p = decode(LinkType::LinuxSll2, sample("sll2/ipv6/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  CHECK_TRUE(p.has_src_mac);
  STRCMP_EQUAL("02:00:00:00:00:09", p.src_mac.toString().c_str());
  UNSIGNED_LONGS_EQUAL(20, p.l3_offset);
  STRCMP_EQUAL("2001:db8::1", addr(p.src).c_str());
  UNSIGNED_LONGS_EQUAL(80, p.dst_port);
}

TEST(LinuxCooked, NoMacUnlessEthernetWithSixByteAddress) {
  Bytes frame = sample("sll/ipv4/tcp").frame;
  frame[2] = 0x03;  // ARPHRD_LOOPBACK (772)
  frame[3] = 0x04;
  DecodedPacket p = decode(LinkType::LinuxSll, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  CHECK_FALSE(p.has_src_mac);
  frame = sample("sll/ipv4/tcp").frame;
  frame[5] = 0x08;  // an 8-byte address
  p = decode(LinkType::LinuxSll, frame);
  CHECK_FALSE(p.has_src_mac);
}

TEST(LinuxCooked, SpecialProtocolsAreNonIp) {
  Bytes frame = sample("sll/ipv4/tcp").frame;
  frame[14] = 0x00;
  frame[15] = 0x04;  // LINUX_SLL_P_802_2
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpEthertype, decode(LinkType::LinuxSll, frame).status);
  frame = sample("sll/ipv4/tcp").frame;
  frame[2] = 0x03;  // ARPHRD_NETLINK (824): the protocol is a netlink family
  frame[3] = 0x38;
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpEthertype, decode(LinkType::LinuxSll, frame).status);
}

TEST(LinuxCooked, CutHeaders) {
  EDGEFLOW_CHECK_STATUS(DecodeStatus::SllTruncated,
                        decode(LinkType::LinuxSll, sample("sll/ipv4/tcp").frame, 15).status);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Sll2Truncated,
                        decode(LinkType::LinuxSll2, sample("sll2/ipv6/tcp").frame, 19).status);
}
