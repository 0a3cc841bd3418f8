// `list match` rules of an upstream: their text form and the check that no
// rule is claimed twice.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "agent/config/config.h"

namespace edgeflow::config {

// Parses "vlan 101", "interface eth1" or "mac 02:00:5e:10:00:01" into `out`.
// Returns why the text is rejected, or "" when it is taken.
std::string parseMatchRule(std::string_view text, MatchRule& out);

// The canonical text of a rule ("vlan 101", "mac 02:00:5e:10:00:01"): two
// rules that match the same frames have the same text.
std::string canonicalRule(const MatchRule& rule);

// The rules taken so far, in file order. A rule taken twice is an error:
// the first upstream in config order would win every frame it matches and
// the second would silently never see them.
class ClaimedRules {
 public:
  struct Claim {
    std::string upstream;
    int line = 0;
  };

  // Records that `upstream` takes `rule` at `line`. Returns the earlier
  // claim instead when the rule was already taken (and records nothing).
  const Claim* claim(const MatchRule& rule, std::string_view upstream, int line);

 private:
  std::map<std::string, Claim, std::less<>> claims_;
};

}  // namespace edgeflow::config
