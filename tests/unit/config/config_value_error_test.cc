// Semantic errors: sections, options and values. Each message names the
// file, the line, the option and the value.
#include <CppUTest/TestHarness.h>

#include <cstdio>
#include <string>

#include "tests/unit/config/config_test_util.h"

using edgeflow::config::testing::errorOf;

namespace {

std::string agentError(const char* option_lines) {
  return errorOf(std::string("config agent 'main'\n") + option_lines);
}

std::string upstreamError(const char* option_lines) {
  return errorOf(std::string("config upstream 'ttk'\n") + option_lines);
}

}  // namespace

TEST_GROUP(ConfigSectionError){};

TEST(ConfigSectionError, UnknownSectionType) {
  STRCMP_EQUAL("edgeflow.conf:3: config exporter: unknown section type (known: agent, source, upstream, collector)",
               errorOf("config agent\n\nconfig exporter 'c1'\n").c_str());
}

TEST(ConfigSectionError, BadSectionName) {
  STRCMP_EQUAL(
      "edgeflow.conf:1: config upstream 'china unicom': a section name must be 1 to 32 of the characters "
      "A-Z a-z 0-9 _",
      errorOf("config upstream 'china unicom'\n").c_str());
  STRCMP_EQUAL(
      "edgeflow.conf:1: config source '012345678901234567890123456789012': a section name must be 1 to 32 of the "
      "characters A-Z a-z 0-9 _",
      errorOf("config source '012345678901234567890123456789012'\n").c_str());
}

TEST(ConfigSectionError, AnonymousUpstream) {
  STRCMP_EQUAL(
      "edgeflow.conf:2: config upstream: needs a name, e.g. config upstream 'ttk' (the name labels it in every "
      "export)",
      errorOf("\nconfig upstream\n\tlist match 'vlan 101'\n").c_str());
}

TEST(ConfigSectionError, DuplicateUpstreamId) {
  STRCMP_EQUAL("edgeflow.conf:5: config upstream 'ttk': the name is already used by the section at line 1",
               errorOf("config upstream 'ttk'\n list match 'vlan 1'\n\n\n"
                       "config upstream 'ttk'\n list match 'vlan 2'\n")
                   .c_str());
}

TEST(ConfigSectionError, DuplicateNameAcrossTypes) {
  STRCMP_EQUAL("edgeflow.conf:2: config upstream 'wan': the name is already used by the section at line 1",
               errorOf("config source 'wan'\nconfig upstream 'wan'\n list match 'vlan 2'\n").c_str());
}

TEST(ConfigSectionError, SecondAgentSection) {
  STRCMP_EQUAL("edgeflow.conf:3: config agent: only one agent section is allowed (the first is at line 1)",
               errorOf("config agent\n option id a\nconfig agent\n").c_str());
}

TEST(ConfigSectionError, UpstreamWithoutMatchNamesHeaderLine) {
  STRCMP_EQUAL(
      "edgeflow.conf:2: config upstream 'ttk': missing 'list match' (at least one rule, e.g. list match 'vlan "
      "101')",
      errorOf("\nconfig upstream 'ttk'\n\toption name 'TransTeleCom'\n\toption asn 20485\n\nconfig agent\n").c_str());
  // Also when the file ends inside the section.
  STRCMP_EQUAL(
      "edgeflow.conf:1: config upstream 'ttk': missing 'list match' (at least one rule, e.g. list match 'vlan "
      "101')",
      errorOf("config upstream 'ttk'\n\toption asn 20485\n").c_str());
}

TEST(ConfigSectionError, TooManyUpstreams) {
  std::string text;
  for (int i = 0; i <= 250; ++i) {
    text += "config upstream 'u" + std::to_string(i) + "'\n list match 'vlan " + std::to_string(i + 1) + "'\n";
  }
  STRCMP_EQUAL("edgeflow.conf:501: config upstream 'u250': at most 250 upstream sections are allowed",
               errorOf(text).c_str());
}

TEST_GROUP(ConfigOptionError){};

