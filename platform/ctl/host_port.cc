#include "platform/ctl/host_port.h"

namespace edgeflow::ctl {

namespace {

bool parsePort(std::string_view digits, uint16_t& port) {
  if (digits.empty() || digits.size() > 5) return false;
  uint32_t v = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  if (v == 0 || v > 65535) return false;
  port = static_cast<uint16_t>(v);
  return true;
}

}  // namespace

std::string parseHostPort(std::string_view text, HostPort& out, uint16_t default_port) {
  std::string_view host;
  std::string_view rest;
  if (!text.empty() && text[0] == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos) return "'" + std::string(text) + "': missing ']'";
    host = text.substr(1, close - 1);
    rest = text.substr(close + 1);
    if (host.empty()) return "'" + std::string(text) + "': empty address in brackets";
  } else {
    const size_t colon = text.rfind(':');
    if (colon != std::string_view::npos && text.find(':') != colon) {
      return "'" + std::string(text) + "': write an IPv6 address in brackets, e.g. [::1]:9466";
    }
    host = colon == std::string_view::npos ? text : text.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view() : text.substr(colon);
  }
  if (rest.empty()) {
    if (default_port == 0) return "'" + std::string(text) + "': missing ':PORT'";
    out.port = default_port;
  } else if (rest[0] != ':' || !parsePort(rest.substr(1), out.port)) {
    return "'" + std::string(text) + "': the port must be a number from 1 to 65535";
  }
  out.host = std::string(host);
  return {};
}

}  // namespace edgeflow::ctl
