// Conversions and checks shared by the option tables: numbers with ranges,
// names, host:port, and the quoting of values in error messages.
//
// Each check returns the reason for a rejection ("must be between 1 and 10"),
// or an empty string when the value is accepted. The caller prefixes the
// statement ("option max_flows '10': ").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "agent/common/ip_addr.h"

namespace edgeflow::config {

// Decimal digits only: no sign, no spaces, no hex. Nullopt when `text` is not
// a number or exceeds `max`.
std::optional<uint64_t> parseDecimal(std::string_view text, uint64_t max);

// A decimal number in [min, max], stored into `out`.
std::string parseInRange(std::string_view text, uint64_t min, uint64_t max, uint64_t& out);

template <typename T>
std::string parseInRange(std::string_view text, uint64_t min, uint64_t max, T& out) {
  uint64_t value = 0;
  std::string reason = parseInRange(text, min, max, value);
  if (reason.empty()) out = static_cast<T>(value);
  return reason;
}

// UCI section names as edgeflow accepts them: 1..32 of [A-Za-z0-9_-].
bool isSectionName(std::string_view text);

// A Linux network interface name: 1..15 bytes (IFNAMSIZ - 1), not "." or
// "..", no '/', ':', whitespace or control characters.
bool isInterfaceName(std::string_view text);
extern const char kInterfaceNameRule[];

// True when no byte is a control character (below 0x20, or 0x7f).
bool hasNoControl(std::string_view text);

// True when every byte is printable ASCII other than space (0x21..0x7e).
bool isPrintableWord(std::string_view text);

// A UCI boolean as libuci's users read it: 1/0, yes/no, on/off,
// true/false, enabled/disabled.
std::string parseBool(std::string_view text, bool& out);

// A file path: 1..255 bytes without control characters.
std::string parsePath(std::string_view text, std::string& out);

// "IPv4:port" or "[IPv6]:port", port 1..65535.
std::string parseListen(std::string_view text, IpAddr& addr, uint16_t& port);

// `value` for a message, long values shortened with "..." so that an error
// line stays readable whatever the input was; quoted() adds single quotes.
std::string shortened(std::string_view value);
std::string quoted(std::string_view value);

}  // namespace edgeflow::config
