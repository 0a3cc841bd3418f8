#include "tests/gen/remote_networks.h"

#include <cstdio>
#include <cstdlib>

namespace edgeflow::gen {
namespace {

Prefix v4Prefix(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint8_t len) {
  Prefix p;
  p.addr = ipv4(a, b, c, d);
  p.len = len;
  return p;
}

Prefix v6Prefix(uint64_t high, uint8_t len) {
  Prefix p;
  p.addr = ipv6(high, 0);
  p.len = len;
  return p;
}

// Real networks with their real country and origin AS, as public registry
// and routing data give them (organisation names as GeoLite2-ASN spells
// them). `ndpi_owner` is what nDPI 4.2's built-in IP lists call the space.
// Hosts are drawn from a part of each network (`hosts`, at most a /15)
// where every address was checked with ndpiReader (a DNS query to each one
// is labelled by the owner, or by nothing): nDPI's lists carve small
// islands out of some networks (Instagram and WhatsApp addresses inside
// Facebook's 157.240.0.0/16, Tor relays at hosters), and a host on one
// would carry a label the table does not know. ctest gen.ndpi_crosscheck
// checks the labels again on a whole capture.
// Weights: servers are mostly in content networks, remote clients mostly
// in access networks.
struct Row {
  Prefix prefix;
  Prefix hosts;
  const char* country;
  uint32_t asn;
  const char* org;
  const char* ndpi_owner;
  uint32_t server_weight;
  uint32_t host_weight;
  bool residential;
};

std::vector<RemoteNetwork> listedNetworks() {
  const Prefix same;  // hosts from the whole prefix
  const Row rows[] = {
      // IPv4
      {v4Prefix(8, 8, 8, 0, 24), same, "US", 15169, "GOOGLE", "Google", 3, 0, false},
      {v4Prefix(8, 8, 4, 0, 24), same, "US", 15169, "GOOGLE", "Google", 1, 0, false},
      {v4Prefix(142, 250, 0, 0, 15), same, "US", 15169, "GOOGLE", "Google", 20, 0, false},
      {v4Prefix(157, 240, 64, 0, 18), same, "US", 32934, "FACEBOOK", "Facebook", 12, 0, false},
      {v4Prefix(45, 57, 0, 0, 17), same, "US", 2906, "NETFLIX-ASN", "NetFlix", 8, 0, false},
      {v4Prefix(104, 16, 0, 0, 13), v4Prefix(104, 16, 0, 0, 15), "US", 13335, "CLOUDFLARENET",
       "Cloudflare", 12, 0, false},
      {v4Prefix(23, 32, 0, 0, 11), v4Prefix(23, 32, 0, 0, 16), "US", 16625, "AKAMAI-AS", nullptr,
       10, 0, false},
      {v4Prefix(77, 88, 0, 0, 18), same, "RU", 13238, "YANDEX LLC", nullptr, 6, 0, false},
      {v4Prefix(87, 250, 224, 0, 19), same, "RU", 13238, "YANDEX LLC", nullptr, 3, 0, false},
      {v4Prefix(88, 198, 0, 0, 16), v4Prefix(88, 198, 240, 0, 20), "DE", 24940,
       "Hetzner Online GmbH", nullptr, 5, 2, false},
      {v4Prefix(137, 74, 0, 0, 16), v4Prefix(137, 74, 0, 0, 18), "FR", 16276, "OVH SAS", nullptr, 4,
       1, false},
      {v4Prefix(85, 17, 0, 0, 16), v4Prefix(85, 17, 128, 0, 17), "NL", 60781,
       "LeaseWeb Netherlands B.V.", nullptr, 3, 1, false},
      {v4Prefix(133, 242, 0, 0, 16), same, "JP", 9371, "SAKURA Internet Inc.", nullptr, 2, 1,
       false},
      {v4Prefix(91, 0, 0, 0, 10), v4Prefix(91, 32, 0, 0, 16), "DE", 3320, "Deutsche Telekom AG",
       nullptr, 1, 10, true},
      {v4Prefix(202, 96, 128, 0, 18), same, "CN", 4134, "Chinanet", nullptr, 2, 8, true},
      // IPv6 (nDPI 4.2 has no IPv6 lists)
      {v6Prefix(0x2001486000000000ull, 32), same, "US", 15169, "GOOGLE", nullptr, 20, 0, false},
      {v6Prefix(0x2a03288000000000ull, 32), same, "IE", 32934, "FACEBOOK", nullptr, 10, 0, false},
      {v6Prefix(0x2606470000000000ull, 32), same, "US", 13335, "CLOUDFLARENET", nullptr, 10, 0,
       false},
      {v6Prefix(0x2a0206b800000000ull, 32), same, "RU", 13238, "YANDEX LLC", nullptr, 6, 0, false},
      {v6Prefix(0x2a0104f800000000ull, 32), same, "DE", 24940, "Hetzner Online GmbH", nullptr, 4, 2,
       false},
      {v6Prefix(0x200141d000000000ull, 32), same, "FR", 16276, "OVH SAS", nullptr, 3, 1, false},
      {v6Prefix(0x2003000000000000ull, 19), same, "DE", 3320, "Deutsche Telekom AG", nullptr, 1, 10,
       true},
      {v6Prefix(0x240e000000000000ull, 20), same, "CN", 4134, "Chinanet", nullptr, 2, 8, true},
  };
  std::vector<RemoteNetwork> out;
  for (const Row& r : rows) {
    const Prefix hosts = r.hosts.len != 0 ? r.hosts : r.prefix;
    out.push_back({r.prefix, hosts, r.country, r.asn, r.org, r.ndpi_owner, r.server_weight,
                   r.host_weight, r.residential});
  }
  return out;
}

// Real, routed space the CSVs leave out (LACNIC and AFRINIC blocks, every
// address checked as above): remote ends here have no country or AS.
const Prefix kUnlisted[] = {
    v4Prefix(177, 10, 0, 0, 16),         v4Prefix(186, 20, 0, 0, 16),
    v4Prefix(41, 60, 0, 0, 16),          v6Prefix(0x2800000000000000ull, 12),
    v6Prefix(0x2c0f000000000000ull, 16),
};

// --distinct-asns: network i is 45.68.0.0 + i (/32) and 2a10:c000::i
// (/128), space that nDPI 4.2's lists do not name.
constexpr uint32_t kSyntheticV4 = 0x2d440000u;  // 45.68.0.0/14
constexpr uint64_t kSyntheticV6High = 0x2a10c00000000000ull;
constexpr uint32_t kSyntheticAsnBase = 4200000000u;  // RFC 6996 private 32-bit ASNs
const char* const kSyntheticCountries[] = {"US", "DE", "RU", "CN", "JP",
                                           "NL", "FR", "GB", "BR", "IN"};

Prefix syntheticBlock(bool v6) {
  return v6 ? v6Prefix(kSyntheticV6High, 96) : v4Prefix(45, 68, 0, 0, 14);
}

bool overlaps(const Prefix& a, const Prefix& b) {
  if (a.addr.v6 != b.addr.v6) return false;
  return a.len <= b.len ? a.contains(b.addr) : b.contains(a.addr);
}

uint32_t v4Value(const Ip& ip) {
  return (uint32_t{ip.b[0]} << 24) | (uint32_t{ip.b[1]} << 16) | (uint32_t{ip.b[2]} << 8) | ip.b[3];
}

// Random host bits below the prefix; IPv4 hosts avoid .0 and .255.
Ip randomIn(const Prefix& p, Rng& rng) {
  for (;;) {
    Ip ip = p.addr;
    uint8_t random[16];
    rng.fill(random, sizeof(random));
    const size_t n = ip.size();
    for (size_t i = 0; i < n; ++i) {
      const unsigned first = static_cast<unsigned>(i) * 8;
      if (first + 8 <= p.len) continue;
      const uint8_t keep = first >= p.len ? uint8_t{0} : static_cast<uint8_t>(0xff << (8 - (p.len - first)));
      ip.b[i] = static_cast<uint8_t>((p.addr.b[i] & keep) | (random[i] & ~keep));
    }
    if (!ip.v6 && (ip.b[3] == 0 || ip.b[3] == 255)) continue;
    if (ip.v6 && ip.b[15] == 0) ip.b[15] = 1;
    return ip;
  }
}

}  // namespace

std::string formatIp(const Ip& ip) {
  char buf[48];
  if (!ip.v6) {
    std::snprintf(buf, sizeof(buf), "%u.%u.%u.%u", ip.b[0], ip.b[1], ip.b[2], ip.b[3]);
    return buf;
  }
  uint16_t g[8];
  for (int i = 0; i < 8; ++i) g[i] = static_cast<uint16_t>((ip.b[2 * i] << 8) | ip.b[2 * i + 1]);
  // RFC 5952: the longest run (the first of equals) of two or more zero
  // groups becomes "::"; hex digits in lower case without leading zeros.
  int best = -1;
  int best_len = 1;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  std::string s;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      s += "::";
      i += best_len - 1;
      continue;
    }
    if (!s.empty() && s.back() != ':') s += ":";
    std::snprintf(buf, sizeof(buf), "%x", g[i]);
    s += buf;
  }
  return s;
}

