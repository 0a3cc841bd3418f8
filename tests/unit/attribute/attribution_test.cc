#include "agent/attribute/attribution.h"

#include <initializer_list>
#include <vector>

#include <CppUTest/TestHarness.h>

using namespace edgeflow;
using attribute::Attribution;
using attribute::Attributor;
using attribute::Direction;
using config::MatchRule;

namespace {

config::Upstream upstream(const char* id, std::initializer_list<MatchRule> rules) {
  config::Upstream u;
  u.id = id;
  u.match = rules;
  return u;
}

MatchRule vlanRule(uint16_t vlan) {
  MatchRule r;
  r.kind = MatchRule::Kind::Vlan;
  r.vlan = vlan;
  return r;
}

MatchRule macRule(const char* mac) {
  MatchRule r;
  r.kind = MatchRule::Kind::Mac;
  r.mac = *MacAddr::parse(mac);
  return r;
}

MatchRule ifaceRule(const char* name) {
  MatchRule r;
  r.kind = MatchRule::Kind::Interface;
  r.interface = name;
  return r;
}

decode::DecodedPacket ipPacket(const char* src, const char* dst, uint16_t sport = 1000, uint16_t dport = 80) {
  decode::DecodedPacket p;
  p.has_ip = true;
  p.src = *IpAddr::parse(src);
  p.dst = *IpAddr::parse(dst);
  p.has_ports = true;
  p.src_port = sport;
  p.dst_port = dport;
  return p;
}

void setVlans(decode::DecodedPacket& p, std::initializer_list<uint16_t> ids) {
  p.vlan_count = 0;
  for (uint16_t id : ids) p.vlan_ids[p.vlan_count++] = id;
}

}  // namespace

TEST_GROUP(Attribution) {
  config::Config cfg;
  void setup() override {
    cfg.agent.local = {*IpPrefix::parse("175.45.176.0/22"), *IpPrefix::parse("2001:db8:4500::/48")};
    cfg.upstreams = {upstream("ttk", {vlanRule(101)}), upstream("cu", {vlanRule(102)}),
                     upstream("ix", {macRule("02:00:00:00:01:03")}), upstream("lab", {ifaceRule("eth9")})};
  }
};

TEST(Attribution, LayoutPutsExplicitRowsAfterUpstreams) {
  Attributor a(cfg);
  UNSIGNED_LONGS_EQUAL(4, a.layout().unknownUpstream());
  UNSIGNED_LONGS_EQUAL(5, a.layout().internal());
  UNSIGNED_LONGS_EQUAL(6, a.layout().transit());
  CHECK_TRUE(a.layout().isDirectional(4));
  CHECK_FALSE(a.layout().isDirectional(5));
}

TEST(Attribution, InboundAndOutboundByLocalPrefix) {
  Attributor a(cfg);
  auto in = ipPacket("8.8.8.8", "175.45.176.10");
  setVlans(in, {101});
  Attribution r = a.attribute(in, attribute::kNoInterface);
  UNSIGNED_LONGS_EQUAL(0, r.row);
  CHECK(r.dir == Direction::In);
  CHECK_FALSE(r.src_is_local);

  auto out = ipPacket("175.45.179.255", "8.8.8.8");
  setVlans(out, {102});
  r = a.attribute(out, attribute::kNoInterface);
  UNSIGNED_LONGS_EQUAL(1, r.row);
  CHECK(r.dir == Direction::Out);
  CHECK_TRUE(r.src_is_local);
}

TEST(Attribution, PrefixEdges) {
  Attributor a(cfg);
  CHECK_TRUE(a.isLocal(*IpAddr::parse("175.45.176.0")));
  CHECK_TRUE(a.isLocal(*IpAddr::parse("175.45.179.255")));
  CHECK_FALSE(a.isLocal(*IpAddr::parse("175.45.175.255")));
  CHECK_FALSE(a.isLocal(*IpAddr::parse("175.45.180.0")));
  CHECK_TRUE(a.isLocal(*IpAddr::parse("2001:db8:4500::1")));
  CHECK_FALSE(a.isLocal(*IpAddr::parse("2001:db8:4501::1")));
}

TEST(Attribution, AnyTagOfAQinQStackMatches) {
  Attributor a(cfg);
  auto p = ipPacket("2a00::1", "2001:db8:4500::5");
  setVlans(p, {300, 102});
  Attribution r = a.attribute(p, attribute::kNoInterface);
  UNSIGNED_LONGS_EQUAL(1, r.row);
  CHECK(r.dir == Direction::In);
}

TEST(Attribution, FirstUpstreamInConfigOrderWins) {
  Attributor a(cfg);
  auto p = ipPacket("8.8.8.8", "175.45.176.1");
  setVlans(p, {102, 101});  // both match: ttk comes first in the config
  UNSIGNED_LONGS_EQUAL(0, a.attribute(p, attribute::kNoInterface).row);
}

