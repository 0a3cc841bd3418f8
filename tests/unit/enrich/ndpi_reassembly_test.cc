// nDPI's TLS reassembly buffer is bounded per flow (kTlsReassemblyCap,
// ndpi_module.h): a flood whose payload starts like a TLS record claiming
// 16 KB holds nothing, a record that fits is still read, the SNI of a
// post-quantum ClientHello is never lost, and a certificate record longer
// than the cap decides a TLS flow with the label it has.
#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "agent/enrich/ndpi/ndpi_classifier.h"
#include "agent/enrich/ndpi/ndpi_module.h"
#include "tests/unit/enrich/ndpi_packets.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::enrich;
using namespace edgeflow::enrich::testing;
using edgeflow::enrich::ndpi::Detection;
using edgeflow::enrich::ndpi::kTlsReassemblyCap;
using edgeflow::enrich::ndpi::NdpiClassifier;
using edgeflow::enrich::ndpi::NdpiModule;

namespace {

constexpr size_t kSegment = 1400;

// A TLS record header: handshake (22), version 3.3, `body` bytes to follow.
Bytes recordHeader(size_t body) {
  return {0x16, 0x03, 0x03, static_cast<uint8_t>(body >> 8), static_cast<uint8_t>(body & 0xff)};
}

// `stream` cut into `count` client segments of kSegment bytes.
std::vector<Bytes> clientSegments(TcpConversation& tcp, const Bytes& stream, size_t count) {
  std::vector<Bytes> out;
  for (size_t i = 0; i < count && (i + 1) * kSegment <= stream.size(); ++i) {
    const auto from = stream.begin() + static_cast<std::ptrdiff_t>(i * kSegment);
    out.push_back(tcp.fromClient(Bytes(from, from + static_cast<std::ptrdiff_t>(kSegment))));
  }
  return out;
}

// Back-to-back fake handshake records of `record` bytes (header included)
// until `size` bytes.
Bytes fakeRecords(size_t record, size_t size) {
  Bytes stream;
  while (stream.size() < size) {
    const Bytes header = recordHeader(record - 5);
    const Bytes body = randomBytes(static_cast<uint32_t>(stream.size()), record - 5);
    stream.insert(stream.end(), header.begin(), header.end());
    stream.insert(stream.end(), body.begin(), body.end());
  }
  return stream;
}

// One flow state straight on NdpiModule, zeroed as the pool hands it out.
struct ModuleFlow {
  std::unique_ptr<NdpiModule> module = NdpiModule::create();
  std::vector<uint64_t> storage = std::vector<uint64_t>((NdpiModule::flowStateBytes() + 7) / 8, 0);
  uint64_t ts_ms = 1'700'000'000'000;
  ~ModuleFlow() { NdpiModule::releaseFlow(state()); }
  void* state() { return storage.data(); }
  Detection process(const Bytes& datagram) {
    return module->process(state(), datagram.data(), static_cast<uint16_t>(datagram.size()), ++ts_ms);
  }
  uint32_t buffered() { return NdpiModule::tlsReassemblyBytes(state()); }
};

}  // namespace

TEST_GROUP(NdpiReassembly){};

// The flood: every segment after a header claiming 16 KB. Without the cap
// nDPI appended them all (~15 KB per flow by the budget); now the buffer
// is freed at the first segment, TLS is excluded and nothing is buffered
// again.
TEST(NdpiReassembly, RecordClaimingMoreThanTheCapIsNotBuffered) {
  ModuleFlow flow;
  CHECK(flow.module != nullptr);
  TcpConversation tcp(kClient, 41000, kServer, 443);
  const std::vector<Bytes> packets = clientSegments(tcp, fakeRecords(16384 + 5, 12 * kSegment), 12);
  LONGS_EQUAL(12, packets.size());
  for (const Bytes& packet : packets) {
    const Detection found = flow.process(packet);
    LONGS_EQUAL(kAppUnknown, found.app);
    LONGS_EQUAL(0, flow.buffered());
  }
}

TEST(NdpiReassembly, FloodFlowIsGivenUpAtTheBudgetAndItsSlotFreed) {
  auto classifier = NdpiClassifier::create({});
  TcpConversation tcp(kClient, 41001, kServer, 443);
  const Outcome got = classify(*classifier, clientSegments(tcp, fakeRecords(16384 + 5, 12 * kSegment), 12));
  STRCMP_EQUAL("unknown", got.app.c_str());
  CHECK(got.slot_freed);
  LONGS_EQUAL(12, got.decided_at);
  LONGS_EQUAL(0, classifier->stats().in_use);
  LONGS_EQUAL(1, classifier->stats().gave_up);
}

