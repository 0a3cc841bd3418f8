// ClientAllowlist: `list allow` prefixes, and loopback when none is given.
#include "platform/linux/client_allowlist.h"

#include <CppUTest/TestHarness.h>

using edgeflow::IpAddr;
using edgeflow::IpPrefix;
using edgeflow::platform::ClientAllowlist;

namespace {

IpAddr ip(const char* text) { return *IpAddr::parse(text); }
IpPrefix prefix(const char* text) { return *IpPrefix::parse(text); }

}  // namespace

TEST_GROUP(ClientAllowlist){};

TEST(ClientAllowlist, EmptyMeansLoopbackOnly) {
  const ClientAllowlist a({});
  CHECK(a.allows(ip("127.0.0.1")));
  CHECK(a.allows(ip("127.255.0.9")));
  CHECK(a.allows(ip("::1")));
  CHECK_FALSE(a.allows(ip("10.0.0.1")));
  CHECK_FALSE(a.allows(ip("128.0.0.1")));
  CHECK_FALSE(a.allows(ip("::2")));
  CHECK_FALSE(a.allows(ip("2001:db8::1")));
  LONGS_EQUAL(2, a.prefixes().size());
}

TEST(ClientAllowlist, GivenPrefixesReplaceTheDefault) {
  const ClientAllowlist a({prefix("192.0.2.0/24"), prefix("2001:db8:1::/48")});
  CHECK(a.allows(ip("192.0.2.77")));
  CHECK(a.allows(ip("2001:db8:1:ffff::9")));
  CHECK_FALSE(a.allows(ip("192.0.3.1")));
  CHECK_FALSE(a.allows(ip("2001:db8:2::1")));
  // Loopback is not implied once prefixes are given.
  CHECK_FALSE(a.allows(ip("127.0.0.1")));
  CHECK_FALSE(a.allows(ip("::1")));
}

TEST(ClientAllowlist, HostPrefixAllowsOneAddress) {
  const ClientAllowlist a({prefix("127.0.0.1/32")});
  CHECK(a.allows(ip("127.0.0.1")));
  CHECK_FALSE(a.allows(ip("127.0.0.2")));
}

TEST(ClientAllowlist, FamiliesDoNotCross) {
  // 0.0.0.0/0 is every IPv4 client, no IPv6 one; ::/0 the reverse.
  const ClientAllowlist v4({prefix("0.0.0.0/0")});
  CHECK(v4.allows(ip("203.0.113.5")));
  CHECK_FALSE(v4.allows(ip("2001:db8::1")));
  const ClientAllowlist v6({prefix("::/0")});
  CHECK(v6.allows(ip("2001:db8::1")));
  CHECK_FALSE(v6.allows(ip("203.0.113.5")));
}

TEST(ClientAllowlist, AnAddressWithoutFamilyIsRefused) {
  const ClientAllowlist a({prefix("0.0.0.0/0"), prefix("::/0")});
  CHECK_FALSE(a.allows(IpAddr{}));
}
