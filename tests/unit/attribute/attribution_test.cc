#include "agent/attribute/attribution.h"

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