// Records that fit are still reassembled, and the buffer nDPI grows to
// append a segment to a partial record is brought back to the cap.
TEST(NdpiReassembly, RecordsThatFitAreBufferedWithinTheCap) {
  ModuleFlow flow;
  TcpConversation tcp(kClient, 41002, kServer, 443);
  uint32_t most = 0;
  for (const Bytes& packet : clientSegments(tcp, fakeRecords(kTlsReassemblyCap, 12 * kSegment), 12)) {
    flow.process(packet);
    CHECK(flow.buffered() <= kTlsReassemblyCap);
    if (flow.buffered() > most) most = flow.buffered();
  }
  LONGS_EQUAL(kTlsReassemblyCap, most);
}

// A browser's ClientHello with a post-quantum key share (~1.5 KB here,
// ~1.8-2.2 KB on the wire) over two segments, and one padded to the cap:
// the name from the SNI is read.
TEST(NdpiReassembly, PostQuantumClientHelloStillNamesTheService) {
  auto classifier = NdpiClassifier::create({});
  const Bytes hellos[] = {tlsClientHello("www.youtube.com", true),
                          tlsClientHello("www.youtube.com", true, kTlsReassemblyCap)};
  CHECK(hellos[0].size() > 1400);
  LONGS_EQUAL(kTlsReassemblyCap, hellos[1].size());
  uint16_t port = 41010;
  for (const Bytes& hello : hellos) {
    TcpConversation tcp(kClient, port++, kServer, 443);
    std::vector<Bytes> packets;
    for (size_t at = 0; at < hello.size(); at += kSegment) {
      const auto from = hello.begin() + static_cast<std::ptrdiff_t>(at);
      const auto to = hello.begin() + static_cast<std::ptrdiff_t>(std::min(at + kSegment, hello.size()));
      packets.push_back(tcp.fromClient(Bytes(from, to)));
    }
    const Outcome got = classify(*classifier, packets);
    STRCMP_EQUAL("YouTube", got.app.c_str());
    CHECK(got.slot_freed);
    LONGS_EQUAL(static_cast<int>(packets.size()), got.decided_at);
  }
}

// One byte more than the cap: TLS is not reassembled, so not even a real
// ClientHello names the flow (the limit docs/applications.md states).
TEST(NdpiReassembly, ClientHelloLongerThanTheCapIsNotRead) {
  auto classifier = NdpiClassifier::create({});
  const Bytes hello = tlsClientHello("www.youtube.com", true, kTlsReassemblyCap + 1);
  TcpConversation tcp(kClient, 41020, kServer, 443);
  std::vector<Bytes> packets;
  for (size_t at = 0; at < hello.size(); at += kSegment) {
    const auto from = hello.begin() + static_cast<std::ptrdiff_t>(at);
    const auto to = hello.begin() + static_cast<std::ptrdiff_t>(std::min(at + kSegment, hello.size()));
    packets.push_back(tcp.fromClient(Bytes(from, to)));
  }
  STRCMP_EQUAL("unknown", classify(*classifier, packets).app.c_str());
}

// A TLS flow with an unknown name waits for the server's certificate; a
// certificate record longer than the cap (a long chain) ends the wait: the
// flow is TLS at that packet, nothing buffered.
TEST(NdpiReassembly, CertificateRecordLongerThanTheCapDecidesTheFlow) {
  ModuleFlow flow;
  TcpConversation tcp(kClient, 41030, kServer, 443);
  Detection found = flow.process(tcp.fromClient(tlsClientHello("shop.example.net")));
  STRCMP_EQUAL("TLS", std::string(flow.module->protocolName(found.app)).c_str());
  CHECK_FALSE(found.final);
  Bytes certificate = recordHeader(6000);
  const Bytes body = randomBytes(3, kSegment - 5);
  certificate.insert(certificate.end(), body.begin(), body.end());
  certificate[5] = 0x0b;  // Certificate
  certificate[6] = 0x00;
  certificate[7] = static_cast<uint8_t>((6000 - 4) >> 8);
  certificate[8] = static_cast<uint8_t>((6000 - 4) & 0xff);
  found = flow.process(tcp.fromServer(certificate));
  STRCMP_EQUAL("TLS", std::string(flow.module->protocolName(found.app)).c_str());
  CHECK_TRUE(found.final);
  LONGS_EQUAL(0, flow.buffered());
}
