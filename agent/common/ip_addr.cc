#include "agent/common/ip_addr.h"

#include <cstdio>

namespace edgeflow {

namespace {

constexpr uint8_t kV4MappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses exactly a dotted quad into 4 bytes.
bool parseDottedQuad(std::string_view text, uint8_t out[4]) {
  int part = 0;
  size_t i = 0;
  while (part < 4) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
    unsigned value = 0;
    size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
      ++i;
      if (++digits > 3 || value > 255) return false;
    }
    if (digits > 1 && text[i - digits] == '0') return false;  // no octal-looking parts
    out[part++] = static_cast<uint8_t>(value);
    if (part < 4) {
      if (i >= text.size() || text[i] != '.') return false;
      ++i;
    }
  }
  return i == text.size();
}

// RFC 4291 section 2.2 text forms, including "::" and a trailing dotted quad.
bool parseV6(std::string_view text, uint8_t out[16]) {
  uint16_t groups[8] = {};
  int count = 0;
  int gap = -1;  // index in groups where "::" stands
  size_t i = 0;
  if (text.size() >= 2 && text[0] == ':' && text[1] == ':') {
    gap = 0;
    i = 2;
  } else if (!text.empty() && text[0] == ':') {
    return false;
  }
  while (i < text.size()) {
    if (count == 8) return false;
    // A dotted quad may end the address.
    size_t end = text.find(':', i);
    std::string_view piece = text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
    if (end == std::string_view::npos && piece.find('.') != std::string_view::npos) {
      uint8_t quad[4];
      if (count > 6 || !parseDottedQuad(piece, quad)) return false;
      groups[count++] = static_cast<uint16_t>(quad[0] << 8 | quad[1]);
      groups[count++] = static_cast<uint16_t>(quad[2] << 8 | quad[3]);
      i = text.size();
      break;
    }
    if (piece.empty() || piece.size() > 4) return false;
    unsigned value = 0;
    for (char c : piece) {
      int h = hexValue(c);
      if (h < 0) return false;
      value = value << 4 | static_cast<unsigned>(h);
    }
    groups[count++] = static_cast<uint16_t>(value);
    i += piece.size();
    if (i == text.size()) break;
    ++i;  // the ':'
    if (i < text.size() && text[i] == ':') {
      if (gap >= 0) return false;  // two "::"
      gap = count;
      ++i;
    } else if (i == text.size()) {
      return false;  // trailing single ':'
    }
  }
  if (gap < 0 && count != 8) return false;
  if (gap >= 0 && count == 8) return false;
  uint16_t full[8] = {};
  if (gap < 0) {
    for (int k = 0; k < 8; ++k) full[k] = groups[k];
  } else {
    int tail = count - gap;
    for (int k = 0; k < gap; ++k) full[k] = groups[k];
    for (int k = 0; k < tail; ++k) full[8 - tail + k] = groups[gap + k];
  }
  for (int k = 0; k < 8; ++k) {
    out[2 * k] = static_cast<uint8_t>(full[k] >> 8);
    out[2 * k + 1] = static_cast<uint8_t>(full[k] & 0xff);
  }
  return true;
}

}  // namespace

IpAddr IpAddr::v4(const uint8_t b[4]) {
  IpAddr a;
  for (int i = 0; i < 12; ++i) a.bytes[i] = kV4MappedPrefix[i];
  for (int i = 0; i < 4; ++i) a.bytes[12 + i] = b[i];
  a.family = IpFamily::V4;
  return a;
}

IpAddr IpAddr::v4(uint32_t host_order) {
  const uint8_t b[4] = {static_cast<uint8_t>(host_order >> 24), static_cast<uint8_t>(host_order >> 16),
                        static_cast<uint8_t>(host_order >> 8), static_cast<uint8_t>(host_order)};
  return v4(b);
}

