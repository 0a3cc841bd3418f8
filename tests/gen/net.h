// Addresses and byte-order helpers of the generator (its own, small set:
// the truth must not share code with the agent it checks).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace edgeflow::gen {

struct Ip {
  bool v6 = false;
  std::array<uint8_t, 16> b{};  // IPv4 uses b[0..3], the rest stays zero

  size_t size() const { return v6 ? 16 : 4; }
  bool operator==(const Ip&) const = default;
};

Ip ipv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d);
// Bytes 0..7 from `high`, 8..15 from `low`, both most significant first.
Ip ipv6(uint64_t high, uint64_t low);

// Numeric order (addresses of one family compare as big-endian integers).
int compareIp(const Ip& a, const Ip& b);

struct Mac {
  std::array<uint8_t, 6> b{};
  bool operator==(const Mac&) const = default;
};

Mac macFromLow(uint16_t low);  // 02:00:00:00:HH:LL
std::string formatMac(const Mac& m);

struct Prefix {
  Ip addr;
  uint8_t len = 0;
  std::string text;  // as written to the config

  bool contains(const Ip& ip) const;
};

// Big-endian stores into a frame buffer.
inline void put16(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}
inline void put32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

// Internet checksum helpers (RFC 1071): add bytes to a running sum, then
// fold to 16 bits and complement. Words are assembled big-endian from bytes,
// so results do not depend on the host's byte order. `sumBytes` must be fed
// even-length pieces except for the last one.
uint64_t sumBytes(const uint8_t* p, size_t n, uint64_t sum = 0);
uint16_t foldChecksum(uint64_t sum);

// Sum of the TCP/UDP/ICMPv6 pseudo-header (RFC 768/793, RFC 8200 8.1).
uint64_t pseudoHeaderSum(const Ip& src, const Ip& dst, uint8_t proto, uint32_t l4_len);

}  // namespace edgeflow::gen
