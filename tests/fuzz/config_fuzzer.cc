// Fuzz target for parseConfig: any bytes as a UCI config file.
// Besides not crashing, a rejection must read "FILE:LINE: message" and an
// accepted config must hold what the validator promises; a violation aborts,
// which the fuzzer reports like a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "agent/config/uci_parser.h"

namespace {

constexpr std::string_view kFile = "fuzz.conf";

void require(bool condition) {
  if (!condition) std::abort();
}

void checkAccepted(const edgeflow::config::Config& config) {
  const edgeflow::config::Agent& agent = config.agent;
  require(agent.max_flows >= 16 && agent.max_flows <= 16777216);
  require(agent.idle_timeout >= 1 && agent.idle_timeout <= agent.active_timeout);
  require(agent.listen_port != 0);
  require(config.upstreams.size() <= edgeflow::config::kMaxUpstreams);
  for (const edgeflow::config::Upstream& upstream : config.upstreams) {
    require(!upstream.id.empty() && !upstream.name.empty() && !upstream.match.empty());
  }
  for (const edgeflow::config::Source& source : config.sources) {
    require(source.sample >= 1 && source.sample <= 1000000);
  }
}

void checkRejected(std::string_view error) {
  require(error.substr(0, kFile.size()) == kFile);
  size_t at = kFile.size();
  require(at < error.size() && error[at] == ':');
  ++at;
  const size_t digits_start = at;
  while (at < error.size() && error[at] >= '0' && error[at] <= '9') ++at;
  require(at > digits_start && error[digits_start] != '0');
  require(error.substr(at, 2) == ": " && error.size() > at + 2);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const edgeflow::config::ParseResult result = edgeflow::config::parseConfig(text, kFile);
  if (result.ok) {
    require(result.error.empty());
    checkAccepted(result.config);
  } else {
    checkRejected(result.error);
  }
  return 0;
}
