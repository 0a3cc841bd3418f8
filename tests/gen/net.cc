#include "tests/gen/net.h"

namespace edgeflow::gen {

Ip ipv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  Ip ip;
  ip.b[0] = a;
  ip.b[1] = b;
  ip.b[2] = c;
  ip.b[3] = d;
  return ip;
}

Ip ipv6(uint64_t high, uint64_t low) {
  Ip ip;
  ip.v6 = true;
  for (int i = 0; i < 8; ++i) {
    ip.b[i] = static_cast<uint8_t>(high >> (56 - 8 * i));
    ip.b[8 + i] = static_cast<uint8_t>(low >> (56 - 8 * i));
  }
  return ip;
}

int compareIp(const Ip& a, const Ip& b) {
  if (a.v6 != b.v6) return a.v6 ? 1 : -1;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a.b[i] != b.b[i]) return a.b[i] < b.b[i] ? -1 : 1;
  }
  return 0;
}

Mac macFromLow(uint16_t low) {
  Mac m;
  m.b = {0x02, 0x00, 0x00, 0x00, static_cast<uint8_t>(low >> 8), static_cast<uint8_t>(low)};
  return m;
}

std::string formatMac(const Mac& m) {
  static const char kHex[] = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < 6; ++i) {
    if (i != 0) s.push_back(':');
    s.push_back(kHex[m.b[i] >> 4]);
    s.push_back(kHex[m.b[i] & 15]);
  }
  return s;
}

bool Prefix::contains(const Ip& ip) const {
  if (ip.v6 != addr.v6) return false;
  const size_t full = len / 8;
  for (size_t i = 0; i < full; ++i) {
    if (ip.b[i] != addr.b[i]) return false;
  }
  const unsigned rest = len % 8;
  if (rest == 0) return true;
  const uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (ip.b[full] & mask) == (addr.b[full] & mask);
}

uint64_t sumBytes(const uint8_t* p, size_t n, uint64_t sum) {
  // 32-bit big-endian words: summing wider words and folding later gives
  // the same one's-complement result (RFC 1071 section 2).
  while (n >= 4) {
    sum += (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
    p += 4;
    n -= 4;
  }
  if (n >= 2) {
    sum += (uint32_t{p[0]} << 8) | p[1];
    p += 2;
    n -= 2;
  }
  if (n == 1) sum += uint32_t{p[0]} << 8;
  return sum;
}

uint16_t foldChecksum(uint64_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum & 0xffff);
}

uint64_t pseudoHeaderSum(const Ip& src, const Ip& dst, uint8_t proto, uint32_t l4_len) {
  uint64_t sum = sumBytes(src.b.data(), src.size());
  sum = sumBytes(dst.b.data(), dst.size(), sum);
  return sum + proto + (l4_len >> 16) + (l4_len & 0xffff);
}

}  // namespace edgeflow::gen
