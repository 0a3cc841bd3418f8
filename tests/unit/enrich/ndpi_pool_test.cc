// NdpiClassifier's slot pool: a slot only while a flow with payload is
// undecided, freed at the verdict, the budget or giveUp(); a full pool
// labels the flow unclassified and counts it.
#include <memory>
#include <string>
#include <vector>

#include "agent/enrich/ndpi/ndpi_classifier.h"
#include "tests/unit/enrich/ndpi_packets.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::enrich;
using namespace edgeflow::enrich::testing;
using edgeflow::enrich::ndpi::NdpiClassifier;
using edgeflow::enrich::ndpi::NdpiOptions;

namespace {

FlowLabels undecided() {
  FlowLabels labels;
  labels.app = kAppUndecided;
  return labels;
}

Bytes randomPacket(uint16_t client_port, uint32_t seed) {
  return ipv4Tcp({kClient, kServer, client_port, 5555, kTcpAck | kTcpPsh, 1000 + seed * 300, 1}, randomBytes(seed, 300));
}

void checkConserved(const ClassifierStats& s) {
  LONGS_EQUAL(s.started, s.classified + s.gave_up + s.in_use);
}

}  // namespace

TEST_GROUP(NdpiPool) {
  std::unique_ptr<NdpiClassifier> classifier;
  void make(uint32_t capacity, uint32_t max_packets) {
    NdpiOptions options;
    options.capacity = capacity;
    options.max_packets = max_packets;
    classifier = NdpiClassifier::create(options);
    CHECK(classifier != nullptr);
  }
  void teardown() override { classifier.reset(); }
};

TEST(NdpiPool, StatsDescribeThePool) {
  make(8, 12);
  const ClassifierStats s = classifier->stats();
  LONGS_EQUAL(8, s.capacity);
  // nDPI 4.2's struct ndpi_flow_struct (688 bytes) and the module's 3 bytes
  // of TLS progress, rounded to 16 bytes.
  LONGS_EQUAL(704, s.state_bytes);
  LONGS_EQUAL(0, s.in_use);
  LONGS_EQUAL(0, s.started);
}

TEST(NdpiPool, CapacityIsClampedToTheSlotNumbers) {
  make(1'048'576, 12);
  LONGS_EQUAL(65535, classifier->stats().capacity);
  classifier.reset();
  make(0, 12);
  LONGS_EQUAL(1, classifier->stats().capacity);
}

TEST(NdpiPool, BareSynNeverTakesASlot) {
  make(4, 12);
  FlowLabels labels = undecided();
  TcpConversation tcp(kClient, 41000, kServer, 443);
  for (int i = 0; i < 5; ++i) feed(*classifier, labels, tcp.syn());
  feed(*classifier, labels, tcp.ack());
  CHECK(labels.app == kAppUndecided);
  CHECK(labels.dpi_slot == kNoDpiSlot);
  LONGS_EQUAL(0, classifier->stats().started);
  LONGS_EQUAL(0, classifier->stats().in_use);
  // The flow ends: unknown, and nothing was inspected or given up.
  classifier->giveUp(labels);
  CHECK(labels.app == kAppUnknown);
  LONGS_EQUAL(0, classifier->stats().gave_up);
}

TEST(NdpiPool, BudgetGivesUpAndFreesTheSlot) {
  make(4, 3);
  FlowLabels labels = undecided();
  feed(*classifier, labels, randomPacket(41001, 1));
  feed(*classifier, labels, randomPacket(41001, 2));
  CHECK(labels.app == kAppUndecided);
  CHECK(labels.dpi_slot != kNoDpiSlot);
  LONGS_EQUAL(1, classifier->stats().in_use);
  // Packets without payload do not count against the budget.
  feed(*classifier, labels, ipv4Tcp({kClient, kServer, 41001, 5555, kTcpAck, 1, 1}, {}));
  CHECK(labels.app == kAppUndecided);
  feed(*classifier, labels, randomPacket(41001, 3));
  CHECK(labels.app == kAppUnknown);
  CHECK(labels.dpi_slot == kNoDpiSlot);
  const ClassifierStats s = classifier->stats();
  LONGS_EQUAL(1, s.gave_up);
  LONGS_EQUAL(0, s.classified);
  LONGS_EQUAL(0, s.in_use);
  checkConserved(s);
}

