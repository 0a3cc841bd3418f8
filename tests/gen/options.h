// Command-line options of edgeflow-gen, parsed once into typed values.
//
// Fractions (`--ipv6-share 0.2`) are parsed as decimal text into parts per
// million, never through floating point, so they are exact and print back
// exactly as given.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace edgeflow::gen {

enum class SizeDist : uint8_t { Fixed, Uniform, Pareto };

struct Options {
  std::string out;        // --out: capture file ("" = none)
  std::string truth;      // --truth: JSON sidecar ("" = none)
  std::string config;     // --config: UCI config ("" = none)
  std::string frame_log;  // --frame-log: per-frame truth, tab-separated ("" = none)
  std::string geo_csv;    // --geo-csv: country ranges of the remote networks ("" = none)
  std::string asn_csv;    // --asn-csv: AS ranges of the remote networks ("" = none)
  bool pcapng = false;

  uint64_t seed = 1;
  uint64_t packets = 100000;  // frames, excluding --syn-flood
  uint64_t flows = 0;         // legit flows; 0 = packets / 20
  SizeDist size_dist = SizeDist::Pareto;
  uint64_t rate = 20000;  // average frames per second

  uint32_t ipv6_ppm = 200000;
  uint32_t qinq_ppm = 0;
  uint32_t mpls_ppm = 0;
  uint32_t pppoe_ppm = 0;
  uint32_t fragment_ppm = 0;
  uint32_t non_ip_ppm = 0;
  uint32_t malformed_ppm = 0;

  bool other_buckets = false;
  bool mac_upstream = false;
  uint64_t syn_flood = 0;
  uint32_t snaplen = 0;            // 0 = frames are captured whole
  uint32_t table_size = 0;         // 0 = derived from min_table_for_exact_flows
  uint32_t top_k = 0;              // 0 = derived from the breakdowns' distinct values
  uint32_t unlisted_ppm = 100000;  // remote hosts outside every listed network
  uint32_t distinct_asns = 0;      // > 0: each flow's remote end in its own network and AS

  std::vector<uint32_t> shares{60, 40};  // byte-share weights of ttk, cu

  // The flow count actually used (resolves the 0 default).
  uint64_t flowCount() const { return flows != 0 ? flows : (packets >= 40 ? packets / 20 : 1); }
};

// Parses argv. On failure returns false with a one-line message in `error`.
// `--help` sets `help` and returns true.
bool parseOptions(int argc, char** argv, Options& out, bool& help, std::string& error);

const char* usageText();

// 200000 -> "0.2", 1000000 -> "1", 0 -> "0".
std::string formatPpm(uint32_t ppm);

const char* sizeDistName(SizeDist d);

}  // namespace edgeflow::gen
