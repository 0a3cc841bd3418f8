// Files that parse, and the typed values they give.
#include <CppUTest/TestHarness.h>

#include <string>

#include "tests/unit/config/config_test_util.h"

using edgeflow::IpAddr;
using edgeflow::IpFamily;
using edgeflow::MacAddr;
using edgeflow::config::Config;
using edgeflow::config::MatchRule;
using edgeflow::config::ParseResult;
using edgeflow::config::testing::errorOf;
using edgeflow::config::testing::parse;

namespace {

// The example from DESIGN.md, byte for byte (tab-indented).
constexpr const char* kDesignExample =
    "config agent 'main'\n"
    "\toption id 'border-1'\n"
    "\tlist local '175.45.176.0/22'\n"
    "\toption max_flows '65536'\n"
    "\toption listen '0.0.0.0:9465'\n"
    "\n"
    "config source 'lan'\n"
    "\toption type 'pcap'\n"
    "\toption interface 'eth1'\n"
    "\toption sample '64'\n"
    "\n"
    "config upstream 'ttk'\n"
    "\toption name 'TransTeleCom'\n"
    "\toption asn '20485'\n"
    "\tlist match 'vlan 101'\n";

Config mustParse(const char* text) {
  ParseResult result = parse(text);
  STRCMP_EQUAL("", result.error.c_str());
  CHECK_TRUE(result.ok);
  return result.config;
}

}  // namespace

TEST_GROUP(ConfigValid){};

TEST(ConfigValid, DesignExample) {
  const Config c = mustParse(kDesignExample);
  STRCMP_EQUAL("border-1", c.agent.id.c_str());
  LONGS_EQUAL(1, c.agent.local.size());
  STRCMP_EQUAL("175.45.176.0/22", c.agent.local[0].toString().c_str());
  CHECK_TRUE(c.agent.local[0].contains(*IpAddr::parse("175.45.179.255")));
  UNSIGNED_LONGS_EQUAL(65536, c.agent.max_flows);
  UNSIGNED_LONGS_EQUAL(15, c.agent.idle_timeout);
  UNSIGNED_LONGS_EQUAL(1800, c.agent.active_timeout);
  STRCMP_EQUAL("0.0.0.0:9465", c.agent.listen.c_str());
  STRCMP_EQUAL("0.0.0.0", c.agent.listen_addr.toString().c_str());
  UNSIGNED_LONGS_EQUAL(9465, c.agent.listen_port);

  LONGS_EQUAL(1, c.sources.size());
  STRCMP_EQUAL("lan", c.sources[0].id.c_str());
  STRCMP_EQUAL("pcap", c.sources[0].type.c_str());
  STRCMP_EQUAL("eth1", c.sources[0].interface.c_str());
  UNSIGNED_LONGS_EQUAL(64, c.sources[0].sample);

  LONGS_EQUAL(1, c.upstreams.size());
  STRCMP_EQUAL("ttk", c.upstreams[0].id.c_str());
  STRCMP_EQUAL("TransTeleCom", c.upstreams[0].name.c_str());
  UNSIGNED_LONGS_EQUAL(20485, c.upstreams[0].asn);
  LONGS_EQUAL(1, c.upstreams[0].match.size());
  CHECK(c.upstreams[0].match[0].kind == MatchRule::Kind::Vlan);
  UNSIGNED_LONGS_EQUAL(101, c.upstreams[0].match[0].vlan);
}

TEST(ConfigValid, EmptyFileGivesDefaults) {
  for (const char* text : {"", "\n\n", "# nothing here\n", "   \t\n"}) {
    const Config c = mustParse(text);
    STRCMP_EQUAL("edgeflow", c.agent.id.c_str());
    LONGS_EQUAL(0, c.agent.local.size());
    UNSIGNED_LONGS_EQUAL(65536, c.agent.max_flows);
    UNSIGNED_LONGS_EQUAL(15, c.agent.idle_timeout);
    UNSIGNED_LONGS_EQUAL(1800, c.agent.active_timeout);
    STRCMP_EQUAL("127.0.0.1:9465", c.agent.listen.c_str());
    STRCMP_EQUAL("127.0.0.1", c.agent.listen_addr.toString().c_str());
    UNSIGNED_LONGS_EQUAL(9465, c.agent.listen_port);
    LONGS_EQUAL(0, c.sources.size());
    LONGS_EQUAL(0, c.upstreams.size());
  }
}

TEST(ConfigValid, AgentAbsentKeepsDefaultsWithUpstreams) {
  const Config c = mustParse("config upstream 'a'\n list match 'vlan 1'\n");
  STRCMP_EQUAL("edgeflow", c.agent.id.c_str());
  UNSIGNED_LONGS_EQUAL(65536, c.agent.max_flows);
  LONGS_EQUAL(1, c.upstreams.size());
}

