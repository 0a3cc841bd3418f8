// What nDPI answers, through NdpiClassifier, for hand-built packets of
// common applications: the label, its category and the payload packet at
// which the flow is decided. docs/applications.md carries the same table;
// a traffic generator's truth must match it.
#include <memory>
#include <string>
#include <vector>

#include "agent/enrich/ndpi/ndpi_classifier.h"
#include "tests/unit/enrich/ndpi_packets.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::enrich;
using namespace edgeflow::enrich::testing;
using edgeflow::enrich::ndpi::NdpiClassifier;

namespace {

void checkOutcome(const Outcome& got, const char* app, const char* category, int decided_at) {
  CHECK(got.slot_freed);
  STRCMP_EQUAL(app, got.app.c_str());
  STRCMP_EQUAL(category, got.category.c_str());
  LONGS_EQUAL(decided_at, got.decided_at);
}

std::vector<Bytes> tlsFlow(std::string_view sni) {
  TcpConversation tcp(kClient, 40001, kServer, 443);
  return {tcp.fromClient(tlsClientHello(sni)), tcp.fromServer(randomBytes(7, 1400))};
}

std::vector<Bytes> randomTcp(uint32_t client, uint16_t client_port, uint32_t server, uint16_t server_port, int count) {
  TcpConversation tcp(client, client_port, server, server_port);
  std::vector<Bytes> out;
  for (int i = 0; i < count; ++i) {
    const Bytes payload = randomBytes(static_cast<uint32_t>(client_port + i), 300);
    out.push_back(i % 2 == 0 ? tcp.fromClient(payload) : tcp.fromServer(payload));
  }
  return out;
}

}  // namespace

TEST_GROUP(NdpiLabels) {
  std::unique_ptr<NdpiClassifier> classifier;
  void setup() override { classifier = NdpiClassifier::create({}); }
  void teardown() override {
    if (classifier) LONGS_EQUAL(0, classifier->stats().in_use);
    classifier.reset();
  }
};

TEST(NdpiLabels, TlsClientHelloNamesTheServiceFromTheSni) {
  checkOutcome(classify(*classifier, tlsFlow("www.youtube.com")), "YouTube", "Media", 1);
  checkOutcome(classify(*classifier, tlsFlow("www.netflix.com")), "NetFlix", "Video", 1);
  checkOutcome(classify(*classifier, tlsFlow("www.facebook.com")), "Facebook", "SocialNetwork", 1);
  LONGS_EQUAL(3, classifier->stats().classified);
}

// A name nDPI does not know: TLS from the ClientHello on, but nDPI keeps
// looking (a TLS 1.2 certificate could still name the service), so only the
// budget, the DPI timeout or the flow's end decides a flow that says no
// more.
TEST(NdpiLabels, TlsWithAnUnknownSniIsTlsWhenGivenUp) {
  TcpConversation tcp(kClient, 40001, kServer, 443);
  checkOutcome(classify(*classifier, {tcp.fromClient(tlsClientHello("shop.example.net"))}), "TLS", "Web", 0);
  LONGS_EQUAL(1, classifier->stats().gave_up);
}

// Server bytes that are not TLS records end nDPI's look for a certificate
// (the record header check of newer nDPI releases, applied by the module):
// TLS at the server's first packet.
TEST(NdpiLabels, TlsWhoseServerSendsNoRecordsIsDecidedAtOnce) {
  checkOutcome(classify(*classifier, tlsFlow("shop.example.net")), "TLS", "Web", 2);

  TcpConversation tcp(kClient, 40002, kServer, 443);
  std::vector<Bytes> packets{tcp.fromClient(tlsClientHello("shop.example.net"))};
  for (int i = 0; i < 11; ++i) packets.push_back(tcp.fromServer(randomBytes(static_cast<uint32_t>(i), 1400)));
  checkOutcome(classify(*classifier, packets), "TLS", "Web", 2);
  LONGS_EQUAL(2, classifier->stats().classified);
}

// Application data from the server after the ClientHello: the handshake is
// over, no certificate can come in clear text, the flow is TLS at once.
TEST(NdpiLabels, TlsIsDecidedWhenTheServerSendsApplicationData) {
  TcpConversation tcp(kClient, 40003, kServer, 443);
  const std::vector<Bytes> packets{tcp.fromClient(tlsClientHello("shop.example.net")),
                                   tcp.fromServer(tlsApplicationData(7, 1200)),
                                   tcp.fromServer(tlsApplicationData(8, 1200))};
  checkOutcome(classify(*classifier, packets), "TLS", "Web", 2);
  LONGS_EQUAL(1, classifier->stats().classified);
}

// Application data from the client ends the handshake too: a TLS 1.2
// client sends it only after the server's certificate, TLS 1.3 encrypts the
// certificate.
TEST(NdpiLabels, TlsIsDecidedWhenTheClientSendsApplicationData) {
  TcpConversation tcp(kClient, 40004, kServer, 443);
  const std::vector<Bytes> packets{tcp.fromClient(tlsClientHello("shop.example.net")),
                                   tcp.fromClient(tlsApplicationData(1, 300)),
                                   tcp.fromServer(tlsApplicationData(3, 1200))};
  checkOutcome(classify(*classifier, packets), "TLS", "Web", 2);
}

