#include "platform/linux/client_allowlist.h"

namespace edgeflow::platform {

ClientAllowlist::ClientAllowlist(const std::vector<IpPrefix>& allow) : prefixes_(allow) {
  if (prefixes_.empty()) {
    prefixes_.push_back(*IpPrefix::parse("127.0.0.0/8"));
    prefixes_.push_back(*IpPrefix::parse("::1/128"));
  }
}

bool ClientAllowlist::allows(const IpAddr& client) const {
  if (client.family == IpFamily::None) return false;
  for (const IpPrefix& p : prefixes_) {
    if (p.contains(client)) return true;
  }
  return false;
}

}  // namespace edgeflow::platform
