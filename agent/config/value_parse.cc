#include "agent/config/value_parse.h"

namespace edgeflow::config {

namespace {

constexpr size_t kMaxShown = 64;

bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

const char kInterfaceNameRule[] = "must be an interface name: 1 to 15 characters, no '/', ':' or spaces";

std::optional<uint64_t> parseDecimal(std::string_view text, uint64_t max) {
  if (text.empty()) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (!isDigit(c)) return std::nullopt;
    const auto digit = static_cast<uint64_t>(c - '0');
    if (value > (max - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::string parseInRange(std::string_view text, uint64_t min, uint64_t max, uint64_t& out) {
  const std::string range = "between " + std::to_string(min) + " and " + std::to_string(max);
  bool digits_only = !text.empty();
  for (char c : text) digits_only = digits_only && isDigit(c);
  if (!digits_only) return "must be a whole number " + range;
  const std::optional<uint64_t> value = parseDecimal(text, max);
  if (!value || *value < min) return "must be " + range;
  out = *value;
  return {};
}

bool isSectionName(std::string_view text) {
  if (text.empty() || text.size() > 32) return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool isInterfaceName(std::string_view text) {
  if (text.empty() || text.size() > 15 || text == "." || text == "..") return false;
  for (char c : text) {
    if (c == '/' || c == ':' || c == ' ' || c == '\t') return false;
  }
  return hasNoControl(text);
}

bool hasNoControl(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return false;
  }
  return true;
}

bool isPrintableWord(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x21 || byte > 0x7e) return false;
  }
  return true;
}

std::string parseListen(std::string_view text, IpAddr& addr, uint16_t& port) {
  const char* const kForm = "must be IPv4:port or [IPv6]:port, e.g. 0.0.0.0:9465 or [::]:9465";
  std::string_view host;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') return kForm;
    host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
    const std::optional<IpAddr> parsed = IpAddr::parse(host);
    if (!parsed || parsed->family != IpFamily::V6) return quoted(host) + " is not an IPv6 address";
    addr = *parsed;
  } else {
    const size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return kForm;
    host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) return "an IPv6 address needs brackets: [IPv6]:port";
    const std::optional<IpAddr> parsed = IpAddr::parse(host);
    if (!parsed) return quoted(host) + " is not an IPv4 address (host names are not resolved)";
    addr = *parsed;
  }
  const std::optional<uint64_t> value = parseDecimal(port_text, 65535);
  if (!value || *value == 0) return "port must be between 1 and 65535";
  port = static_cast<uint16_t>(*value);
  return {};
}

std::string shortened(std::string_view value) {
  if (value.size() <= kMaxShown) return std::string(value);
  size_t cut = kMaxShown;
  // Do not split a UTF-8 sequence: back up over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xc0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "...";
}

std::string quoted(std::string_view value) { return "'" + shortened(value) + "'"; }

std::string parseBool(std::string_view text, bool& out) {
  for (std::string_view yes : {"1", "yes", "on", "true", "enabled"}) {
    if (text == yes) {
      out = true;
      return {};
    }
  }
  for (std::string_view no : {"0", "no", "off", "false", "disabled"}) {
    if (text == no) {
      out = false;
      return {};
    }
  }
  return "must be a boolean: 1/0, yes/no, on/off, true/false or enabled/disabled";
}

std::string parsePath(std::string_view text, std::string& out) {
  if (text.size() > 255 || !hasNoControl(text)) return "must be a file path of 1 to 255 characters";
  out = std::string(text);
  return {};
}

}  // namespace edgeflow::config