// The DPI timeout and the flow's end reach the classifier as giveUp(): it
// keeps what nDPI found so far.
TEST(NdpiPool, GiveUpKeepsWhatWasFound) {
  make(4, 12);
  FlowLabels labels = undecided();
  TcpConversation tcp(kClient, 41002, kServer, 22);
  feed(*classifier, labels, tcp.fromClient(bytesOf("SSH-2.0-OpenSSH_9.2p1\r\n")));
  CHECK(labels.app == kAppUndecided);
  LONGS_EQUAL(1, classifier->stats().in_use);
  classifier->giveUp(labels);
  STRCMP_EQUAL("SSH", std::string(classifier->appName(labels.app)).c_str());
  CHECK(labels.dpi_slot == kNoDpiSlot);
  LONGS_EQUAL(0, classifier->stats().in_use);
  LONGS_EQUAL(1, classifier->stats().gave_up);
  // Decided: later calls change nothing.
  const AppId decided = labels.app;
  classifier->giveUp(labels);
  feed(*classifier, labels, tcp.fromClient(randomBytes(1, 100)));
  LONGS_EQUAL(decided, labels.app);
  LONGS_EQUAL(1, classifier->stats().gave_up);
  LONGS_EQUAL(1, classifier->stats().started);
}

TEST(NdpiPool, FullPoolLabelsUnclassifiedAndCountsIt) {
  make(2, 12);
  FlowLabels a = undecided();
  FlowLabels b = undecided();
  FlowLabels c = undecided();
  feed(*classifier, a, randomPacket(41010, 1));
  feed(*classifier, b, randomPacket(41011, 2));
  LONGS_EQUAL(2, classifier->stats().in_use);
  // No payload yet: the third flow waits without a slot and is not refused.
  feed(*classifier, c, ipv4Tcp({kClient, kServer, 41012, 5555, kTcpSyn, 1, 0}, {}));
  CHECK(c.app == kAppUndecided);
  LONGS_EQUAL(0, classifier->stats().pool_exhausted);
  feed(*classifier, c, randomPacket(41012, 3));
  CHECK(c.app == kAppUnclassified);
  CHECK(c.dpi_slot == kNoDpiSlot);
  STRCMP_EQUAL("unclassified", std::string(classifier->appName(c.app)).c_str());
  const ClassifierStats s = classifier->stats();
  LONGS_EQUAL(1, s.pool_exhausted);
  LONGS_EQUAL(2, s.started);
  LONGS_EQUAL(2, s.peak_in_use);
  // A slot comes free: the next flow is inspected again.
  classifier->giveUp(a);
  FlowLabels d = undecided();
  TcpConversation tcp(kClient, 41013, kServer, 443);
  feed(*classifier, d, tcp.fromClient(tlsClientHello("www.netflix.com")));
  STRCMP_EQUAL("NetFlix", std::string(classifier->appName(d.app)).c_str());
  classifier->giveUp(b);
  LONGS_EQUAL(0, classifier->stats().in_use);
  checkConserved(classifier->stats());
}

TEST(NdpiPool, SlotsAreReused) {
  make(2, 12);
  for (uint16_t i = 0; i < 1000; ++i) {
    FlowLabels labels = undecided();
    const uint16_t port = static_cast<uint16_t>(20000 + i);
    if (i % 2 == 0) {
      TcpConversation tcp(kClient, port, kServer, 443);
      feed(*classifier, labels, tcp.fromClient(tlsClientHello(i % 4 == 0 ? "www.youtube.com" : "www.facebook.com")));
    } else {
      feed(*classifier, labels, ipv4Udp(kClient, port, kServer, 53, dnsQuery("www.google.com", i)));
    }
    CHECK(labels.app != kAppUndecided);
    CHECK(labels.app != kAppUnclassified);
    CHECK(labels.dpi_slot == kNoDpiSlot);
  }
  const ClassifierStats s = classifier->stats();
  LONGS_EQUAL(1000, s.started);
  LONGS_EQUAL(1000, s.classified);
  LONGS_EQUAL(0, s.pool_exhausted);
  LONGS_EQUAL(1, s.peak_in_use);
  LONGS_EQUAL(0, s.in_use);
}