TEST(ConfigValid, QuotingStyles) {
  const Config c = mustParse(
      "config upstream ttk\n"
      "  option name \"Trans\\\"Tele\\\\Com\"\n"  // "Trans\"Tele\\Com"
      "  list match vlan\\ 101\n"                 // unquoted, escaped space
      "  list match \"vlan 102\"\n"
      "  list match 'vlan 103'\n"
      "  list match 'vlan '\"104\"\n"  // pieces concatenate
      "  list match vl'an 1'05\n");
  STRCMP_EQUAL("Trans\"Tele\\Com", c.upstreams[0].name.c_str());
  LONGS_EQUAL(5, c.upstreams[0].match.size());
  for (size_t i = 0; i < 5; ++i) UNSIGNED_LONGS_EQUAL(101 + i, c.upstreams[0].match[i].vlan);
}

TEST(ConfigValid, SingleQuotesKeepBackslashes) {
  const Config c = mustParse("config upstream 'a'\n option name 'x\\y'\n list match 'vlan 1'\n");
  STRCMP_EQUAL("x\\y", c.upstreams[0].name.c_str());
}

TEST(ConfigValid, BackslashTakesNextCharacterLiterally) {
  // As libuci reads it: no C escapes, "\n" is an 'n'.
  const Config c = mustParse("config upstream 'a'\n option name \"a\\nb\"\n list match 'vlan 1'\n");
  STRCMP_EQUAL("anb", c.upstreams[0].name.c_str());
}

TEST(ConfigValid, QuotedSpecialCharacters) {
  const Config c = mustParse("config upstream 'a'\n option name 'x # y; z'\n list match 'vlan 1'\n");
  STRCMP_EQUAL("x # y; z", c.upstreams[0].name.c_str());
}

TEST(ConfigValid, CommentsAndBlankLines) {
  const Config c = mustParse(
      "# edgeflow\n"
      "\n"
      "config agent   # the agent\n"
      "\toption id border-2#trailing comment\n"
      "   # indented comment\n"
      "\t\n"
      "\toption max_flows 1024 # flows\n");
  STRCMP_EQUAL("border-2", c.agent.id.c_str());
  UNSIGNED_LONGS_EQUAL(1024, c.agent.max_flows);
}

TEST(ConfigValid, CrlfLineEnds) {
  const Config c = mustParse(
      "config agent\r\n"
      "\toption id 'crlf'\r\n"
      "\r\n"
      "config upstream 'a'\r\n"
      "\tlist match 'vlan 7'\r\n");
  STRCMP_EQUAL("crlf", c.agent.id.c_str());
  UNSIGNED_LONGS_EQUAL(7, c.upstreams[0].match[0].vlan);
}

TEST(ConfigValid, NoFinalNewline) {
  const Config c = mustParse("config agent\n\toption id 'x'");
  STRCMP_EQUAL("x", c.agent.id.c_str());
}

TEST(ConfigValid, SemicolonSeparatesStatements) {
  const Config c = mustParse("config agent; option id x; option max_flows 32\n");
  STRCMP_EQUAL("x", c.agent.id.c_str());
  UNSIGNED_LONGS_EQUAL(32, c.agent.max_flows);
}

TEST(ConfigValid, BackslashJoinsLines) {
  const Config c = mustParse("config agent\n\toption \\\n id \"bor\\\nder\"\n\toption max_flows 64\n");
  STRCMP_EQUAL("border", c.agent.id.c_str());
  UNSIGNED_LONGS_EQUAL(64, c.agent.max_flows);
}

TEST(ConfigValid, PackageLineFromUciExport) {
  const Config c = mustParse("package edgeflow\n\nconfig agent\n\toption id 'x'\n");
  STRCMP_EQUAL("x", c.agent.id.c_str());
}

TEST(ConfigValid, AnonymousSections) {
  const Config c = mustParse(
      "config agent\n option id a\n"
      "config source\n option interface eth0\n"
      "config source ''\n option interface eth1\n"
      "config source 'wan'\n option interface eth2\n");
  STRCMP_EQUAL("a", c.agent.id.c_str());
  LONGS_EQUAL(3, c.sources.size());
  STRCMP_EQUAL("@source[0]", c.sources[0].id.c_str());
  STRCMP_EQUAL("@source[1]", c.sources[1].id.c_str());
  STRCMP_EQUAL("wan", c.sources[2].id.c_str());
  STRCMP_EQUAL("eth2", c.sources[2].interface.c_str());
  UNSIGNED_LONGS_EQUAL(1, c.sources[0].sample);
  STRCMP_EQUAL("pcap", c.sources[0].type.c_str());
}

