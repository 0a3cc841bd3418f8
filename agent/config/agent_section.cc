#include "agent/config/agent_section.h"

#include "agent/config/value_parse.h"

namespace edgeflow::config {

namespace {

constexpr uint32_t kMaxIdleTimeout = 86400;     // one day
constexpr uint32_t kMaxActiveTimeout = 604800;  // one week

// Why IpPrefix::parse refused `text`, in an operator's terms.
std::string whyNotPrefix(std::string_view text) {
  const size_t slash = text.find('/');
  const std::optional<IpAddr> addr = IpAddr::parse(text.substr(0, slash));
  if (!addr) return "must be an IPv4 or IPv6 prefix, e.g. 192.0.2.0/24 or 2001:db8::/32";
  const size_t max_len = addr->family == IpFamily::V4 ? 32 : 128;
  const std::string_view len_text = slash == std::string_view::npos ? std::string_view{} : text.substr(slash + 1);
  const std::optional<uint64_t> len = parseDecimal(len_text, max_len);
  if (!len) return "prefix length must be between 0 and " + std::to_string(max_len);
  // The address has bits set beyond the length: show what was probably meant.
  IpPrefix masked;
  masked.addr = *addr;
  masked.len = static_cast<uint8_t>(*len);
  const size_t offset = addr->family == IpFamily::V4 ? 12 : 0;
  for (size_t bit = static_cast<size_t>(*len); bit < max_len; ++bit) {
    masked.addr.bytes[offset + bit / 8] &= static_cast<uint8_t>(~(0x80u >> (bit % 8)));
  }
  return "host bits are set beyond /" + std::to_string(*len) + " (did you mean " + quoted(masked.toString()) + "?)";
}

std::string applyId(std::string_view value, Agent& agent, ApplyContext&) {
  if (value.size() > 64 || !isPrintableWord(value)) return "must be 1 to 64 printable characters without spaces";
  agent.id = std::string(value);
  return {};
}

std::string applyLocal(std::string_view value, Agent& agent, ApplyContext&) {
  const std::optional<IpPrefix> prefix = IpPrefix::parse(value);
  if (!prefix) return whyNotPrefix(value);
  agent.local.push_back(*prefix);
  return {};
}

std::string applyMaxFlows(std::string_view value, Agent& agent, ApplyContext&) {
  return parseInRange(value, 16, 16777216, agent.max_flows);
}

std::string applyIdleTimeout(std::string_view value, Agent& agent, ApplyContext&) {
  return parseInRange(value, 1, kMaxIdleTimeout, agent.idle_timeout);
}

std::string applyActiveTimeout(std::string_view value, Agent& agent, ApplyContext&) {
  return parseInRange(value, 1, kMaxActiveTimeout, agent.active_timeout);
}

std::string applyListen(std::string_view value, Agent& agent, ApplyContext&) {
  const std::string reason = parseListen(value, agent.listen_addr, agent.listen_port);
  if (reason.empty()) agent.listen = std::string(value);
  return reason;
}

std::string applyAllow(std::string_view value, Agent& agent, ApplyContext&) {
  const std::optional<IpPrefix> prefix = IpPrefix::parse(value);
  if (!prefix) return whyNotPrefix(value);
  agent.allow.push_back(*prefix);
  return {};
}

std::string applyHttpMaxClients(std::string_view value, Agent& agent, ApplyContext&) {
  return parseInRange(value, 1, 1024, agent.http_max_clients);
}

std::string applyHttpTimeout(std::string_view value, Agent& agent, ApplyContext&) {
  return parseInRange(value, 1, 300, agent.http_timeout);
}

std::string applyGeoDb(std::string_view value, Agent& agent, ApplyContext&) { return parsePath(value, agent.geo_db); }

std::string applyAsnDb(std::string_view value, Agent& agent, ApplyContext&) { return parsePath(value, agent.asn_db); }

std::string applyTopK(std::string_view value, Agent& agent, ApplyContext&) {
  return parseInRange(value, 1, 1024, agent.top_k);
}

std::string applyDpi(std::string_view value, Agent& agent, ApplyContext&) { return parseBool(value, agent.dpi); }

std::string applyDpiFlows(std::string_view value, Agent& agent, ApplyContext&) {
  return parseInRange(value, 1, 1048576, agent.dpi_flows);
}

std::string applyDpiPackets(std::string_view value, Agent& agent, ApplyContext&) {
  return parseInRange(value, 1, 255, agent.dpi_packets);
}

std::string applyDpiTimeout(std::string_view value, Agent& agent, ApplyContext&) {
  return parseInRange(value, 1, 3600, agent.dpi_timeout);
}

constexpr OptionSpec<Agent> kAgentOptions[] = {
    {"id", Arity::Option, applyId},
    {"local", Arity::List, applyLocal},
    {"max_flows", Arity::Option, applyMaxFlows},
    {"idle_timeout", Arity::Option, applyIdleTimeout},
    {"active_timeout", Arity::Option, applyActiveTimeout},
    {"listen", Arity::Option, applyListen},
    {"allow", Arity::List, applyAllow},
    {"http_max_clients", Arity::Option, applyHttpMaxClients},
    {"http_timeout", Arity::Option, applyHttpTimeout},
    {"geo_db", Arity::Option, applyGeoDb},
    {"asn_db", Arity::Option, applyAsnDb},
    {"top_k", Arity::Option, applyTopK},
    {"dpi", Arity::Option, applyDpi},
    {"dpi_flows", Arity::Option, applyDpiFlows},
    {"dpi_packets", Arity::Option, applyDpiPackets},
    {"dpi_timeout", Arity::Option, applyDpiTimeout},
};

Agent& openAgent(Config& config, std::string_view) { return config.agent; }

// The active timeout bounds a record's whole life, so an idle timeout longer
// than it could never fire: active_timeout must be at least idle_timeout.
std::optional<Problem> finishAgent(Agent& agent, int, const GivenOptions& given) {
  if (agent.active_timeout >= agent.idle_timeout) return std::nullopt;
  if (const int line = given.lineOf("active_timeout"); line != 0) {
    return Problem{line, "option active_timeout " + quoted(std::to_string(agent.active_timeout)) +
                             ": must be at least idle_timeout (" + std::to_string(agent.idle_timeout) + ")"};
  }
  return Problem{given.lineOf("idle_timeout"), "option idle_timeout " + quoted(std::to_string(agent.idle_timeout)) +
                                                   ": must not exceed active_timeout (" +
                                                   std::to_string(agent.active_timeout) + ", the default)"};
}

constexpr SectionSpec<Agent> kAgentSection{
    .type = "agent",
    .needs_name = false,
    .max_count = 1,
    .options = kAgentOptions,
    .open = openAgent,
    .finish = finishAgent,
};

}  // namespace

const SectionSpec<Agent>& agentSection() { return kAgentSection; }

}  // namespace edgeflow::config
