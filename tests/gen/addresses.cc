#include "tests/gen/addresses.h"

#include <algorithm>

namespace edgeflow::gen {
namespace {

struct Range4 {
  uint32_t net;
  uint8_t len;
};

// RFC 6890 special-purpose space plus multicast and class E.
constexpr Range4 kNotPublic[] = {
    {0x00000000, 8},  {0x0a000000, 8},  {0x64400000, 10}, {0x7f000000, 8},  {0xa9fe0000, 16},
    {0xac100000, 12}, {0xc0000000, 24}, {0xc0000200, 24}, {0xc0586300, 24}, {0xc0a80000, 16},
    {0xc6120000, 15}, {0xc6336400, 24}, {0xcb007100, 24}, {0xe0000000, 4},  {0xf0000000, 4},
};

// /16s of RIR-allocated IPv6 space (APNIC, ARIN, RIPE, LACNIC, AFRINIC);
// 2001:db8::/32, where the demo's local space lives, is never among them.
constexpr uint16_t kV6Blocks[] = {0x2400, 0x2401, 0x2402, 0x2404, 0x2405, 0x2406, 0x2600,
                                  0x2601, 0x2602, 0x2604, 0x2606, 0x2607, 0x2800, 0x2801,
                                  0x2a00, 0x2a01, 0x2a02, 0x2a03, 0x2a05, 0x2c0f};

Ip fromU32(uint32_t a) {
  return ipv4(static_cast<uint8_t>(a >> 24), static_cast<uint8_t>(a >> 16),
              static_cast<uint8_t>(a >> 8), static_cast<uint8_t>(a));
}

}  // namespace

bool isPublicIpv4(uint32_t a) {
  for (const Range4& r : kNotPublic) {
    const uint32_t mask = r.len == 0 ? 0 : ~uint32_t{0} << (32 - r.len);
    if ((a & mask) == r.net) return false;
  }
  return true;
}

AddressBook::AddressBook(const Scenario& scenario, uint64_t flows, Rng& rng) : scenario_(scenario) {
  const uint64_t pool = std::max<uint64_t>(64, flows / 4);
  for (uint64_t i = 0; i < pool; ++i) servers4_.push_back(remoteHost(false, rng));
  for (uint64_t i = 0; i < pool / 2; ++i) servers6_.push_back(remoteHost(true, rng));
  for (uint8_t i = 0; i < 8; ++i) {
    local_servers4_.push_back(ipv4(175, 45, 176, static_cast<uint8_t>(10 + i)));
    local_servers6_.push_back(ipv6(0x20010db845000000ull, 0x10u + i));
  }
}

Ip AddressBook::pick(const std::vector<Ip>& pool, Rng& rng) {
  // u^2 / n: index k is chosen with probability ~ 1/(2 sqrt(k n)).
  const uint64_t n = pool.size();
  const uint64_t u = rng.below(n);
  return pool[static_cast<size_t>(u * u / n)];
}

Ip AddressBook::localHost(bool v6, Rng& rng) const {
  if (v6) {
    const uint64_t subnet = rng.range(1, 64);
    return ipv6(0x20010db845000000ull | subnet, rng.next() | 0x0200000000000000ull);
  }
  for (;;) {
    // 175.45.176.0/22, skipping .0 and .255 of each /24 for tidiness.
    const uint32_t off = static_cast<uint32_t>(rng.below(1024));
    if ((off & 0xff) == 0 || (off & 0xff) == 0xff) continue;
    return fromU32(0xaf2db000u + off);
  }
}

Ip AddressBook::localServer(bool v6, Rng& rng) const {
  return v6 ? local_servers6_[rng.index(local_servers6_.size())]
            : local_servers4_[rng.index(local_servers4_.size())];
}

Ip AddressBook::remoteServer(bool v6, Rng& rng) const {
  return pick(v6 ? servers6_ : servers4_, rng);
}

Ip AddressBook::remoteHost(bool v6, Rng& rng) const {
  for (;;) {
    Ip ip;
    if (v6) {
      const uint64_t block = kV6Blocks[rng.below(sizeof(kV6Blocks) / sizeof(kV6Blocks[0]))];
      // One draw per statement: argument evaluation order is unspecified,
      // and the same seed must give the same address on every compiler.
      const uint64_t high = (block << 48) | (rng.next() >> 16);
      ip = ipv6(high, rng.next() | 1);
    } else {
      const uint32_t a = rng.next32();
      const uint32_t last = a & 0xff;
      if (!isPublicIpv4(a) || last == 0 || last == 0xff) continue;
      ip = fromU32(a);
    }
    if (!scenario_.isLocal(ip)) return ip;
  }
}

}  // namespace edgeflow::gen