IpAddr IpAddr::v6(const uint8_t b[16]) {
  IpAddr a;
  for (int i = 0; i < 16; ++i) a.bytes[i] = b[i];
  a.family = IpFamily::V6;
  return a;
}

uint32_t IpAddr::v4HostOrder() const {
  const uint8_t* b = v4Bytes();
  return uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | uint32_t{b[3]};
}

std::string IpAddr::toString() const {
  char buf[48];
  if (family == IpFamily::V4) {
    const uint8_t* b = v4Bytes();
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    return buf;
  }
  if (family != IpFamily::V6) return "-";
  // RFC 5952: lower case, the longest run (>= 2) of zero groups shortened.
  uint16_t g[8];
  for (int k = 0; k < 8; ++k) g[k] = static_cast<uint16_t>(bytes[2 * k] << 8 | bytes[2 * k + 1]);
  int best = -1, best_len = 1;
  for (int k = 0; k < 8;) {
    if (g[k] != 0) {
      ++k;
      continue;
    }
    int run = k;
    while (run < 8 && g[run] == 0) ++run;
    if (run - k > best_len) {
      best = k;
      best_len = run - k;
    }
    k = run;
  }
  std::string out;
  for (int k = 0; k < 8; ++k) {
    if (k == best) {
      out += "::";
      k += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    std::snprintf(buf, sizeof buf, "%x", g[k]);
    out += buf;
  }
  return out;
}

std::optional<IpAddr> IpAddr::parse(std::string_view text) {
  uint8_t b[16];
  if (text.find(':') == std::string_view::npos) {
    if (!parseDottedQuad(text, b)) return std::nullopt;
    return v4(b);
  }
  if (!parseV6(text, b)) return std::nullopt;
  return v6(b);
}

bool IpPrefix::contains(const IpAddr& a) const {
  if (a.family != addr.family) return false;
  const int offset = addr.family == IpFamily::V4 ? 12 : 0;
  int bits = len;
  for (int i = offset; bits > 0; ++i, bits -= 8) {
    const auto mask = static_cast<uint8_t>(bits >= 8 ? 0xff : 0xff << (8 - bits));
    if ((a.bytes[i] & mask) != addr.bytes[i]) return false;
  }
  return true;
}

std::string IpPrefix::toString() const { return addr.toString() + "/" + std::to_string(len); }

std::optional<IpPrefix> IpPrefix::parse(std::string_view text) {
  const size_t slash = text.find('/');
  auto addr = IpAddr::parse(text.substr(0, slash));
  if (!addr) return std::nullopt;
  const int max_len = addr->family == IpFamily::V4 ? 32 : 128;
  int len = max_len;
  if (slash != std::string_view::npos) {
    std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    len = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      len = len * 10 + (c - '0');
    }
    if (len > max_len) return std::nullopt;
  }
  IpPrefix p;
  p.addr = *addr;
  p.len = static_cast<uint8_t>(len);
  // Host bits beyond the length must be zero.
  const int offset = addr->family == IpFamily::V4 ? 12 : 0;
  for (int bit = len; bit < max_len; ++bit) {
    const int byte = offset + bit / 8;
    if (p.addr.bytes[byte] & (0x80 >> (bit % 8))) return std::nullopt;
  }
  return p;
}

std::string MacAddr::toString() const {
  char buf[18];
  std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", bytes[0], bytes[1], bytes[2], bytes[3],
                bytes[4], bytes[5]);
  return buf;
}

std::optional<MacAddr> MacAddr::parse(std::string_view text) {
  if (text.size() != 17) return std::nullopt;
  const char sep = text[2];
  if (sep != ':' && sep != '-') return std::nullopt;
  MacAddr m;
  for (int i = 0; i < 6; ++i) {
    const size_t at = static_cast<size_t>(i) * 3;
    if (i > 0 && text[at - 1] != sep) return std::nullopt;
    const int hi = hexValue(text[at]), lo = hexValue(text[at + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    m.bytes[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return m;
}

}  // namespace edgeflow