Ip lastAddress(const Prefix& p) {
  Ip ip = p.addr;
  for (size_t i = 0; i < ip.size(); ++i) {
    const unsigned first = static_cast<unsigned>(i) * 8;
    if (first + 8 <= p.len) continue;
    const uint8_t host = first >= p.len ? uint8_t{0xff} : static_cast<uint8_t>(0xff >> (p.len - first));
    ip.b[i] = static_cast<uint8_t>(ip.b[i] | host);
  }
  return ip;
}

RemoteNetworks::RemoteNetworks(const Scenario& scenario, uint32_t distinct)
    : listed_(listedNetworks()), distinct_(distinct) {
  std::vector<Prefix> all;
  for (const RemoteNetwork& n : listed_) {
    if (!n.prefix.contains(n.hosts.addr) || n.hosts.len < n.prefix.len) std::abort();
    all.push_back(n.prefix);
  }
  for (const Prefix& p : kUnlisted) all.push_back(p);
  all.push_back(syntheticBlock(false));
  all.push_back(syntheticBlock(true));
  for (const Prefix& p : scenario.local) all.push_back(p);
  for (size_t i = 0; i < all.size(); ++i) {
    for (size_t j = i + 1; j < all.size(); ++j) {
      if (overlaps(all[i], all[j])) {
        std::fprintf(stderr, "edgeflow-gen: remote ranges %s/%u and %s/%u overlap\n",
                     formatIp(all[i].addr).c_str(), all[i].len, formatIp(all[j].addr).c_str(),
                     all[j].len);
        std::abort();
      }
    }
  }
}

