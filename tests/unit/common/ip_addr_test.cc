#include "agent/common/ip_addr.h"

#include <CppUTest/TestHarness.h>

#include "agent/common/byte_reader.h"

using edgeflow::ByteReader;
using edgeflow::IpAddr;
using edgeflow::IpFamily;
using edgeflow::IpPrefix;
using edgeflow::MacAddr;

TEST_GROUP(IpAddr){};

TEST(IpAddr, ParsesAndPrintsV4) {
  auto a = IpAddr::parse("175.45.176.1");
  CHECK_TRUE(a.has_value());
  CHECK(a->family == IpFamily::V4);
  UNSIGNED_LONGS_EQUAL(0xaf2db001u, a->v4HostOrder());
  STRCMP_EQUAL("175.45.176.1", a->toString().c_str());
}

TEST(IpAddr, RejectsBadV4) {
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.04", "1..2.3", "a.b.c.d", "1.2.3.4 "}) {
    CHECK_FALSE_TEXT(IpAddr::parse(bad).has_value(), bad);
  }
}

TEST(IpAddr, ParsesV6Forms) {
  STRCMP_EQUAL("2001:db8::1", IpAddr::parse("2001:0DB8:0:0:0:0:0:1")->toString().c_str());
  STRCMP_EQUAL("::", IpAddr::parse("::")->toString().c_str());
  STRCMP_EQUAL("::1", IpAddr::parse("::1")->toString().c_str());
  STRCMP_EQUAL("fe80::", IpAddr::parse("fe80::")->toString().c_str());
  STRCMP_EQUAL("::ffff:c000:201", IpAddr::parse("::ffff:192.0.2.1")->toString().c_str());
  STRCMP_EQUAL("2001:db8:0:1:1:1:1:1", IpAddr::parse("2001:db8:0:1:1:1:1:1")->toString().c_str());
  CHECK(IpAddr::parse("2001:db8::1")->family == IpFamily::V6);
}

TEST(IpAddr, RejectsBadV6) {
  for (const char* bad : {":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "1:2:3:4:5:6:7", "g::", "1:",
                          ":1", "1:2:3:4:5:6:7:8::"}) {
    CHECK_FALSE_TEXT(IpAddr::parse(bad).has_value(), bad);
  }
}

TEST(IpAddr, PrefixContains) {
  auto p = IpPrefix::parse("175.45.176.0/22");
  CHECK_TRUE(p.has_value());
  CHECK_TRUE(p->contains(*IpAddr::parse("175.45.176.0")));
  CHECK_TRUE(p->contains(*IpAddr::parse("175.45.179.255")));
  CHECK_FALSE(p->contains(*IpAddr::parse("175.45.180.0")));
  CHECK_FALSE(p->contains(*IpAddr::parse("::ffff:175.45.176.1")));  // other family
  auto v6 = IpPrefix::parse("2001:db8:4500::/48");
  CHECK_TRUE(v6->contains(*IpAddr::parse("2001:db8:4500:ffff::1")));
  CHECK_FALSE(v6->contains(*IpAddr::parse("2001:db8:4501::1")));
  CHECK_TRUE(IpPrefix::parse("0.0.0.0/0")->contains(*IpAddr::parse("8.8.8.8")));
}

TEST(IpAddr, PrefixRejectsHostBitsAndBadLengths) {
  CHECK_FALSE(IpPrefix::parse("175.45.176.1/22").has_value());
  CHECK_FALSE(IpPrefix::parse("10.0.0.0/33").has_value());
  CHECK_FALSE(IpPrefix::parse("10.0.0.0/").has_value());
  CHECK_FALSE(IpPrefix::parse("2001:db8::/129").has_value());
  UNSIGNED_LONGS_EQUAL(32, IpPrefix::parse("10.1.2.3")->len);
}

TEST(IpAddr, MacParseAndPrint) {
  auto m = MacAddr::parse("02:00:5E:10:00:01");
  CHECK_TRUE(m.has_value());
  STRCMP_EQUAL("02:00:5e:10:00:01", m->toString().c_str());
  CHECK_TRUE(MacAddr::parse("02-00-5e-10-00-01").has_value());
  CHECK_FALSE(MacAddr::parse("02:00:5e:10:00").has_value());
  CHECK_FALSE(MacAddr::parse("02:00-5e:10:00:01").has_value());
  CHECK_FALSE(MacAddr::parse("02:00:5e:10:00:0g").has_value());
}

TEST_GROUP(ByteReader){};

TEST(ByteReader, ReadsBigAndLittleEndianAndStopsAtEnd) {
  const uint8_t data[] = {0x12, 0x34, 0x56, 0x78, 0x9a};
  ByteReader r(data, sizeof data);
  uint16_t a = 0;
  uint32_t b = 0;
  CHECK_TRUE(r.u16be(a));
  UNSIGNED_LONGS_EQUAL(0x1234, a);
  CHECK_FALSE(r.u32be(b));  // only 3 left: fails and does not move
  UNSIGNED_LONGS_EQUAL(2, r.offset());
  CHECK_TRUE(r.u16le(a));
  UNSIGNED_LONGS_EQUAL(0x7856, a);
  uint8_t c = 0;
  CHECK_TRUE(r.u8(c));
  CHECK_FALSE(r.u8(c));
  CHECK_TRUE(r.empty());
  ByteReader s(data, sizeof data);
  ByteReader inner;
  CHECK_FALSE(s.sub(6, inner));
  CHECK_TRUE(s.sub(4, inner));
  CHECK_TRUE(inner.u32le(b));
  UNSIGNED_LONGS_EQUAL(0x78563412u, b);
}