// Application data alone, in both directions, without a hello seen (the
// capture began mid-connection): nDPI 4.2 names nothing from it.
TEST(NdpiLabels, ApplicationDataWithoutAHelloIsNotTls) {
  TcpConversation tcp(kClient, 40007, kServer, 443);
  const std::vector<Bytes> packets{tcp.fromClient(tlsApplicationData(1, 300)),
                                   tcp.fromServer(tlsApplicationData(2, 1200))};
  checkOutcome(classify(*classifier, packets), "unknown", "", 0);
}

// Only a segment that starts a record counts: here the server's first
// record (a handshake record of 4000 bytes) spans segments, and the second
// segment happens to begin like an application-data header. It is
// ciphertext of the record in progress, so the flow stays open.
TEST(NdpiLabels, ApplicationDataCountsOnlyWhereARecordStarts) {
  TcpConversation tcp(kClient, 40005, kServer, 443);
  Bytes first{0x16, 0x03, 0x03, 4000 >> 8, 4000 & 0xff};
  first.resize(1400, 0);
  Bytes second = randomBytes(9, 1400);
  second[0] = 0x17;
  second[1] = 0x03;
  second[2] = 0x03;
  const std::vector<Bytes> packets{tcp.fromClient(tlsClientHello("shop.example.net")), tcp.fromServer(first),
                                   tcp.fromServer(second)};
  checkOutcome(classify(*classifier, packets), "TLS", "Web", 0);
  LONGS_EQUAL(1, classifier->stats().gave_up);
}

TEST(NdpiLabels, HttpHostNamesTheServiceAtTheRequest) {
  TcpConversation tcp(kClient, 40010, kServer, 80);
  checkOutcome(classify(*classifier, {tcp.fromClient(httpGet("www.google.com"))}), "Google", "Web", 1);
}

TEST(NdpiLabels, PlainHttpIsDecidedByTheResponse) {
  TcpConversation tcp(kClient, 40011, kServer, 80);
  checkOutcome(classify(*classifier, {tcp.fromClient(httpGet("shop.example.net")), tcp.fromServer(httpResponse())}),
               "HTTP", "Web", 2);
  // The request alone: HTTP once given up.
  TcpConversation one_way(kClient, 40012, kServer, 80);
  checkOutcome(classify(*classifier, {one_way.fromClient(httpGet("shop.example.net"))}), "HTTP", "Web", 0);
}

// nDPI names the queried domain's owner (Google) for a DNS query; the label
// rule keeps DNS.
TEST(NdpiLabels, DnsQueryIsDnsWhateverItAsks) {
  checkOutcome(classify(*classifier, {ipv4Udp(kClient, 50000, kServer, 53, dnsQuery("www.google.com"))}), "DNS",
               "Network", 1);
  checkOutcome(classify(*classifier, {ipv4Udp(kClient, 50001, kServer, 53, dnsQuery("shop.example.net"))}), "DNS",
               "Network", 1);
  checkOutcome(classify(*classifier, {ipv6Udp(1, 50002, 2, 53, dnsQuery("www.youtube.com"))}), "DNS", "Network", 1);
}

// SSH is known from either banner; nDPI then waits for the key exchange
// (for its fingerprints), so the budget or the flow's end decides.
TEST(NdpiLabels, SshBannerIsSsh) {
  TcpConversation client_only(kClient, 40020, kServer, 22);
  checkOutcome(classify(*classifier, {client_only.fromClient(bytesOf("SSH-2.0-OpenSSH_9.2p1\r\n"))}), "SSH",
               "RemoteAccess", 0);
  TcpConversation both(kClient, 40021, kServer, 2222);
  checkOutcome(classify(*classifier, {both.fromClient(bytesOf("SSH-2.0-OpenSSH_9.2p1\r\n")),
                                      both.fromServer(bytesOf("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6\r\n"))}),
               "SSH", "RemoteAccess", 0);
}

TEST(NdpiLabels, BitTorrentHandshakeIsBitTorrent) {
  TcpConversation tcp(kClient, 40030, kServer, 51413);
  checkOutcome(classify(*classifier, {tcp.fromClient(bittorrentHandshake())}), "BitTorrent", "Download", 1);
}

#if EDGEFLOW_TEST_QUIC
// nDPI 4.2 built with libgcrypt (Debian's) removes the Initial protection
// and reads the ClientHello inside; built without (toolchains/deps), it
// knows QUIC by the header only.
TEST(NdpiLabels, QuicInitialIsDecryptedAndNamedFromTheSni) {
  const bool decrypts = NdpiClassifier::decryptsQuic();
  checkOutcome(classify(*classifier, {ipv4Udp(kClient, 50010, kServer, 443, quicInitial("www.youtube.com"))}),
               decrypts ? "YouTube" : "QUIC", decrypts ? "Media" : "Web", 1);
  checkOutcome(classify(*classifier, {ipv4Udp(kClient, 50011, kServer, 443, quicInitial("www.facebook.com"))}),
               decrypts ? "Facebook" : "QUIC", decrypts ? "SocialNetwork" : "Web", 1);
  checkOutcome(classify(*classifier, {ipv4Udp(kClient, 50012, kServer, 443, quicInitial("shop.example.net"))}),
               "QUIC", "Web", 1);
}

