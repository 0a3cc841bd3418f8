#include "agent/config/upstream_section.h"

#include "agent/config/match_rule.h"
#include "agent/config/value_parse.h"

namespace edgeflow::config {

namespace {

std::string applyName(std::string_view value, Upstream& upstream, ApplyContext&) {
  if (value.size() > 64 || !hasNoControl(value)) return "must be 1 to 64 characters, no tabs or control characters";
  upstream.name = std::string(value);
  return {};
}

// Plain ("20485") or AS-prefixed ("AS20485"), 32-bit (RFC 6793).
std::string applyAsn(std::string_view value, Upstream& upstream, ApplyContext&) {
  std::string_view digits = value;
  if (digits.size() > 2 && (digits[0] == 'A' || digits[0] == 'a') && (digits[1] == 'S' || digits[1] == 's')) {
    digits.remove_prefix(2);
  }
  const std::string reason = parseInRange(digits, 1, 4294967295u, upstream.asn);
  return reason.empty() ? reason : reason + " (plain or AS-prefixed, e.g. 20485 or AS20485)";
}

std::string applyMatch(std::string_view value, Upstream& upstream, ApplyContext& context) {
  MatchRule rule;
  if (std::string reason = parseMatchRule(value, rule); !reason.empty()) return reason;
  if (const ClaimedRules::Claim* earlier = context.claimed_rules.claim(rule, upstream.id, context.line)) {
    return "already used by upstream " + quoted(earlier->upstream) + " at line " + std::to_string(earlier->line) +
           "; a rule may belong to one upstream only";
  }
  upstream.match.push_back(std::move(rule));
  return {};
}

constexpr OptionSpec<Upstream> kUpstreamOptions[] = {
    {"name", Arity::Option, applyName},
    {"asn", Arity::Option, applyAsn},
    {"match", Arity::List, applyMatch},
};

Upstream& openUpstream(Config& config, std::string_view name) {
  Upstream& upstream = config.upstreams.emplace_back();
  upstream.id = std::string(name);
  return upstream;
}

std::optional<Problem> finishUpstream(Upstream& upstream, int header_line, const GivenOptions&) {
  if (upstream.match.empty()) {
    return Problem{header_line, "config upstream " + quoted(upstream.id) +
                                    ": missing 'list match' (at least one rule, e.g. list match 'vlan 101')"};
  }
  if (upstream.name.empty()) upstream.name = upstream.id;
  return std::nullopt;
}

constexpr SectionSpec<Upstream> kUpstreamSection{
    .type = "upstream",
    .needs_name = true,
    .max_count = kMaxUpstreams,
    .options = kUpstreamOptions,
    .open = openUpstream,
    .finish = finishUpstream,
};

}  // namespace

const SectionSpec<Upstream>& upstreamSection() { return kUpstreamSection; }

}  // namespace edgeflow::config
