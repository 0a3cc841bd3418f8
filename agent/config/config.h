// The typed, validated configuration. Parsed once from UCI text
// (/etc/config/edgeflow); stages receive these values, never strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "agent/common/ip_addr.h"

namespace edgeflow::config {

// Upstreams one file may declare: counter rows are numbered in a byte.
constexpr size_t kMaxUpstreams = 250;

// One `list match '...'` rule of an upstream.
struct MatchRule {
  enum class Kind : uint8_t { Vlan, Interface, Mac };
  Kind kind = Kind::Vlan;
  uint16_t vlan = 0;       // Kind::Vlan: 1..4094
  std::string interface;   // Kind::Interface: capture interface name
  MacAddr mac;             // Kind::Mac: the peer router's MAC
};

// `config upstream 'ID'`
struct Upstream {
  std::string id;     // the section name: the stable label in every export
  std::string name;   // `option name`, human-readable; defaults to id
  uint32_t asn = 0;   // `option asn`, 0 when not given
  std::vector<MatchRule> match;  // `list match`, at least one
};

// `config source 'ID'`
struct Source {
  std::string id;             // the section name; "@source[N]" when anonymous (N counts sources from 0)
  std::string type = "pcap";  // `option type`: only 'pcap' for now
  std::string interface;      // `option interface`
  uint32_t sample = 1;        // `option sample`: 1 in N packets (1 = all)
};

// `config agent ['ID']` (at most one; none: all defaults)
struct Agent {
  std::string id = "edgeflow";            // `option id`
  std::vector<IpPrefix> local;            // `list local`: the network's own space
  uint32_t max_flows = 65536;             // `option max_flows`: flow table capacity
  uint32_t idle_timeout = 15;             // `option idle_timeout` (seconds)
  uint32_t active_timeout = 1800;         // `option active_timeout` (seconds)
  std::string listen = "127.0.0.1:9465";  // `option listen` as written (used by the export issue)
  IpAddr listen_addr = IpAddr::v4(0x7f000001u);  // `listen`, typed: the address...
  uint16_t listen_port = 9465;                   // ...and the port
};

struct Config {
  Agent agent;
  std::vector<Source> sources;
  std::vector<Upstream> upstreams;  // in file order: the first match wins
};

}  // namespace edgeflow::config