int64_t RemoteNetworks::find(const Ip& ip) const {
  if (distinct_ != 0) {
    if (!syntheticBlock(ip.v6).contains(ip)) return -1;
    uint64_t i = 0;
    if (ip.v6) {
      for (size_t k = 12; k < 16; ++k) i = (i << 8) | ip.b[k];
    } else {
      i = v4Value(ip) - kSyntheticV4;
    }
    return i < distinct_ ? static_cast<int64_t>(i) : -1;
  }
  for (size_t i = 0; i < listed_.size(); ++i) {
    if (listed_[i].prefix.contains(ip)) return static_cast<int64_t>(i);
  }
  return -1;
}

RemoteFacts RemoteNetworks::facts(const Ip& ip) const {
  RemoteFacts f;
  const int64_t i = find(ip);
  if (i < 0) return f;
  if (distinct_ != 0) {
    f.country = kSyntheticCountries[static_cast<size_t>(i) % 10];
    f.asn = kSyntheticAsnBase + static_cast<uint32_t>(i);
    return f;
  }
  const RemoteNetwork& n = listed_[static_cast<size_t>(i)];
  f.country = n.country;
  f.asn = n.asn;
  f.ndpi_owner = n.ndpi_owner;
  return f;
}

Ip RemoteNetworks::hostIn(size_t index, Rng& rng) const {
  return randomIn(listed_[index].hosts, rng);
}

