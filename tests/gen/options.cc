#include "tests/gen/options.h"

#include <cstring>

namespace edgeflow::gen {
namespace {

bool parseUint(const char* text, uint64_t max, uint64_t& out) {
  if (text == nullptr || *text == '\0') return false;
  uint64_t value = 0;
  for (const char* p = text; *p != '\0'; ++p) {
    if (*p < '0' || *p > '9') return false;
    const uint64_t digit = static_cast<uint64_t>(*p - '0');
    if (value > (max - digit) / 10) return false;
    value = value * 10 + digit;
  }
  out = value;
  return true;
}

// "0.25" -> 250000. At most six decimals; the value must lie in [0, 1].
bool parsePpm(const char* text, uint32_t& out) {
  if (text == nullptr || *text == '\0') return false;
  uint64_t whole = 0;
  uint64_t frac = 0;
  int frac_digits = 0;
  const char* p = text;
  for (; *p >= '0' && *p <= '9'; ++p) {
    whole = whole * 10 + static_cast<uint64_t>(*p - '0');
    if (whole > 1) return false;
  }
  if (*p == '.') {
    ++p;
    for (; *p >= '0' && *p <= '9'; ++p) {
      if (++frac_digits > 6) return false;
      frac = frac * 10 + static_cast<uint64_t>(*p - '0');
    }
  }
  if (*p != '\0' || p == text) return false;
  for (int i = frac_digits; i < 6; ++i) frac *= 10;
  const uint64_t ppm = whole * 1000000 + frac;
  if (ppm > 1000000) return false;
  out = static_cast<uint32_t>(ppm);
  return true;
}

bool parseShares(const char* text, std::vector<uint32_t>& out) {
  std::vector<uint32_t> shares;
  std::string item;
  for (const char* p = text;; ++p) {
    if (*p == ',' || *p == '\0') {
      uint64_t v = 0;
      if (!parseUint(item.c_str(), 1000000, v)) return false;
      shares.push_back(static_cast<uint32_t>(v));
      item.clear();
      if (*p == '\0') break;
    } else {
      item.push_back(*p);
    }
  }
  if (shares.size() != 2) return false;
  if (shares[0] + shares[1] == 0) return false;
  out = shares;
  return true;
}

}  // namespace

const char* usageText() {
  return "usage: edgeflow-gen [options]\n"
         "  --out FILE           capture to write (classic pcap, us timestamps)\n"
         "  --pcapng             write pcapng instead of classic pcap\n"
         "  --truth FILE         exact expected counters (JSON)\n"
         "  --config FILE        UCI config of the scenario for edgeflowd\n"
         "  --frame-log FILE     the truth frame by frame (tab-separated)\n"
         "  --seed N             PRNG seed (default 1)\n"
         "  --packets N          frames, not counting --syn-flood (default 100000)\n"
         "  --flows N            legit flows (default packets/20)\n"
         "  --size-dist D        packets per flow: fixed|uniform|pareto (default pareto)\n"
         "  --rate PPS           average frames per second (default 20000)\n"
         "  --shares A,B         byte-share weights of ttk,cu (default 60,40)\n"
         "  --ipv6-share F       fraction of flows over IPv6 (default 0.2)\n"
         "  --qinq-share F       fraction of flows with an outer S-tag\n"
         "  --mpls-share F       fraction of flows carried over MPLS\n"
         "  --pppoe-share F      fraction of flows inside PPPoE sessions\n"
         "  --fragment-share F   fraction of UDP flows sending fragmented datagrams\n"
         "  --non-ip-share F     fraction of frames that carry no IP\n"
         "  --malformed-share F  fraction of frames the decoder must reject\n"
         "  --other-buckets      add internal, transit and unknown-upstream traffic\n"
         "  --mac-upstream       add upstream 'ix' matched by its peer MAC\n"
         "  --syn-flood N        N extra spoofed single-SYN inbound flows\n"
         "  --snaplen N          capture at most N bytes of each frame\n"
         "  --table-size N       max_flows written to the config\n"
         "  --top-k N            top_k written to the config (default: enough for\n"
         "                       every row when that is at most 1024)\n"
         "  --unlisted-share F   fraction of remote hosts outside every listed network\n"
         "                       (default 0.1)\n"
         "  --distinct-asns N    each flow's remote end in its own network and AS\n"
         "                       (synthetic, N up to 200000)\n"
         "  --geo-csv FILE       country CSV (start,end,country) of the remote networks\n"
         "  --asn-csv FILE       ASN CSV (start,end,asn,org) of the remote networks\n";
}

std::string formatPpm(uint32_t ppm) {
  std::string s = std::to_string(ppm / 1000000);
  uint32_t frac = ppm % 1000000;
  if (frac == 0) return s;
  std::string digits = std::to_string(frac);
  digits.insert(0, 6 - digits.size(), '0');
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  return s + "." + digits;
}

const char* sizeDistName(SizeDist d) {
  switch (d) {
    case SizeDist::Fixed:
      return "fixed";
    case SizeDist::Uniform:
      return "uniform";
    case SizeDist::Pareto:
      return "pareto";
  }
  return "?";
}

bool parseOptions(int argc, char** argv, Options& o, bool& help, std::string& error) {
  help = false;
  constexpr uint64_t kMaxFrames = 50000000;  // keeps the in-memory schedule under ~1 GB
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    auto flag = [&](const char* n) { return name == n; };
    if (flag("--help") || flag("-h")) {
      help = true;
      return true;
    }
    if (flag("--pcapng")) {
      o.pcapng = true;
      continue;
    }
    if (flag("--other-buckets")) {
      o.other_buckets = true;
      continue;
    }
    if (flag("--mac-upstream")) {
      o.mac_upstream = true;
      continue;
    }

    if (i + 1 >= argc) {
      error = "missing value for " + name;
      return false;
    }
    const char* value = argv[++i];
    bool ok = true;
    uint64_t n = 0;
    if (flag("--out"))
      o.out = value;
    else if (flag("--truth"))
      o.truth = value;
    else if (flag("--config"))
      o.config = value;
    else if (flag("--frame-log"))
      o.frame_log = value;
    else if (flag("--geo-csv"))
      o.geo_csv = value;
    else if (flag("--asn-csv"))
      o.asn_csv = value;
    else if (flag("--seed"))
      ok = parseUint(value, UINT64_MAX, o.seed);
    else if (flag("--packets"))
      ok = parseUint(value, kMaxFrames, o.packets) && o.packets > 0;
    else if (flag("--flows"))
      ok = parseUint(value, kMaxFrames, o.flows) && o.flows > 0;
    else if (flag("--rate"))
      ok = parseUint(value, 100000000, o.rate) && o.rate > 0;
    else if (flag("--syn-flood"))
      ok = parseUint(value, kMaxFrames, o.syn_flood);
    else if (flag("--snaplen")) {
      ok = parseUint(value, 262144, n) && n > 0;
      o.snaplen = static_cast<uint32_t>(n);
    } else if (flag("--table-size")) {
      ok = parseUint(value, 0xffffffffu, n) && n > 0;
      o.table_size = static_cast<uint32_t>(n);
    } else if (flag("--top-k")) {
      ok = parseUint(value, 1024, n) && n > 0;
      o.top_k = static_cast<uint32_t>(n);
    } else if (flag("--distinct-asns")) {
      ok = parseUint(value, 200000, n) && n > 0;
      o.distinct_asns = static_cast<uint32_t>(n);
    } else if (flag("--unlisted-share")) {
      ok = parsePpm(value, o.unlisted_ppm);
    } else if (flag("--size-dist")) {
      const std::string v = value;
      if (v == "fixed")
        o.size_dist = SizeDist::Fixed;
      else if (v == "uniform")
        o.size_dist = SizeDist::Uniform;
      else if (v == "pareto")
        o.size_dist = SizeDist::Pareto;
      else
        ok = false;
    } else if (flag("--shares"))
      ok = parseShares(value, o.shares);
    else if (flag("--ipv6-share"))
      ok = parsePpm(value, o.ipv6_ppm);
    else if (flag("--qinq-share"))
      ok = parsePpm(value, o.qinq_ppm);
    else if (flag("--mpls-share"))
      ok = parsePpm(value, o.mpls_ppm);
    else if (flag("--pppoe-share"))
      ok = parsePpm(value, o.pppoe_ppm);
    else if (flag("--fragment-share"))
      ok = parsePpm(value, o.fragment_ppm);
    else if (flag("--non-ip-share"))
      ok = parsePpm(value, o.non_ip_ppm);
    else if (flag("--malformed-share"))
      ok = parsePpm(value, o.malformed_ppm);
    else {
      error = "unknown option " + name;
      return false;
    }
    if (!ok) {
      error = "bad value for " + name + ": '" + value + "'";
      return false;
    }
  }
  if (uint64_t{o.qinq_ppm} + o.mpls_ppm + o.pppoe_ppm > 1000000) {
    error = "--qinq-share + --mpls-share + --pppoe-share must not exceed 1";
    return false;
  }
  if (uint64_t{o.non_ip_ppm} + o.malformed_ppm >= 1000000) {
    error = "--non-ip-share + --malformed-share must leave room for IP frames";
    return false;
  }
  if (o.packets + o.syn_flood > kMaxFrames) {
    error = "--packets + --syn-flood must not exceed 50000000";
    return false;
  }
  return true;
}

}  // namespace edgeflow::gen
