#include "agent/proto/wire_label.h"

#include <cstdint>

namespace edgeflow::proto {

namespace {

// Length of the well-formed UTF-8 sequence at s[i], or 0 when the bytes
// there are not one (RFC 3629, table 3-7 of the Unicode standard).
size_t sequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(s[i + k]); };
  const size_t left = s.size() - i;
  const uint8_t c = b(0);
  if (c < 0x80) return 1;
  size_t len = 0;
  uint8_t lo = 0x80, hi = 0xbf;  // range of the second byte
  if (c >= 0xc2 && c <= 0xdf) {
    len = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    len = 3;
    if (c == 0xe0) lo = 0xa0;  // no overlong forms
    if (c == 0xed) hi = 0x9f;  // no surrogates
  } else if (c >= 0xf0 && c <= 0xf4) {
    len = 4;
    if (c == 0xf0) lo = 0x90;  // no overlong forms
    if (c == 0xf4) hi = 0x8f;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (left < len) return 0;
  if (b(1) < lo || b(1) > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (b(k) < 0x80 || b(k) > 0xbf) return 0;
  }
  return len;
}

}  // namespace

std::string wireLabel(std::string_view text, size_t max_bytes) {
  std::string out;
  out.reserve(text.size() < max_bytes ? text.size() : max_bytes);
  size_t i = 0;
  while (i < text.size()) {
    const size_t len = sequenceLength(text, i);
    const size_t take = len == 0 ? 1 : len;
    if (out.size() + take > max_bytes) break;
    if (len == 0) {
      out += '?';
    } else {
      out.append(text.substr(i, len));
    }
    i += take;
  }
  return out;
}

}  // namespace edgeflow::proto