TEST(Attribution, UnknownUpstreamWhenNoRuleMatches) {
  Attributor a(cfg);
  auto p = ipPacket("8.8.8.8", "175.45.176.1");
  setVlans(p, {999});
  Attribution r = a.attribute(p, attribute::kNoInterface);
  UNSIGNED_LONGS_EQUAL(a.layout().unknownUpstream(), r.row);
  CHECK(r.dir == Direction::In);
}

TEST(Attribution, InternalAndTransitNormaliseToTheLowerEnd) {
  Attributor a(cfg);
  auto p = ipPacket("175.45.177.9", "175.45.176.1", 5000, 53);
  setVlans(p, {101});  // a VLAN match does not matter when both ends are local
  Attribution r = a.attribute(p, attribute::kNoInterface);
  UNSIGNED_LONGS_EQUAL(a.layout().internal(), r.row);
  CHECK_FALSE(r.src_is_local);  // 175.45.176.1 is the lower end
  auto back = ipPacket("175.45.176.1", "175.45.177.9", 53, 5000);
  CHECK_TRUE(a.attribute(back, attribute::kNoInterface).src_is_local);

  auto t = ipPacket("9.9.9.9", "8.8.8.8");
  setVlans(t, {101});
  UNSIGNED_LONGS_EQUAL(a.layout().transit(), a.attribute(t, attribute::kNoInterface).row);
}

TEST(Attribution, MacRuleMatchesEitherEndAndGivesDirectionWithoutLocalEnd) {
  Attributor a(cfg);
  auto p = ipPacket("9.9.9.9", "8.8.8.8");
  p.has_src_mac = p.has_dst_mac = true;
  p.src_mac = *MacAddr::parse("02:00:00:00:01:03");
  p.dst_mac = *MacAddr::parse("02:00:00:00:00:01");
  Attribution r = a.attribute(p, attribute::kNoInterface);
  UNSIGNED_LONGS_EQUAL(2, r.row);
  CHECK(r.dir == Direction::In);
  CHECK_FALSE(r.src_is_local);

  std::swap(p.src_mac, p.dst_mac);
  r = a.attribute(p, attribute::kNoInterface);
  UNSIGNED_LONGS_EQUAL(2, r.row);
  CHECK(r.dir == Direction::Out);
  CHECK_TRUE(r.src_is_local);

  // With a local end, the prefixes decide the direction, not the MAC.
  auto q = ipPacket("175.45.176.7", "8.8.8.8");
  q.has_src_mac = q.has_dst_mac = true;
  q.src_mac = *MacAddr::parse("02:00:00:00:01:03");
  r = a.attribute(q, attribute::kNoInterface);
  UNSIGNED_LONGS_EQUAL(2, r.row);
  CHECK(r.dir == Direction::Out);
}

TEST(Attribution, InterfaceRule) {
  Attributor a(cfg);
  const attribute::InterfaceId eth9 = a.interfaceId("eth9");
  CHECK(eth9 != attribute::kNoInterface);
  CHECK(a.interfaceId("eth1") == attribute::kNoInterface);
  auto p = ipPacket("8.8.8.8", "175.45.176.1");
  UNSIGNED_LONGS_EQUAL(3, a.attribute(p, eth9).row);
  UNSIGNED_LONGS_EQUAL(a.layout().unknownUpstream(), a.attribute(p, attribute::kNoInterface).row);
}

TEST(Attribution, NoLocalPrefixesMeansTransitUnlessMacSays) {
  cfg.agent.local.clear();
  Attributor a(cfg);
  auto p = ipPacket("8.8.8.8", "175.45.176.1");
  setVlans(p, {101});
  UNSIGNED_LONGS_EQUAL(a.layout().transit(), a.attribute(p, attribute::kNoInterface).row);
}

namespace {

// The reference for isLocal(): any configured prefix contains the address.
bool containedInAny(const std::vector<IpPrefix>& prefixes, const IpAddr& a) {
  for (const IpPrefix& p : prefixes) {
    if (p.contains(a)) return true;
  }
  return false;
}

// An upstream's index, or 100 + the explicit row's place after them.
int rowKind(const Attributor& a, attribute::Row r) {
  const auto upstreams = static_cast<int>(a.layout().upstreams);
  return r < upstreams ? r : 100 + r - upstreams;
}

IpPrefix rawPrefix(const char* addr, uint8_t len) {
  IpPrefix p;
  p.addr = *IpAddr::parse(addr);
  p.len = len;
  return p;
}

}  // namespace

