// Helpers shared by the config suites.
#pragma once

#include <string>
#include <string_view>

#include "agent/config/uci_parser.h"

namespace edgeflow::config::testing {

inline constexpr std::string_view kFile = "edgeflow.conf";

inline ParseResult parse(std::string_view text) { return parseConfig(text, kFile); }

// The error for `text`, or "OK" when it parses.
inline std::string errorOf(std::string_view text) {
  ParseResult result = parse(text);
  return result.ok ? std::string("OK") : result.error;
}

}  // namespace edgeflow::config::testing