size_t RemoteNetworks::drawNetwork(bool v6, Draw draw, Rng& rng) const {
  auto weight = [draw](const RemoteNetwork& n) -> uint64_t {
    switch (draw) {
      case Draw::Server:
        return n.server_weight;
      case Draw::Host:
        return n.host_weight;
      case Draw::Peer:
        return n.residential ? 1 : 0;
    }
    return 0;
  };
  uint64_t total = 0;
  for (const RemoteNetwork& n : listed_) {
    if (n.prefix.addr.v6 == v6) total += weight(n);
  }
  uint64_t r = rng.below(total);
  for (size_t i = 0; i < listed_.size(); ++i) {
    const RemoteNetwork& n = listed_[i];
    if (n.prefix.addr.v6 != v6) continue;
    if (r < weight(n)) return i;
    r -= weight(n);
  }
  std::abort();  // unreachable: r < total
}

Ip RemoteNetworks::unlistedHost(bool v6, Rng& rng) const {
  const size_t first = v6 ? 3 : 0;
  const size_t count = v6 ? 2 : 3;
  return randomIn(kUnlisted[first + rng.index(count)], rng);
}

Ip RemoteNetworks::syntheticHost(uint32_t i, bool v6) const {
  if (v6) return ipv6(kSyntheticV6High, i);
  const uint32_t a = kSyntheticV4 + i;
  return ipv4(static_cast<uint8_t>(a >> 24), static_cast<uint8_t>(a >> 16),
              static_cast<uint8_t>(a >> 8), static_cast<uint8_t>(a));
}

template <typename Line>
std::string RemoteNetworks::csv(const std::vector<bool>& used, Line line) const {
  std::string out;
  for (int v6 = 0; v6 < 2; ++v6) {
    if (distinct_ != 0) {
      for (uint32_t i = 0; i < distinct_; ++i) {
        const Ip a = syntheticHost(i, v6 != 0);
        out += line(formatIp(a) + "," + formatIp(a), kSyntheticCountries[i % 10],
                    kSyntheticAsnBase + i, "SYNTHETIC-" + std::to_string(i));
      }
      continue;
    }
    // Ascending start addresses: networks of one family never overlap.
    std::vector<size_t> order;
    for (size_t i = 0; i < listed_.size(); ++i) {
      if (listed_[i].prefix.addr.v6 == (v6 != 0) && i < used.size() && used[i]) order.push_back(i);
    }
    for (size_t a = 0; a < order.size(); ++a) {
      for (size_t b = a + 1; b < order.size(); ++b) {
        if (compareIp(listed_[order[b]].prefix.addr, listed_[order[a]].prefix.addr) < 0)
          std::swap(order[a], order[b]);
      }
    }
    for (size_t i : order) {
      const RemoteNetwork& n = listed_[i];
      out += line(formatIp(n.prefix.addr) + "," + formatIp(lastAddress(n.prefix)), n.country, n.asn,
                  n.org);
    }
  }
  return out;
}

std::string RemoteNetworks::countryCsv(const std::vector<bool>& used) const {
  return csv(used, [](const std::string& range, const char* country, uint32_t, const std::string&) {
    return range + "," + country + "\n";
  });
}

std::string RemoteNetworks::asnCsv(const std::vector<bool>& used) const {
  return csv(used, [](const std::string& range, const char*, uint32_t asn, const std::string& org) {
    return range + "," + std::to_string(asn) + "," + org + "\n";
  });
}

}  // namespace edgeflow::gen
