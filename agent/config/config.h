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
  std::string listen = "127.0.0.1:9465";  // `option listen` as written
  IpAddr listen_addr = IpAddr::v4(0x7f000001u);  // `listen`, typed: the address...
  uint16_t listen_port = 9465;                   // ...and the port
  // `list allow`: client prefixes the HTTP endpoint answers. Empty: loopback
  // clients only (127.0.0.0/8 and ::1).
  std::vector<IpPrefix> allow;
  uint32_t http_max_clients = 8;     // `option http_max_clients`: concurrent connections
  uint32_t http_timeout = 10;        // `option http_timeout` (seconds): a client idle this long is dropped

  // Enrichment.
  std::string geo_db;                // `option geo_db`: MaxMind-format database path ("" = none)
  std::string asn_db;                // `option asn_db`: a second database (ASN), may be the same kind
  uint32_t top_k = 32;               // `option top_k`: breakdown rows per (upstream, direction, dimension)
  bool dpi = true;                   // `option dpi`: classify applications (when built with nDPI)
  uint32_t dpi_flows = 2048;         // `option dpi_flows`: flows classified at once (the nDPI state pool)
  uint32_t dpi_packets = 12;         // `option dpi_packets`: packets inspected before giving up
  uint32_t dpi_timeout = 10;         // `option dpi_timeout` (seconds): undecided longer than this: give up
};

// `config collector 'ID'`: a receiver of pushed reports (UDP datagrams).
struct Collector {
  std::string id;                    // the section name; "@collector[N]" when anonymous
  std::string address;               // `option address` as written, "IP:port" or "[IPv6]:port"
  IpAddr addr;                       // `address`, typed
  uint16_t port = 0;
  uint32_t mtu = 1400;               // `option mtu`: bytes of one datagram's IP packet at most
  uint32_t interval = 10;            // `option interval` (seconds) between pushes
};

struct Config {
  Agent agent;
  std::vector<Source> sources;
  std::vector<Upstream> upstreams;  // in file order: the first match wins
  std::vector<Collector> collectors;
};

}  // namespace edgeflow::config
