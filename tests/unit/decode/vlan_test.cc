#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

namespace {
const Bytes kMacs = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01};
}  // namespace

TEST_GROUP(Vlan){};

TEST(Vlan, SingleTagMasksPriority) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/vlan/ipv4/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(1, p.vlan_count);
  UNSIGNED_LONGS_EQUAL(101, p.vlan_ids[0]);
  UNSIGNED_LONGS_EQUAL(18, p.l3_offset);
  UNSIGNED_LONGS_EQUAL(40000, p.src_port);
}

TEST(Vlan, QinQ88a8OutermostFirst) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/qinq-88a8/ipv4/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(2, p.vlan_count);
  UNSIGNED_LONGS_EQUAL(1525, p.vlan_ids[0]);
  UNSIGNED_LONGS_EQUAL(30, p.vlan_ids[1]);
  UNSIGNED_LONGS_EQUAL(22, p.l3_offset);
  STRCMP_EQUAL("198.51.100.7", addr(p.dst).c_str());
}

TEST(Vlan, QinQ9100CarryingIpv6) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/qinq-9100/ipv6/tcp").frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(2, p.vlan_count);
  UNSIGNED_LONGS_EQUAL(200, p.vlan_ids[0]);
  UNSIGNED_LONGS_EQUAL(100, p.vlan_ids[1]);
  STRCMP_EQUAL("2001:db8::2", addr(p.dst).c_str());
  UNSIGNED_LONGS_EQUAL(80, p.dst_port);
}

TEST(Vlan, FourTagsAreTheCap) {
  Bytes frame = kMacs;
  for (uint16_t id = 1; id <= 4; ++id) frame = frame + Bytes{0x81, 0x00, 0x00, static_cast<uint8_t>(id)};
  frame = frame + Bytes{0x08, 0x00} + kIpv4Udp;
  const DecodedPacket p = decode(LinkType::Ethernet, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  UNSIGNED_LONGS_EQUAL(kMaxVlanTags, p.vlan_count);
  for (int i = 0; i < kMaxVlanTags; ++i) UNSIGNED_LONGS_EQUAL(i + 1, p.vlan_ids[i]);
}

TEST(Vlan, FifthTagIsTooDeep) {
  Bytes frame = kMacs;
  for (uint16_t id = 1; id <= 5; ++id) frame = frame + Bytes{0x81, 0x00, 0x00, static_cast<uint8_t>(id)};
  frame = frame + Bytes{0x08, 0x00} + kIpv4Udp;
  const DecodedPacket p = decode(LinkType::Ethernet, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::TooDeep, p.status);
  STRCMP_EQUAL("decode.too_deep", name(p.status).c_str());
  CHECK_FALSE(p.has_ip);
}

TEST(Vlan, TagCarryingArpIsNonIp) {
  const Bytes frame = kMacs + Bytes{0x81, 0x00, 0x00, 0x65, 0x08, 0x06} + Bytes(28, 0);
  const DecodedPacket p = decode(LinkType::Ethernet, frame);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::NonIpEthertype, p.status);
  UNSIGNED_LONGS_EQUAL(1, p.vlan_count);
  UNSIGNED_LONGS_EQUAL(101, p.vlan_ids[0]);
}

TEST(Vlan, CutTagIsVlanTruncated) {
  const DecodedPacket p = decode(LinkType::Ethernet, sample("eth/vlan/ipv4/tcp").frame, 16);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::VlanTruncated, p.status);
}
