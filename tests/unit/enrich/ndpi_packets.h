// Hand-built IP datagrams and application payloads for the classifier's
// tests, fuzz seeds and cost bench. Each payload follows its protocol's wire
// format (the fields a real client sends), so what the classifier answers
// for it is what it answers on the wire. Checksums are left zero: the
// classifier does not check them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "agent/enrich/classifier.h"

namespace edgeflow::enrich::testing {

using Bytes = std::vector<uint8_t>;

// IPv4 address from four octets, host order.
constexpr uint32_t ipv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  return static_cast<uint32_t>(a) << 24 | static_cast<uint32_t>(b) << 16 | static_cast<uint32_t>(c) << 8 | d;
}

// Addresses from the documentation ranges (RFC 5737): no IP-based match.
constexpr uint32_t kClient = ipv4(192, 0, 2, 10);
constexpr uint32_t kServer = ipv4(198, 51, 100, 20);

constexpr uint8_t kTcpFin = 0x01;
constexpr uint8_t kTcpSyn = 0x02;
constexpr uint8_t kTcpPsh = 0x08;
constexpr uint8_t kTcpAck = 0x10;

struct TcpSpec {
  uint32_t src = kClient;
  uint32_t dst = kServer;
  uint16_t src_port = 40000;
  uint16_t dst_port = 443;
  uint8_t flags = kTcpAck | kTcpPsh;
  uint32_t seq = 1000;
  uint32_t ack = 5000;
};

// IPv4 + TCP (20-byte header) + payload.
Bytes ipv4Tcp(const TcpSpec& spec, const Bytes& payload);
// IPv4 + UDP + payload.
Bytes ipv4Udp(uint32_t src, uint16_t src_port, uint32_t dst, uint16_t dst_port, const Bytes& payload);
// IPv6 (no extension headers) + UDP + payload; addresses 2001:db8::<src>, 2001:db8::<dst>.
Bytes ipv6Udp(uint16_t src, uint16_t src_port, uint16_t dst, uint16_t dst_port, const Bytes& payload);

// A TCP conversation: packets in both directions with sequence numbers that
// follow each other, as a capture would show them.
class TcpConversation {
 public:
  TcpConversation(uint32_t client, uint16_t client_port, uint32_t server, uint16_t server_port);
  Bytes syn();
  Bytes synAck();
  Bytes ack();  // client's bare ACK
  Bytes fromClient(const Bytes& payload);
  Bytes fromServer(const Bytes& payload);

 private:
  uint32_t client_;
  uint16_t client_port_;
  uint32_t server_;
  uint16_t server_port_;
  uint32_t client_seq_ = 0x11000000;
  uint32_t server_seq_ = 0x22000000;
};

// The transport payload length of a datagram these builders made.
uint32_t payloadLength(const Bytes& datagram);

// Payloads.
// A TLS 1.3 ClientHello handshake message (no record header) with `sni`;
// `quic` gives the QUIC flavour (ALPN h3, transport parameters, no
// TLS 1.2 suites); `post_quantum` adds an X25519MLKEM768 key share (1216
// bytes) as browsers send; a padding extension makes the message
// `message_size` bytes when that is more than it has.
Bytes clientHelloMessage(std::string_view sni, bool quic, bool post_quantum = false, size_t message_size = 0);
// The ClientHello in a TLS handshake record, as the first TCP payload;
// `record_size`: the record's size, header included, when more than it needs.
Bytes tlsClientHello(std::string_view sni, bool post_quantum = false, size_t record_size = 0);
// A TLS application-data record (header 17 03 03, then pseudo-random
// "ciphertext"), `size` bytes in all (at least 5).
Bytes tlsApplicationData(uint32_t seed, size_t size);
Bytes httpGet(std::string_view host, std::string_view path = "/");
Bytes httpResponse();
Bytes dnsQuery(std::string_view name, uint16_t id = 0x1a2b);
Bytes bytesOf(std::string_view text);
Bytes bittorrentHandshake();
// A QUIC version 1 client Initial (RFC 9000/9001) carrying a ClientHello
// with `sni`, protected as RFC 9001 section 5 says, padded to 1200 bytes.
Bytes quicInitial(std::string_view sni);
// Deterministic pseudo-random bytes.
Bytes randomBytes(uint32_t seed, size_t size);

// Hands `datagram` to `classifier` as the pipeline does (payload length
// from the headers above).
void feed(Classifier& classifier, FlowLabels& labels, const Bytes& datagram, TimestampUs ts = 1'700'000'000'000'000);

// What classifying one flow came to.
struct Outcome {
  std::string app;
  std::string category;
  int decided_at = 0;       // payload packets fed when decided; 0: only giveUp() decided it
  bool slot_freed = false;  // the flow holds no classifier slot afterwards
};

// Feeds the packets of one flow until it is decided, then gives up if it
// is not.
Outcome classify(Classifier& classifier, const std::vector<Bytes>& packets);

}  // namespace edgeflow::enrich::testing
