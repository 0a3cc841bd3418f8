// UdpPusher over loopback: datagrams arrive whole and within the MTU; a
// collector with nothing listening costs counted errors, never a block.
// Also ipFromSockaddr / toSockaddr.
#include "platform/linux/udp_pusher.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <vector>

#include "platform/linux/socket_addr.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow;
using platform::UdpPusher;

namespace {

// A bound UDP socket on 127.0.0.1 with a kernel-chosen port.
struct Receiver {
  int fd = -1;
  uint16_t port = 0;
  Receiver() {
    fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~Receiver() { close(fd); }
  std::vector<std::string> drain() {
    std::vector<std::string> got;
    char buf[65536];
    for (;;) {
      const ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n < 0) break;
      got.emplace_back(buf, static_cast<size_t>(n));
    }
    return got;
  }
};

config::Collector collector(uint16_t port, uint32_t mtu) {
  config::Collector c;
  c.id = "test";
  c.address = "127.0.0.1:" + std::to_string(port);
  c.addr = IpAddr::v4(0x7f000001u);
  c.port = port;
  c.mtu = mtu;
  return c;
}

// Splits the agent id into as many max-size datagrams as it fills, the last
// one shorter, marking the final one.
std::vector<std::string> fakeEncoder(const share::Report& r, size_t max_payload, bool final) {
  std::vector<std::string> out;
  const std::string body = r.agent_id + (final ? "!" : "");
  for (size_t at = 0; at < body.size(); at += max_payload) out.push_back(body.substr(at, max_payload));
  return out;
}

}  // namespace

TEST_GROUP(UdpPusher){};

TEST(UdpPusher, MaxPayloadIsTheMtuLessHeaders) {
  UdpPusher v4(collector(9, 1400), fakeEncoder);
  UNSIGNED_LONGS_EQUAL(1400 - 28, v4.maxPayload());
  config::Collector c6 = collector(9, 1400);
  c6.addr = *IpAddr::parse("::1");
  UdpPusher v6(c6, fakeEncoder);
  UNSIGNED_LONGS_EQUAL(1400 - 48, v6.maxPayload());
}

TEST(UdpPusher, DatagramsArriveWholeWithinTheMtu) {
  Receiver rx;
  UdpPusher p(collector(rx.port, 576), fakeEncoder);
  CHECK(p.ok());
  share::Report r;
  r.agent_id = std::string(1200, 'a');
  p.push(r);
  const std::vector<std::string> got = rx.drain();
  LONGS_EQUAL(3, got.size());  // 548 + 548 + 104
  UNSIGNED_LONGS_EQUAL(548, got[0].size());
  UNSIGNED_LONGS_EQUAL(104, got[2].size());
  UNSIGNED_LONGS_EQUAL(3, p.stats().datagrams_sent);
  UNSIGNED_LONGS_EQUAL(1200, p.stats().bytes_sent);
  UNSIGNED_LONGS_EQUAL(0, p.stats().errors);

  p.push(r, true);
  const std::vector<std::string> last = rx.drain();
  LONGS_EQUAL(3, last.size());
  CHECK(last[2].back() == '!');
}

TEST(UdpPusher, ARefusingCollectorCostsErrorsNotABlock) {
  uint16_t closed_port = 0;
  {
    Receiver gone;  // bind, learn a free port, close it again
    closed_port = gone.port;
  }
  UdpPusher p(collector(closed_port, 1400), fakeEncoder);
  CHECK(p.ok());
  share::Report r;
  r.agent_id = std::string(3000, 'b');  // 3 datagrams per push
  for (int i = 0; i < 20; ++i) p.push(r);
  // Loopback answers every datagram with port unreachable, which the next
  // send reports: about every other send fails, none blocks, none is kept.
  UNSIGNED_LONGS_EQUAL(20, p.stats().pushes);
  UNSIGNED_LONGS_EQUAL(60, p.stats().datagrams_sent + p.stats().errors);
  CHECK(p.stats().errors > 0);
  LONGS_EQUAL(ECONNREFUSED, p.stats().last_errno);
}

TEST(UdpPusher, SocketAddressesRoundTrip) {
  sockaddr_storage ss{};
  const IpAddr v4 = *IpAddr::parse("192.0.2.7");
  CHECK(platform::toSockaddr(v4, 9465, ss) == sizeof(sockaddr_in));
  CHECK(*platform::ipFromSockaddr(reinterpret_cast<sockaddr*>(&ss)) == v4);
  const IpAddr v6 = *IpAddr::parse("2001:db8::7");
  CHECK(platform::toSockaddr(v6, 9465, ss) == sizeof(sockaddr_in6));
  CHECK(*platform::ipFromSockaddr(reinterpret_cast<sockaddr*>(&ss)) == v6);
  // A v4 client on a dual-stack socket comes back as IPv4.
  sockaddr_in6 mapped{};
  mapped.sin6_family = AF_INET6;
  inet_pton(AF_INET6, "::ffff:127.0.0.1", &mapped.sin6_addr);
  const auto got = platform::ipFromSockaddr(reinterpret_cast<sockaddr*>(&mapped));
  CHECK(got.has_value());
  CHECK(got->family == IpFamily::V4);
  CHECK(*got == IpAddr::v4(0x7f000001u));
  CHECK_FALSE(platform::ipFromSockaddr(nullptr).has_value());
}
