// TlsProgress and tcpSegmentOf (agent/enrich/ndpi/tls_progress.h): the
// direction of a segment, where its payload starts, and when a TLS
// handshake is over.
#include <vector>

#include "agent/enrich/ndpi/tls_progress.h"
#include "tests/unit/enrich/ndpi_packets.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::enrich::testing;
using edgeflow::enrich::ndpi::TcpSegment;
using edgeflow::enrich::ndpi::tcpSegmentOf;
using edgeflow::enrich::ndpi::TlsProgress;

namespace {

constexpr uint32_t kIpv4Header = 20;

bool segmentOf(const Bytes& datagram, TcpSegment& out) {
  return tcpSegmentOf(datagram.data(), static_cast<uint32_t>(datagram.size()), datagram.data() + kIpv4Header,
                      static_cast<uint32_t>(datagram.size()) - kIpv4Header, out);
}

TcpSegment segment(uint8_t direction, const Bytes& payload) {
  TcpSegment out;
  out.direction = direction;
  out.payload = payload.data();
  out.payload_len = static_cast<uint32_t>(payload.size());
  return out;
}

}  // namespace

TEST_GROUP(TlsProgress){};

TEST(TlsProgress, DirectionFollowsTheAddressesThenThePorts) {
  const Bytes payload = bytesOf("hello");
  TcpConversation tcp(kClient, 40000, kServer, 443);  // 192.0.2.10 < 198.51.100.20
  const Bytes from_client = tcp.fromClient(payload);
  const Bytes from_server = tcp.fromServer(payload);
  TcpSegment up;
  TcpSegment down;
  CHECK(segmentOf(from_client, up));
  CHECK(segmentOf(from_server, down));
  LONGS_EQUAL(0, up.direction);
  LONGS_EQUAL(1, down.direction);
  LONGS_EQUAL(5, up.payload_len);
  MEMCMP_EQUAL("hello", up.payload, 5);

  // Same address both ends: the lower port is direction 0.
  TcpSegment low;
  TcpSegment high;
  CHECK(segmentOf(ipv4Tcp({kClient, kClient, 1000, 2000}, payload), low));
  CHECK(segmentOf(ipv4Tcp({kClient, kClient, 2000, 1000}, payload), high));
  LONGS_EQUAL(0, low.direction);
  LONGS_EQUAL(1, high.direction);
}

TEST(TlsProgress, CutHeadersAreRejected) {
  const Bytes datagram = ipv4Tcp({}, bytesOf("x"));
  TcpSegment out;
  for (uint32_t cut = 0; cut < kIpv4Header + 20; ++cut) {
    const uint32_t l4_len = cut > kIpv4Header ? cut - kIpv4Header : 0;
    CHECK_FALSE(tcpSegmentOf(datagram.data(), cut, datagram.data() + kIpv4Header, l4_len, out));
  }
  // A data offset past the segment's end.
  Bytes bad = datagram;
  bad[kIpv4Header + 12] = 0xf0;
  CHECK_FALSE(segmentOf(bad, out));
  // Not IPv4 or IPv6.
  bad = datagram;
  bad[0] = 0x55;
  CHECK_FALSE(segmentOf(bad, out));
}

TEST(TlsProgress, HelloThenApplicationDataEitherWay) {
  const Bytes data = tlsApplicationData(1, 100);
  for (uint8_t direction = 0; direction < 2; ++direction) {
    TlsProgress progress;
    progress.onSegment(segment(0, tlsClientHello("shop.example.net")), true);
    progress.onHello(0);
    CHECK_FALSE(progress.handshakeOver());
    progress.onSegment(segment(1, randomBytes(3, 100)), true);
    CHECK_FALSE(progress.handshakeOver());
    // The first segment of a direction starts a record whatever nDPI holds.
    TlsProgress fresh = progress;
    fresh.payload_seen = 1;
    fresh.onSegment(segment(1, data), false);
    CHECK(fresh.handshakeOver());
    progress.onSegment(segment(direction, data), true);
    CHECK(progress.handshakeOver());
  }
}

TEST(TlsProgress, TheFirstHelloIsKept) {
  TlsProgress progress;
  progress.onHello(1);
  progress.onHello(0);
  LONGS_EQUAL(2, progress.hello);
  progress.onSegment(segment(1, tlsApplicationData(1, 100)), true);
  CHECK(progress.handshakeOver());
}

TEST(TlsProgress, ApplicationDataBothWaysWithoutAHello) {
  TlsProgress progress;
  progress.onSegment(segment(0, tlsApplicationData(1, 100)), true);
  CHECK_FALSE(progress.handshakeOver());
  progress.onSegment(segment(1, tlsApplicationData(2, 100)), true);
  CHECK(progress.handshakeOver());
}

TEST(TlsProgress, OnlySegmentsThatStartARecordCount) {
  TlsProgress progress;
  progress.onHello(0);
  progress.onSegment(segment(1, randomBytes(1, 100)), true);
  // Later segments of direction 1 while a record is in progress.
  progress.onSegment(segment(1, tlsApplicationData(2, 100)), false);
  CHECK_FALSE(progress.handshakeOver());
  // Not application data: other record types, other versions, too short.
  for (const Bytes& payload : {Bytes{0x16, 0x03, 0x03, 0, 1, 0}, Bytes{0x17, 0x02, 0x00, 0, 1, 0},
                               Bytes{0x17, 0x03, 0x05, 0, 1, 0}, Bytes{0x17, 0x03}, Bytes{}}) {
    progress.onSegment(segment(1, payload), true);
    CHECK_FALSE(progress.handshakeOver());
  }
  progress.onSegment(segment(1, Bytes{0x17, 0x03, 0x01}), true);
  CHECK(progress.handshakeOver());
}