TEST(ConfigValid, UpstreamOrderAndRulesPreserved) {
  const Config c = mustParse(
      "config upstream 'zeta'\n list match 'vlan 300'\n"
      "config upstream 'alpha'\n list match 'interface eth3'\n list match 'mac 02:00:5E:10:00:01'\n"
      "config upstream 'mid'\n list match 'vlan 5'\n option asn AS4837\n");
  LONGS_EQUAL(3, c.upstreams.size());
  STRCMP_EQUAL("zeta", c.upstreams[0].id.c_str());
  STRCMP_EQUAL("alpha", c.upstreams[1].id.c_str());
  STRCMP_EQUAL("mid", c.upstreams[2].id.c_str());
  STRCMP_EQUAL("zeta", c.upstreams[0].name.c_str());  // name defaults to the id
  UNSIGNED_LONGS_EQUAL(0, c.upstreams[0].asn);
  UNSIGNED_LONGS_EQUAL(4837, c.upstreams[2].asn);
  const auto& rules = c.upstreams[1].match;
  LONGS_EQUAL(2, rules.size());
  CHECK(rules[0].kind == MatchRule::Kind::Interface);
  STRCMP_EQUAL("eth3", rules[0].interface.c_str());
  CHECK(rules[1].kind == MatchRule::Kind::Mac);
  CHECK(rules[1].mac == *MacAddr::parse("02:00:5e:10:00:01"));
}

TEST(ConfigValid, AllAgentOptions) {
  const Config c = mustParse(
      "config agent 'main'\n"
      " option id 'r1.example'\n"
      " list local '175.45.176.0/22'\n"
      " list local '2001:db8:4500::/48'\n"
      " list local '192.0.2.1'\n"
      " option max_flows 16777216\n"
      " option idle_timeout 86400\n"
      " option active_timeout 604800\n"
      " option listen '[::1]:65535'\n");
  LONGS_EQUAL(3, c.agent.local.size());
  STRCMP_EQUAL("2001:db8:4500::/48", c.agent.local[1].toString().c_str());
  STRCMP_EQUAL("192.0.2.1/32", c.agent.local[2].toString().c_str());
  UNSIGNED_LONGS_EQUAL(16777216, c.agent.max_flows);
  UNSIGNED_LONGS_EQUAL(86400, c.agent.idle_timeout);
  UNSIGNED_LONGS_EQUAL(604800, c.agent.active_timeout);
  CHECK(c.agent.listen_addr.family == IpFamily::V6);
  STRCMP_EQUAL("::1", c.agent.listen_addr.toString().c_str());
  UNSIGNED_LONGS_EQUAL(65535, c.agent.listen_port);
}

TEST(ConfigValid, RangeEdgesAccepted) {
  STRCMP_EQUAL(
      "OK", errorOf("config agent\n option max_flows 16\n option idle_timeout 1\n option active_timeout 1\n").c_str());
  STRCMP_EQUAL("OK", errorOf("config source\n option sample 1000000\n").c_str());
  STRCMP_EQUAL("OK", errorOf("config upstream u\n option asn 4294967295\n list match 'vlan 4094'\n").c_str());
  STRCMP_EQUAL("OK", errorOf("config upstream u\n option asn as1\n list match 'vlan 1'\n").c_str());
  STRCMP_EQUAL("OK", errorOf("config agent\n option listen 10.0.0.1:1\n").c_str());
  STRCMP_EQUAL("OK", errorOf("config agent\n option idle_timeout 60\n option active_timeout 60\n").c_str());
}

TEST(ConfigValid, UpstreamNamesMayHaveSpacesAndUtf8) {
  const Config c = mustParse("config upstream 'cu'\n option name 'China Unicom Ω'\n list match 'vlan 102'\n");
  STRCMP_EQUAL("China Unicom Ω", c.upstreams[0].name.c_str());
}

TEST(ConfigValid, MatchRuleBlanksAreFlexible) {
  const Config c = mustParse("config upstream 'a'\n list match '  vlan\t 9 '\n list match 'mac 02-00-5e-10-00-02'\n");
  UNSIGNED_LONGS_EQUAL(9, c.upstreams[0].match[0].vlan);
  STRCMP_EQUAL("02:00:5e:10:00:02", c.upstreams[0].match[1].mac.toString().c_str());
}

TEST(ConfigValid, SectionNamesAllowedCharacters) {
  STRCMP_EQUAL("OK", errorOf("config upstream 'A_b_9'\n list match 'vlan 1'\n").c_str());
  STRCMP_EQUAL("OK", errorOf("config upstream '01234567890123456789012345678901'\n list match 'vlan 1'\n").c_str());
  // libuci (the uci command, LuCI) refuses '-' in section names; so do we.
  CHECK(errorOf("config upstream 'a-b'\n list match 'vlan 1'\n").find("section name must be") != std::string::npos);
}

