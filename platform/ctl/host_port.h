// "HOST:PORT", "[IPv6]:PORT" and ":PORT" as edgeflowctl's arguments write them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace edgeflow::ctl {

struct HostPort {
  std::string host;  // without brackets; empty for ":PORT"
  uint16_t port = 0;
};

// Splits `text`; returns an error message, empty on success. The port must
// be 1..65535; when `default_port` is not 0, "HOST" alone means that port.
std::string parseHostPort(std::string_view text, HostPort& out, uint16_t default_port = 0);

}  // namespace edgeflow::ctl