// An Initial whose payload does not decrypt is still QUIC by its header.
TEST(NdpiLabels, QuicInitialThatDoesNotDecryptIsQuic) {
  Bytes initial = quicInitial("www.youtube.com");
  for (size_t i = 200; i < 260; ++i) initial[i] ^= 0x5a;
  checkOutcome(classify(*classifier, {ipv4Udp(kClient, 50013, kServer, 443, initial)}), "QUIC", "Web", 1);
}
#endif

TEST(NdpiLabels, RandomBytesAreUnknownOnceTheBudgetIsSpent) {
  checkOutcome(classify(*classifier, randomTcp(kClient, 40040, kServer, 5555, 20)), "unknown", "", 12);
  std::vector<Bytes> udp;
  for (uint32_t i = 0; i < 20; ++i) udp.push_back(ipv4Udp(kClient, 40041, kServer, 9999, randomBytes(i + 100, 200)));
  checkOutcome(classify(*classifier, udp), "unknown", "", 12);
  LONGS_EQUAL(2, classifier->stats().gave_up);
}

// Never by port: random bytes on 443 and 53 stay unknown.
TEST(NdpiLabels, GivingUpNeverGuessesByPort) {
  checkOutcome(classify(*classifier, randomTcp(kClient, 40042, kServer, 443, 3)), "unknown", "", 0);
  checkOutcome(classify(*classifier, {ipv4Udp(kClient, 40043, kServer, 53, randomBytes(9, 40))}), "unknown", "", 0);
  // Nor by address: 142.250.0.0/15 is in nDPI's Google list.
  checkOutcome(classify(*classifier, randomTcp(kClient, 40044, ipv4(142, 250, 74, 78), 443, 3)), "unknown", "", 0);
}

// nDPI 4.2 remembers BitTorrent peers (the host pair and each ip:port) and
// labels a later flow that shares them BitTorrent, although its bytes are
// random: at once when its ports suggest nothing to nDPI; from the 9th
// payload packet when they do (443 suggests TLS), and then nDPI keeps
// looking, so the budget decides. Flows of other hosts are not touched.
TEST(NdpiLabels, BitTorrentPeersAreRemembered) {
  TcpConversation bt(kClient, 40050, kServer, 51413);
  checkOutcome(classify(*classifier, {bt.fromClient(bittorrentHandshake())}), "BitTorrent", "Download", 1);
  checkOutcome(classify(*classifier, randomTcp(kClient, 40051, kServer, 5555, 20)), "BitTorrent", "Download", 1);
  checkOutcome(classify(*classifier, randomTcp(kClient, 40052, kServer, 443, 20)), "BitTorrent", "Download", 12);
  checkOutcome(classify(*classifier, randomTcp(kClient, 40053, kServer, 443, 8)), "unknown", "", 0);
  checkOutcome(classify(*classifier, randomTcp(kClient, 40054, kServer, 443, 9)), "BitTorrent", "Download", 0);
  checkOutcome(classify(*classifier, randomTcp(ipv4(192, 0, 2, 77), 40055, ipv4(203, 0, 113, 5), 5555, 20)),
               "unknown", "", 12);
}

// nDPI 4.2 needs neither the SYN nor the handshake; they take no slot.
TEST(NdpiLabels, HandshakeIsNotNeeded) {
  TcpConversation tcp(kClient, 40060, kServer, 443);
  FlowLabels labels;
  labels.app = kAppUndecided;
  feed(*classifier, labels, tcp.syn());
  feed(*classifier, labels, tcp.synAck());
  feed(*classifier, labels, tcp.ack());
  LONGS_EQUAL(0, classifier->stats().started);
  CHECK(labels.dpi_slot == kNoDpiSlot);
  feed(*classifier, labels, tcp.fromClient(tlsClientHello("www.youtube.com")));
  STRCMP_EQUAL("YouTube", std::string(classifier->appName(labels.app)).c_str());
  LONGS_EQUAL(1, classifier->stats().started);
}

TEST(NdpiLabels, SpecialIdsHaveFixedNames) {
  STRCMP_EQUAL("unknown", std::string(classifier->appName(kAppUnknown)).c_str());
  STRCMP_EQUAL("unclassified", std::string(classifier->appName(kAppUnclassified)).c_str());
  STRCMP_EQUAL("", std::string(classifier->appCategory(kAppUnknown)).c_str());
  STRCMP_EQUAL("", std::string(classifier->appCategory(kAppUnclassified)).c_str());
  // An id past nDPI's table.
  STRCMP_EQUAL("unknown", std::string(classifier->appName(60000)).c_str());
  STRCMP_EQUAL("", std::string(classifier->appCategory(60000)).c_str());
  STRCMP_EQUAL("4.2.0", std::string(NdpiClassifier::ndpiVersion()).c_str());
}