TEST(ConfigValid, SameInterfaceForSourceAndRule) {
  const Config c = mustParse(
      "config source 'wan1'\n option interface 'eth1'\n"
      "config upstream 'a'\n list match 'interface eth1'\n"
      "config upstream 'b'\n list match 'interface eth2'\n");
  LONGS_EQUAL(2, c.upstreams.size());
}

TEST(ConfigValid, EnrichmentAndEndpointDefaults) {
  const Config c = mustParse("config agent\n");
  STRCMP_EQUAL("", c.agent.geo_db.c_str());
  STRCMP_EQUAL("", c.agent.asn_db.c_str());
  UNSIGNED_LONGS_EQUAL(32, c.agent.top_k);
  CHECK_TRUE(c.agent.dpi);
  UNSIGNED_LONGS_EQUAL(2048, c.agent.dpi_flows);
  UNSIGNED_LONGS_EQUAL(12, c.agent.dpi_packets);
  UNSIGNED_LONGS_EQUAL(10, c.agent.dpi_timeout);
  LONGS_EQUAL(0, c.agent.allow.size());
  UNSIGNED_LONGS_EQUAL(8, c.agent.http_max_clients);
  UNSIGNED_LONGS_EQUAL(10, c.agent.http_timeout);
  LONGS_EQUAL(0, c.collectors.size());
}

TEST(ConfigValid, EnrichmentAndEndpointOptions) {
  const Config c = mustParse(
      "config agent\n"
      " option geo_db '/usr/share/edgeflow/geo.mmdb'\n"
      " option asn_db 'asn db.mmdb'\n"
      " option top_k 1024\n"
      " option dpi off\n"
      " option dpi_flows 1048576\n"
      " option dpi_packets 255\n"
      " option dpi_timeout 3600\n"
      " list allow '10.0.0.0/8'\n"
      " list allow '2001:db8::/32'\n"
      " option http_max_clients 1024\n"
      " option http_timeout 1\n");
  STRCMP_EQUAL("/usr/share/edgeflow/geo.mmdb", c.agent.geo_db.c_str());
  STRCMP_EQUAL("asn db.mmdb", c.agent.asn_db.c_str());
  UNSIGNED_LONGS_EQUAL(1024, c.agent.top_k);
  CHECK_FALSE(c.agent.dpi);
  UNSIGNED_LONGS_EQUAL(1048576, c.agent.dpi_flows);
  UNSIGNED_LONGS_EQUAL(255, c.agent.dpi_packets);
  UNSIGNED_LONGS_EQUAL(3600, c.agent.dpi_timeout);
  LONGS_EQUAL(2, c.agent.allow.size());
  STRCMP_EQUAL("2001:db8::/32", c.agent.allow[1].toString().c_str());
  UNSIGNED_LONGS_EQUAL(1024, c.agent.http_max_clients);
  UNSIGNED_LONGS_EQUAL(1, c.agent.http_timeout);
}

TEST(ConfigValid, BooleanSpellings) {
  for (const char* yes : {"1", "yes", "on", "true", "enabled"}) {
    CHECK_TRUE(mustParse((std::string("config agent\n option dpi ") + yes + "\n").c_str()).agent.dpi);
  }
  for (const char* no : {"0", "no", "off", "false", "disabled"}) {
    CHECK_FALSE(mustParse((std::string("config agent\n option dpi ") + no + "\n").c_str()).agent.dpi);
  }
}

TEST(ConfigValid, Collectors) {
  const Config c = mustParse(
      "config collector 'noc'\n"
      " option address '192.0.2.10:9466'\n"
      " option mtu 576\n"
      " option interval 3600\n"
      "config collector\n"
      " option address '[2001:db8::10]:9466'\n");
  LONGS_EQUAL(2, c.collectors.size());
  STRCMP_EQUAL("noc", c.collectors[0].id.c_str());
  STRCMP_EQUAL("192.0.2.10", c.collectors[0].addr.toString().c_str());
  UNSIGNED_LONGS_EQUAL(9466, c.collectors[0].port);
  UNSIGNED_LONGS_EQUAL(576, c.collectors[0].mtu);
  UNSIGNED_LONGS_EQUAL(3600, c.collectors[0].interval);
  STRCMP_EQUAL("@collector[1]", c.collectors[1].id.c_str());
  CHECK(c.collectors[1].addr.family == IpFamily::V6);
  UNSIGNED_LONGS_EQUAL(1400, c.collectors[1].mtu);
  UNSIGNED_LONGS_EQUAL(10, c.collectors[1].interval);
}