// Two flows interleaved in two slots, each keeps its own state.
TEST(NdpiPool, InterleavedFlowsKeepTheirOwnState) {
  make(2, 12);
  FlowLabels http = undecided();
  FlowLabels ssh = undecided();
  TcpConversation web(kClient, 41020, kServer, 80);
  TcpConversation shell(kClient, 41021, kServer, 22);
  feed(*classifier, http, web.fromClient(httpGet("shop.example.net")));
  feed(*classifier, ssh, shell.fromClient(bytesOf("SSH-2.0-OpenSSH_9.2p1\r\n")));
  CHECK(http.dpi_slot != ssh.dpi_slot);
  feed(*classifier, http, web.fromServer(httpResponse()));
  STRCMP_EQUAL("HTTP", std::string(classifier->appName(http.app)).c_str());
  classifier->giveUp(ssh);
  STRCMP_EQUAL("SSH", std::string(classifier->appName(ssh.app)).c_str());
  checkConserved(classifier->stats());
}

// nDPI can do nothing with a datagram it finds no transport header in
// (cut by the snap length, a fragment): it takes no slot.
TEST(NdpiPool, DatagramWithoutTransportTakesNoSlot) {
  make(4, 12);
  FlowLabels labels = undecided();
  TcpConversation tcp(kClient, 41040, kServer, 443);
  Bytes hello = tcp.fromClient(tlsClientHello("www.youtube.com"));
  hello.resize(120);  // the IP header says more
  feed(*classifier, labels, hello);
  CHECK(labels.app == kAppUndecided);
  CHECK(labels.dpi_slot == kNoDpiSlot);
  LONGS_EQUAL(0, classifier->stats().started);
}

// A flow state holds one transport's state: a datagram of another (which a
// correct flow key never gives, but a bad one could) is not shown to nDPI
// and does not count; the state is freed without a leak.
TEST(NdpiPool, OtherTransportInAFlowIsIgnored) {
  make(4, 3);
  FlowLabels labels = undecided();
  TcpConversation tcp(kClient, 41041, kServer, 443);
  const Bytes hello = tlsClientHello("shop.example.net");
  // Half a ClientHello: nDPI keeps the partial TLS record in a buffer.
  feed(*classifier, labels, tcp.fromClient(Bytes(hello.begin(), hello.begin() + 100)));
  CHECK(labels.dpi_slot != kNoDpiSlot);
  for (uint32_t i = 0; i < 5; ++i) {
    feed(*classifier, labels, ipv4Udp(kClient, 41041, kServer, 443, randomBytes(i, 60)));
  }
  CHECK(labels.app == kAppUndecided);
  classifier->giveUp(labels);
  CHECK(labels.app == kAppUnknown);
  LONGS_EQUAL(1, classifier->stats().gave_up);
}

// Flows still undecided when the classifier goes: their nDPI data is freed
// (the sanitizer and valgrind runs see no leak).
TEST(NdpiPool, UndecidedFlowsAreFreedAtShutdown) {
  make(4, 12);
  FlowLabels a = undecided();
  FlowLabels b = undecided();
  TcpConversation web(kClient, 41030, kServer, 80);
  TcpConversation tls(kClient, 41031, kServer, 443);
  feed(*classifier, a, web.fromClient(httpGet("shop.example.net", "/a/long/path?with=query")));
  feed(*classifier, b, tls.fromClient(tlsClientHello("shop.example.net")));
  LONGS_EQUAL(2, classifier->stats().in_use);
  classifier.reset();
}
