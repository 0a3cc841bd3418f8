#include "agent/config/match_rule.h"

#include "agent/config/value_parse.h"

namespace edgeflow::config {

namespace {

std::string parseVlan(std::string_view arg, MatchRule& out) {
  out.kind = MatchRule::Kind::Vlan;
  const std::string reason = parseInRange(arg, 1, 4094, out.vlan);
  return reason.empty() ? reason : "vlan " + reason;
}

std::string parseInterface(std::string_view arg, MatchRule& out) {
  if (!isInterfaceName(arg)) return std::string("interface ") + kInterfaceNameRule;
  out.kind = MatchRule::Kind::Interface;
  out.interface = std::string(arg);
  return {};
}

std::string parseMac(std::string_view arg, MatchRule& out) {
  const std::optional<MacAddr> mac = MacAddr::parse(arg);
  if (!mac) return "mac must be six hex pairs, e.g. 02:00:5e:10:00:01";
  out.kind = MatchRule::Kind::Mac;
  out.mac = *mac;
  return {};
}

struct MatchKind {
  std::string_view name;
  std::string_view example;
  // nullptr: a rule of the flow-record sources, not available yet.
  std::string (*parse)(std::string_view arg, MatchRule& out);
};

constexpr MatchKind kMatchKinds[] = {
    {"vlan", "vlan 101", parseVlan},
    {"interface", "interface eth1", parseInterface},
    {"mac", "mac 02:00:5e:10:00:01", parseMac},
    {"ifindex", "", nullptr},
    {"nexthop", "", nullptr},
    {"peer-as", "", nullptr},
};

bool isBlank(char c) { return c == ' ' || c == '\t'; }

// The next blank-separated word of `text` from `at`, moving `at` past it.
std::string_view nextWord(std::string_view text, size_t& at) {
  while (at < text.size() && isBlank(text[at])) ++at;
  const size_t start = at;
  while (at < text.size() && !isBlank(text[at])) ++at;
  return text.substr(start, at - start);
}

std::string knownKinds() {
  std::string out;
  for (const MatchKind& kind : kMatchKinds) {
    if (kind.parse == nullptr) continue;
    if (!out.empty()) out += ", ";
    out += kind.name;
  }
  return out;
}

}  // namespace

std::string parseMatchRule(std::string_view text, MatchRule& out) {
  size_t at = 0;
  const std::string_view name = nextWord(text, at);
  const std::string_view arg = nextWord(text, at);
  const std::string_view extra = nextWord(text, at);
  if (name.empty()) return "expected 'vlan N', 'interface NAME' or 'mac XX:XX:XX:XX:XX:XX'";
  for (const MatchKind& kind : kMatchKinds) {
    if (kind.name != name) continue;
    if (kind.parse == nullptr) {
      return "'" + std::string(kind.name) + "' rules need a NetFlow/IPFIX source, which is not supported yet";
    }
    if (arg.empty()) {
      return "missing value after '" + std::string(kind.name) + "', e.g. '" + std::string(kind.example) + "'";
    }
    if (!extra.empty()) return "unexpected " + quoted(extra) + " after the value";
    out = MatchRule{};
    return kind.parse(arg, out);
  }
  return "unknown match kind " + quoted(name) + " (known: " + knownKinds() + ")";
}

std::string canonicalRule(const MatchRule& rule) {
  switch (rule.kind) {
    case MatchRule::Kind::Vlan:
      return "vlan " + std::to_string(rule.vlan);
    case MatchRule::Kind::Interface:
      return "interface " + rule.interface;
    case MatchRule::Kind::Mac:
      return "mac " + rule.mac.toString();
  }
  return {};
}

const ClaimedRules::Claim* ClaimedRules::claim(const MatchRule& rule, std::string_view upstream, int line) {
  const auto [it, inserted] = claims_.try_emplace(canonicalRule(rule), Claim{std::string(upstream), line});
  return inserted ? nullptr : &it->second;
}

}  // namespace edgeflow::config
