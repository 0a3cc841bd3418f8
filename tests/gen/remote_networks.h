// RemoteNetworks: where the remote ends of the capture live, with real
// facts (country, origin AS and its name) the enrichment tests check.
//
// Three kinds of remote space:
//  - listed networks: real prefixes of well-known networks with their real
//    country and origin AS (remote_networks.cc). They are written to the
//    country and ASN CSVs (--geo-csv, --asn-csv), from which a test builds
//    the agent's database;
//  - unlisted blocks: real address space the CSVs leave out, so the agent
//    must report "unknown" country and AS for it;
//  - with --distinct-asns N: N synthetic networks, each one IPv4 /32 and one
//    IPv6 /128 with its own private AS (4200000000 + i), for the test that
//    drives 100 000 distinct ASes through the agent's top-K.
// No range overlaps another or the scenario's local prefixes (checked when
// the table is built).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tests/gen/net.h"
#include "tests/gen/rng.h"
#include "tests/gen/scenario.h"

namespace edgeflow::gen {

// What a remote address is, as the truth looks it up.
struct RemoteFacts {
  const char* country = nullptr;  // ISO 3166 alpha-2; nullptr: unknown
  uint32_t asn = 0;               // 0: unknown
  // The name nDPI 4.2 gives this address space by its own IP lists
  // (nullptr: none); it becomes the application of some payloads there.
  const char* ndpi_owner = nullptr;
};

struct RemoteNetwork {
  Prefix prefix;  // the range written to the CSVs
  Prefix hosts;   // where hosts are drawn from (inside prefix); see remote_networks.cc
  const char* country;
  uint32_t asn;
  const char* org;
  const char* ndpi_owner;  // see RemoteFacts
  uint32_t server_weight;  // relative share of the remote servers drawn from it
  uint32_t host_weight;    // ... of remote clients (inbound connections, spoofed sources)
  bool residential;        // access network: home of BitTorrent peers
};

class RemoteNetworks {
 public:
  // `distinct` > 0 switches to that many synthetic networks.
  RemoteNetworks(const Scenario& scenario, uint32_t distinct);

  // Index of the listed (or synthetic) network holding `ip`, or -1.
  int64_t find(const Ip& ip) const;
  RemoteFacts facts(const Ip& ip) const;

  // A random address in network `index` (listed mode) of the family of v6.
  // Networks of the other family are never asked for.
  Ip hostIn(size_t index, Rng& rng) const;
  enum class Draw : uint8_t { Server, Host, Peer };
  // A listed network of family v6, drawn by its server or host weight, or
  // (Peer) uniformly among the residential ones.
  size_t drawNetwork(bool v6, Draw draw, Rng& rng) const;
  // An address in the unlisted blocks.
  Ip unlistedHost(bool v6, Rng& rng) const;
  // Synthetic network i's address of family v6.
  Ip syntheticHost(uint32_t i, bool v6) const;

  uint32_t distinct() const { return distinct_; }
  size_t size() const { return distinct_ != 0 ? distinct_ : listed_.size(); }

  // The country CSV (start,end,country) and the ASN CSV (start,end,asn,org)
  // of the networks whose index is set in `used` (all synthetic ones in
  // --distinct-asns mode): IPv4 ranges first, then IPv6, each ascending.
  std::string countryCsv(const std::vector<bool>& used) const;
  std::string asnCsv(const std::vector<bool>& used) const;

 private:
  template <typename Line>
  std::string csv(const std::vector<bool>& used, Line line) const;

  std::vector<RemoteNetwork> listed_;
  uint32_t distinct_ = 0;
};

// Text forms for the CSVs: dotted quad, and RFC 5952 IPv6.
std::string formatIp(const Ip& ip);
// The last address of a prefix.
Ip lastAddress(const Prefix& p);

}  // namespace edgeflow::gen