TEST(Attribution, LocalTestAgreesWithIpPrefixContains) {
  // Lengths on and off byte and word boundaries, both halves of an IPv6
  // address, and (built by hand, as parse() refuses them) prefixes with host
  // bits set: IPv4 ignores them, IPv6 as IpPrefix::contains() does.
  cfg.agent.local.clear();
  for (const char* text : {"175.45.176.0/22", "10.0.0.0/8", "192.0.2.128/25", "198.51.100.7/32", "2001:db8:4500::/48",
                           "2001:db8:0:0:8000::/65", "fe80::/10", "2001:db8::1/128", "2001:db8:1234:5600::/56"}) {
    cfg.agent.local.push_back(*IpPrefix::parse(text));
  }
  cfg.agent.local.push_back(rawPrefix("203.0.113.77", 24));
  cfg.agent.local.push_back(rawPrefix("2001:db8:ffff::1", 48));
  cfg.agent.local.push_back(rawPrefix("2001:db8:eeee:f800::", 36));
  Attributor a(cfg);
  std::vector<IpPrefix> reference;
  for (const IpPrefix& p : cfg.agent.local) {
    IpPrefix q = p;
    if (q.addr.family == IpFamily::V4) {
      // Attributor masks IPv4 host bits away; so does the reference here.
      for (int bit = q.len; bit < 32; ++bit) q.addr.bytes[12 + bit / 8] &= static_cast<uint8_t>(~(0x80 >> (bit % 8)));
    }
    reference.push_back(q);
  }
  uint64_t state = 0x10ca1;
  auto next = [&state]() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  };
  int local = 0;
  for (int i = 0; i < 20000; ++i) {
    // An address near a configured prefix: its bytes with a few bits flipped.
    IpAddr x = cfg.agent.local[next() % cfg.agent.local.size()].addr;
    const int first = x.family == IpFamily::V4 ? 96 : 0;
    for (uint32_t flips = next() % 4; flips > 0; --flips) {
      const uint32_t bit = static_cast<uint32_t>(first) + next() % static_cast<uint32_t>(128 - first);
      x.bytes[bit / 8] ^= static_cast<uint8_t>(0x80 >> (bit % 8));
    }
    const bool expected = containedInAny(reference, x);
    CHECK_EQUAL_TEXT(expected, a.isLocal(x), x.toString().c_str());
    if (expected) ++local;
  }
  CHECK(local > 2000 && local < 18000);
}

TEST(Attribution, AddressFamilyMustMatch) {
  Attributor a(cfg);
  // 175.45.176.1 as an IPv4-mapped IPv6 address is not an IPv4 address.
  CHECK_FALSE(a.isLocal(*IpAddr::parse("::ffff:175.45.176.1")));
  CHECK_FALSE(a.isLocal(IpAddr{}));
}

TEST(Attribution, VlanMatchBeforeALaterUpstreamsMacRule) {
  // MAC rules configured (the general path): an earlier upstream's VLAN
  // still wins over a later upstream's MAC.
  Attributor a(cfg);
  auto p = ipPacket("8.8.8.8", "175.45.176.1");
  setVlans(p, {102});
  p.has_src_mac = p.has_dst_mac = true;
  p.src_mac = *MacAddr::parse("02:00:00:00:01:03");
  Attribution r = a.attribute(p, attribute::kNoInterface);
  UNSIGNED_LONGS_EQUAL(1, r.row);
  CHECK(r.dir == Direction::In);
  CHECK_FALSE(r.src_is_local);
}

TEST(Attribution, SameAnswersWithAndWithoutMacRules) {
  // Without MAC rules attribute() takes its short path; a MAC rule that
  // matches nothing must not change any answer.
  config::Config plain = cfg;
  plain.upstreams = {upstream("ttk", {vlanRule(101)}), upstream("cu", {vlanRule(102)}),
                     upstream("lab", {ifaceRule("eth9")})};
  config::Config with_mac = plain;
  with_mac.upstreams.push_back(upstream("ix", {macRule("02:00:00:00:0f:0f")}));
  Attributor a(plain);
  Attributor b(with_mac);
  const attribute::InterfaceId eth9 = a.interfaceId("eth9");
  CHECK(eth9 == b.interfaceId("eth9"));
  const char* addrs[] = {"8.8.8.8", "175.45.176.1", "175.45.179.200", "2a00::1", "2001:db8:4500::9"};
  const std::initializer_list<uint16_t> vlan_sets[] = {{}, {101}, {102}, {999}, {300, 102}, {102, 101}};
  int checked = 0;
  for (const char* src : addrs) {
    for (const char* dst : addrs) {
      if (IpAddr::parse(src)->family != IpAddr::parse(dst)->family) continue;
      for (const auto& vlans : vlan_sets) {
        for (attribute::InterfaceId iface : {attribute::kNoInterface, eth9}) {
          auto p = ipPacket(src, dst, 1234, 80);
          setVlans(p, vlans);
          p.has_src_mac = p.has_dst_mac = true;
          const Attribution x = a.attribute(p, iface);
          const Attribution y = b.attribute(p, iface);
          // b has one upstream more: compare the explicit rows by kind.
          CHECK_EQUAL(rowKind(a, x.row), rowKind(b, y.row));
          CHECK(x.dir == y.dir);
          CHECK_EQUAL(x.src_is_local, y.src_is_local);
          ++checked;
        }
      }
    }
  }
  CHECK(checked > 100);
}
