// Bad input never crashes: every truncation of every test packet, corrupted
// headers and random datagrams go through the classifier (and nDPI), and
// every flow still ends decided with its slot back in the pool.
#include <memory>
#include <vector>

#include "agent/enrich/ndpi/ndpi_classifier.h"
#include "tests/unit/enrich/ndpi_packets.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::enrich;
using namespace edgeflow::enrich::testing;
using edgeflow::enrich::ndpi::NdpiClassifier;
using edgeflow::enrich::ndpi::NdpiOptions;

namespace {

std::vector<Bytes> samplePackets() {
  TcpConversation tls(kClient, 42001, kServer, 443);
  TcpConversation web(kClient, 42002, kServer, 80);
  TcpConversation ssh(kClient, 42003, kServer, 22);
  TcpConversation bt(kClient, 42004, kServer, 51413);
  return {
      tls.fromClient(tlsClientHello("www.youtube.com")),
      web.fromClient(httpGet("www.google.com")),
      web.fromServer(httpResponse()),
      ssh.fromClient(bytesOf("SSH-2.0-OpenSSH_9.2p1\r\n")),
      bt.fromClient(bittorrentHandshake()),
      ipv4Udp(kClient, 52000, kServer, 53, dnsQuery("www.google.com")),
      ipv6Udp(1, 52001, 2, 53, dnsQuery("www.netflix.com")),
#if EDGEFLOW_TEST_QUIC
      ipv4Udp(kClient, 52002, kServer, 443, quicInitial("www.youtube.com")),
#endif
  };
}

FlowLabels undecided() {
  FlowLabels labels;
  labels.app = kAppUndecided;
  return labels;
}

}  // namespace

TEST_GROUP(NdpiTruncation) {
  std::unique_ptr<NdpiClassifier> classifier;
  void setup() override {
    NdpiOptions options;
    options.capacity = 4;
    options.max_packets = 4;
    classifier = NdpiClassifier::create(options);
  }
  void teardown() override {
    const ClassifierStats s = classifier->stats();
    LONGS_EQUAL(0, s.in_use);
    LONGS_EQUAL(0, s.pool_exhausted);
    LONGS_EQUAL(s.started, s.classified + s.gave_up);
    classifier.reset();
  }
  // One flow of one datagram of `size` bytes (a heap copy of exactly that
  // size, so a read past it is caught by the sanitizers).
  void oneFlow(const Bytes& packet, size_t size) {
    const std::vector<uint8_t> cut(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(size));
    FlowLabels labels = undecided();
    classifier->inspect(labels, cut.data(), static_cast<uint32_t>(cut.size()), 1, true, 1'000'000);
    classifier->giveUp(labels);
    CHECK(labels.app != kAppUndecided);
    CHECK(labels.dpi_slot == kNoDpiSlot);
  }
};

TEST(NdpiTruncation, EveryTruncationOfEveryPacket) {
  for (const Bytes& packet : samplePackets()) {
    for (size_t size = 1; size <= packet.size(); ++size) oneFlow(packet, size);
  }
  CHECK(classifier->stats().started > 0);
}

// A flow whose later packets are cut short, after a first whole one.
TEST(NdpiTruncation, TruncatedPacketsInsideAFlow) {
  TcpConversation web(kClient, 42010, kServer, 80);
  const Bytes request = web.fromClient(httpGet("shop.example.net"));
  const Bytes response = web.fromServer(httpResponse());
  for (size_t size = 1; size <= response.size(); ++size) {
    FlowLabels labels = undecided();
    feed(*classifier, labels, request);
    const std::vector<uint8_t> cut(response.begin(), response.begin() + static_cast<std::ptrdiff_t>(size));
    classifier->inspect(labels, cut.data(), static_cast<uint32_t>(cut.size()), 1, false, 2'000'000);
    classifier->giveUp(labels);
    CHECK(labels.app != kAppUndecided);
  }
}

TEST(NdpiTruncation, CorruptedHeaderBytes) {
  for (const Bytes& packet : samplePackets()) {
    const size_t header = packet.size() < 64 ? packet.size() : 64;
    for (size_t at = 0; at < header; ++at) {
      for (uint8_t value : {uint8_t{0x00}, uint8_t{0xff}, uint8_t{0x7f}}) {
        Bytes bad = packet;
        bad[at] = value;
        oneFlow(bad, bad.size());
      }
    }
  }
}

TEST(NdpiTruncation, RandomDatagrams) {
  for (uint32_t seed = 0; seed < 2000; ++seed) {
    Bytes junk = randomBytes(seed, 1 + seed % 300);
    // Half of them look like IPv4 or IPv6 at the first nibble.
    if (seed % 2 == 0) junk[0] = static_cast<uint8_t>((seed % 4 == 0 ? 0x45 : 0x60) | (junk[0] & 0x00));
    oneFlow(junk, junk.size());
  }
}

// A capture longer than any IP datagram (segmentation offload): nDPI gets
// the first 65535 bytes.
TEST(NdpiTruncation, OversizedCapture) {
  TcpConversation web(kClient, 42020, kServer, 80);
  Bytes big = web.fromClient(httpGet("shop.example.net"));
  big.resize(70000, 'x');
  FlowLabels labels = undecided();
  classifier->inspect(labels, big.data(), static_cast<uint32_t>(big.size()), 69000, true, 1'000'000);
  classifier->giveUp(labels);
  CHECK(labels.app != kAppUndecided);
}
