// IP addresses and prefixes, family-tagged, stored in network byte order.
//
// IPv4 addresses are held as IPv4-mapped IPv6 (::ffff:a.b.c.d) so that one
// 16-byte layout serves keys, hashing and comparison for both families.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace edgeflow {

enum class IpFamily : uint8_t { None = 0, V4 = 4, V6 = 6 };

struct IpAddr {
  std::array<uint8_t, 16> bytes{};
  IpFamily family = IpFamily::None;

  static IpAddr v4(const uint8_t b[4]);
  static IpAddr v4(uint32_t host_order);
  static IpAddr v6(const uint8_t b[16]);

  // The four IPv4 bytes (valid when family == V4).
  const uint8_t* v4Bytes() const { return bytes.data() + 12; }
  uint32_t v4HostOrder() const;

  bool operator==(const IpAddr& o) const { return family == o.family && bytes == o.bytes; }
  bool operator!=(const IpAddr& o) const { return !(*this == o); }
  // Total order: by family, then bytes. Used to normalise internal/transit keys.
  bool operator<(const IpAddr& o) const {
    if (family != o.family) return family < o.family;
    return bytes < o.bytes;
  }

  std::string toString() const;
  // Parses dotted-quad IPv4 or RFC 4291 text IPv6 (including "::" and an
  // embedded dotted quad). Nothing else: no names, no zone ids.
  static std::optional<IpAddr> parse(std::string_view text);
};

struct IpPrefix {
  IpAddr addr;      // host bits cleared
  uint8_t len = 0;  // 0..32 for V4, 0..128 for V6

  bool contains(const IpAddr& a) const;
  std::string toString() const;
  // "a.b.c.d/n" or "x::/n"; a bare address means a host prefix. Rejects host
  // bits set beyond the length (a common typo that changes meaning).
  static std::optional<IpPrefix> parse(std::string_view text);
};

struct MacAddr {
  std::array<uint8_t, 6> bytes{};
  bool operator==(const MacAddr& o) const { return bytes == o.bytes; }
  bool operator!=(const MacAddr& o) const { return !(*this == o); }
  std::string toString() const;
  // "02:00:5e:10:00:01" (also '-' separated); case-insensitive.
  static std::optional<MacAddr> parse(std::string_view text);
};

}  // namespace edgeflow