TEST(ConfigOptionError, UnknownOption) {
  STRCMP_EQUAL(
      "edgeflow.conf:2: option max_flow '100': unknown option in config agent (known: id, local, max_flows, "
      "idle_timeout, active_timeout, listen, allow, http_max_clients, http_timeout, geo_db, asn_db, top_k, dpi, "
      "dpi_flows, dpi_packets, dpi_timeout)",
      agentError("\toption max_flow '100'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option asn '1': unknown option in config source (known: type, interface, sample)",
               errorOf("config source\n option asn 1\n").c_str());
}

TEST(ConfigOptionError, ListForSingleValuedOption) {
  STRCMP_EQUAL("edgeflow.conf:2: list id 'x': id takes a single value: write 'option id'",
               agentError("\tlist id 'x'\n").c_str());
}

TEST(ConfigOptionError, OptionForList) {
  STRCMP_EQUAL("edgeflow.conf:2: option local '10.0.0.0/8': local is a list: write 'list local', once per value",
               agentError("\toption local '10.0.0.0/8'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option match 'vlan 1': match is a list: write 'list match', once per value",
               upstreamError("\toption match 'vlan 1'\n").c_str());
}

TEST(ConfigOptionError, OptionGivenTwice) {
  STRCMP_EQUAL("edgeflow.conf:4: option max_flows '2048': given twice in this section (first at line 2)",
               agentError("\toption max_flows 1024\n\toption id x\n\toption max_flows 2048\n").c_str());
}

TEST(ConfigOptionError, MaxFlowsRange) {
  STRCMP_EQUAL("edgeflow.conf:7: option max_flows '10': must be between 16 and 16777216",
               errorOf("# edgeflow\n\nconfig agent 'main'\n\toption id 'border-1'\n"
                       "\tlist local '175.45.176.0/22'\n\n\toption max_flows '10'\n")
                   .c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option max_flows '16777217': must be between 16 and 16777216",
               agentError("option max_flows 16777217\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option max_flows '64k': must be a whole number between 16 and 16777216",
               agentError("option max_flows 64k\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option max_flows '-1': must be a whole number between 16 and 16777216",
               agentError("option max_flows -1\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option max_flows '99999999999999999999999': must be between 16 and 16777216",
               agentError("option max_flows 99999999999999999999999\n").c_str());
}

TEST(ConfigOptionError, AgentId) {
  STRCMP_EQUAL("edgeflow.conf:2: option id 'border 1': must be 1 to 64 printable characters without spaces",
               agentError("option id 'border 1'\n").c_str());
  STRCMP_EQUAL(
      "edgeflow.conf:2: option id '0123456789012345678901234567890123456789012345678901234567890123...': must be "
      "1 to 64 printable characters without spaces",
      agentError("option id 01234567890123456789012345678901234567890123456789012345678901234\n").c_str());
}

TEST(ConfigOptionError, LocalPrefix) {
  STRCMP_EQUAL(
      "edgeflow.conf:2: list local '175.45.176.1/22': host bits are set beyond /22 (did you mean "
      "'175.45.176.0/22'?)",
      agentError("list local '175.45.176.1/22'\n").c_str());
  STRCMP_EQUAL(
      "edgeflow.conf:2: list local '2001:db8:4500::1/48': host bits are set beyond /48 (did you mean "
      "'2001:db8:4500::/48'?)",
      agentError("list local '2001:db8:4500::1/48'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: list local '10.0.0.0/33': prefix length must be between 0 and 32",
               agentError("list local '10.0.0.0/33'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: list local '10.0.0.0/': prefix length must be between 0 and 32",
               agentError("list local '10.0.0.0/'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: list local 'lan': must be an IPv4 or IPv6 prefix, e.g. 192.0.2.0/24 or 2001:db8::/32",
               agentError("list local 'lan'\n").c_str());
}

TEST(ConfigOptionError, Timeouts) {
  STRCMP_EQUAL("edgeflow.conf:2: option idle_timeout '0': must be between 1 and 86400",
               agentError("option idle_timeout 0\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option active_timeout '604801': must be between 1 and 604800",
               agentError("option active_timeout 604801\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:3: option active_timeout '30': must be at least idle_timeout (60)",
               agentError("option idle_timeout 60\noption active_timeout 30\noption id x\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option active_timeout '10': must be at least idle_timeout (15)",
               agentError("option active_timeout 10\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option idle_timeout '3600': must not exceed active_timeout (1800, the default)",
               agentError("option idle_timeout 3600\n").c_str());
}

TEST(ConfigOptionError, Listen) {
  STRCMP_EQUAL(
      "edgeflow.conf:2: option listen '9465': must be IPv4:port or [IPv6]:port, e.g. 0.0.0.0:9465 or [::]:9465",
      agentError("option listen 9465\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option listen '0.0.0.0:0': port must be between 1 and 65535",
               agentError("option listen 0.0.0.0:0\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option listen '0.0.0.0:65536': port must be between 1 and 65535",
               agentError("option listen 0.0.0.0:65536\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option listen '::1:9465': an IPv6 address needs brackets: [IPv6]:port",
               agentError("option listen ::1:9465\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option listen '[10.0.0.1]:80': '10.0.0.1' is not an IPv6 address",
               agentError("option listen [10.0.0.1]:80\n").c_str());
  STRCMP_EQUAL(
      "edgeflow.conf:2: option listen 'localhost:9465': 'localhost' is not an IPv4 address (host names are not "
      "resolved)",
      agentError("option listen localhost:9465\n").c_str());
}

TEST(ConfigOptionError, SourceType) {
  STRCMP_EQUAL("edgeflow.conf:2: option type 'netflow': not supported yet (only 'pcap' for now)",
               errorOf("config source 'r1'\n\toption type 'netflow'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option type 'afpacket': unknown source type (known: pcap)",
               errorOf("config source\n\toption type 'afpacket'\n").c_str());
}

TEST(ConfigOptionError, SourceInterfaceAndSample) {
  STRCMP_EQUAL(
      "edgeflow.conf:2: option interface 'verylonginterface0': must be an interface name: 1 to 15 characters, no "
      "'/', ':' or spaces",
      errorOf("config source\n option interface verylonginterface0\n").c_str());
  STRCMP_EQUAL(
      "edgeflow.conf:2: option interface 'eth0:1': must be an interface name: 1 to 15 characters, no '/', ':' or "
      "spaces",
      errorOf("config source\n option interface eth0:1\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option sample '0': must be between 1 and 1000000",
               errorOf("config source\n option sample 0\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option sample '1000001': must be between 1 and 1000000",
               errorOf("config source\n option sample 1000001\n").c_str());
}

TEST(ConfigOptionError, UpstreamNameAndAsn) {
  STRCMP_EQUAL("edgeflow.conf:2: option name 'a\tb': must be 1 to 64 characters, no tabs or control characters",
               upstreamError("option name 'a\tb'\n").c_str());
  STRCMP_EQUAL(
      "edgeflow.conf:2: option asn '0': must be between 1 and 4294967295 (plain or AS-prefixed, e.g. 20485 or "
      "AS20485)",
      upstreamError("option asn 0\n").c_str());
  STRCMP_EQUAL(
      "edgeflow.conf:2: option asn '4294967296': must be between 1 and 4294967295 (plain or AS-prefixed, e.g. 20485 "
      "or AS20485)",
      upstreamError("option asn 4294967296\n").c_str());
  STRCMP_EQUAL(
      "edgeflow.conf:2: option asn 'ASN20485': must be a whole number between 1 and 4294967295 (plain or "
      "AS-prefixed, e.g. 20485 or AS20485)",
      upstreamError("option asn ASN20485\n").c_str());
}

TEST_GROUP(ConfigMatchError){};

TEST(ConfigMatchError, UnknownKind) {
  STRCMP_EQUAL("edgeflow.conf:2: list match 'vrf 5': unknown match kind 'vrf' (known: vlan, interface, mac)",
               upstreamError("list match 'vrf 5'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: list match ' ': expected 'vlan N', 'interface NAME' or 'mac XX:XX:XX:XX:XX:XX'",
               upstreamError("list match ' '\n").c_str());
}

TEST(ConfigMatchError, FlowModeKindNotSupportedYet) {
  STRCMP_EQUAL(
      "edgeflow.conf:2: list match 'ifindex 3': 'ifindex' rules need a NetFlow/IPFIX source, which is not "
      "supported yet",
      upstreamError("list match 'ifindex 3'\n").c_str());
}

TEST(ConfigMatchError, BadValues) {
  STRCMP_EQUAL("edgeflow.conf:2: list match 'vlan 4095': vlan must be between 1 and 4094",
               upstreamError("list match 'vlan 4095'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: list match 'vlan 0': vlan must be between 1 and 4094",
               upstreamError("list match 'vlan 0'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: list match 'vlan x': vlan must be a whole number between 1 and 4094",
               upstreamError("list match 'vlan x'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: list match 'mac 02:00:5e:10:00': mac must be six hex pairs, e.g. 02:00:5e:10:00:01",
               upstreamError("list match 'mac 02:00:5e:10:00'\n").c_str());
  STRCMP_EQUAL(
      "edgeflow.conf:2: list match 'interface a/b': interface must be an interface name: 1 to 15 characters, no "
      "'/', ':' or spaces",
      upstreamError("list match 'interface a/b'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: list match 'vlan': missing value after 'vlan', e.g. 'vlan 101'",
               upstreamError("list match 'vlan'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: list match 'vlan 101 102': unexpected '102' after the value",
               upstreamError("list match 'vlan 101 102'\n").c_str());
}

TEST(ConfigMatchError, SameRuleInTwoUpstreams) {
  const char* text =
      "config upstream 'ttk'\n"
      "\tlist match 'vlan 101'\n"
      "\tlist match 'mac 02:00:5e:10:00:01'\n"
      "\tlist match 'interface eth1'\n"
      "\n"
      "config upstream 'cu'\n"
      "\tlist match 'vlan 102'\n"
      "\t%s\n";
  auto with = [&](const char* rule) {
    char buf[512];
    std::snprintf(buf, sizeof buf, text, rule);
    return errorOf(buf);
  };
  STRCMP_EQUAL(
      "edgeflow.conf:8: list match 'vlan 101': already used by upstream 'ttk' at line 2; a rule may belong to one "
      "upstream only",
      with("list match 'vlan 101'").c_str());
  // MACs compare by value, whatever the case or separator.
  STRCMP_EQUAL(
      "edgeflow.conf:8: list match 'mac 02-00-5E-10-00-01': already used by upstream 'ttk' at line 3; a rule may "
      "belong to one upstream only",
      with("list match 'mac 02-00-5E-10-00-01'").c_str());
  STRCMP_EQUAL(
      "edgeflow.conf:8: list match 'interface eth1': already used by upstream 'ttk' at line 4; a rule may belong to "
      "one upstream only",
      with("list match 'interface eth1'").c_str());
}

TEST(ConfigMatchError, SameRuleTwiceInOneUpstream) {
  STRCMP_EQUAL(
      "edgeflow.conf:3: list match 'vlan 0101': already used by upstream 'ttk' at line 2; a rule may belong to one "
      "upstream only",
      upstreamError("list match 'vlan 101'\nlist match 'vlan 0101'\n").c_str());
}

TEST(ConfigOptionError, EnrichmentOptions) {
  STRCMP_EQUAL("edgeflow.conf:2: option top_k '0': must be between 1 and 1024", agentError("option top_k 0\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option top_k '1025': must be between 1 and 1024",
               agentError("option top_k 1025\n").c_str());
  STRCMP_EQUAL(
      "edgeflow.conf:2: option dpi 'maybe': must be a boolean: 1/0, yes/no, on/off, true/false or enabled/disabled",
      agentError("option dpi maybe\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option dpi_flows '0': must be between 1 and 1048576",
               agentError("option dpi_flows 0\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option dpi_packets '256': must be between 1 and 255",
               agentError("option dpi_packets 256\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option dpi_timeout '0': must be between 1 and 3600",
               agentError("option dpi_timeout 0\n").c_str());
  const std::string long_path(256, 'a');
  STRCMP_EQUAL(("edgeflow.conf:2: option geo_db '" + long_path.substr(0, 64) +
                "...': must be a file path of 1 to 255 characters")
                   .c_str(),
               agentError(("option geo_db " + long_path + "\n").c_str()).c_str());
}

TEST(ConfigOptionError, EndpointOptions) {
  STRCMP_EQUAL("edgeflow.conf:2: list allow '10.0.0.1/8': host bits are set beyond /8 (did you mean '10.0.0.0/8'?)",
               agentError("list allow '10.0.0.1/8'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option allow '10.0.0.0/8': allow is a list: write 'list allow', once per value",
               agentError("option allow '10.0.0.0/8'\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option http_max_clients '0': must be between 1 and 1024",
               agentError("option http_max_clients 0\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option http_timeout '301': must be between 1 and 300",
               agentError("option http_timeout 301\n").c_str());
}

TEST(ConfigOptionError, Collector) {
  STRCMP_EQUAL("edgeflow.conf:1: config collector: missing 'option address' (e.g. option address '192.0.2.10:9466')",
               errorOf("config collector\n option mtu 1400\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option address '192.0.2.10': must be IPv4:port or [IPv6]:port, e.g. 0.0.0.0:9465 or "
               "[::]:9465",
               errorOf("config collector\n option address 192.0.2.10\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:3: option mtu '575': must be between 576 and 9000",
               errorOf("config collector\n option address 192.0.2.10:9466\n option mtu 575\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:3: option interval '0': must be between 1 and 3600",
               errorOf("config collector\n option address 192.0.2.10:9466\n option interval 0\n").c_str());
}
