#include "tests/unit/enrich/ndpi_packets.h"

#include <cstddef>

namespace edgeflow::enrich::testing {
namespace {

void put8(Bytes& out, uint32_t v) { out.push_back(static_cast<uint8_t>(v)); }
void put16(Bytes& out, uint32_t v) {
  put8(out, v >> 8);
  put8(out, v);
}
void put24(Bytes& out, uint32_t v) {
  put8(out, v >> 16);
  put16(out, v);
}
void put32(Bytes& out, uint32_t v) {
  put16(out, v >> 16);
  put16(out, v);
}
void putBytes(Bytes& out, const Bytes& more) { out.insert(out.end(), more.begin(), more.end()); }
void putText(Bytes& out, std::string_view text) { out.insert(out.end(), text.begin(), text.end()); }

// Writes a big-endian length of `width` bytes at `at`, counting from the end
// of the length field to the end of `out`.
void patchLength(Bytes& out, size_t at, size_t width) {
  const size_t len = out.size() - at - width;
  for (size_t i = 0; i < width; ++i) out[at + i] = static_cast<uint8_t>(len >> (8 * (width - 1 - i)));
}

Bytes ipv4Header(uint32_t src, uint32_t dst, uint8_t proto, size_t l4_size) {
  Bytes out;
  put8(out, 0x45);
  put8(out, 0);
  put16(out, static_cast<uint32_t>(20 + l4_size));
  put16(out, 0x1234);  // identification
  put16(out, 0x4000);  // DF
  put8(out, 64);
  put8(out, proto);
  put16(out, 0);  // checksum
  put32(out, src);
  put32(out, dst);
  return out;
}

}  // namespace

Bytes ipv4Tcp(const TcpSpec& spec, const Bytes& payload) {
  Bytes out = ipv4Header(spec.src, spec.dst, 6, 20 + payload.size());
  put16(out, spec.src_port);
  put16(out, spec.dst_port);
  put32(out, spec.seq);
  put32(out, spec.ack);
  put8(out, 5 << 4);  // data offset: 5 words
  put8(out, spec.flags);
  put16(out, 64240);  // window
  put16(out, 0);      // checksum
  put16(out, 0);      // urgent pointer
  putBytes(out, payload);
  return out;
}

Bytes ipv4Udp(uint32_t src, uint16_t src_port, uint32_t dst, uint16_t dst_port, const Bytes& payload) {
  Bytes out = ipv4Header(src, dst, 17, 8 + payload.size());
  put16(out, src_port);
  put16(out, dst_port);
  put16(out, static_cast<uint32_t>(8 + payload.size()));
  put16(out, 0);
  putBytes(out, payload);
  return out;
}

Bytes ipv6Udp(uint16_t src, uint16_t src_port, uint16_t dst, uint16_t dst_port, const Bytes& payload) {
  Bytes out;
  put32(out, 0x60000000);
  put16(out, static_cast<uint32_t>(8 + payload.size()));
  put8(out, 17);
  put8(out, 64);
  for (uint16_t host : {src, dst}) {
    put32(out, 0x20010db8);
    put32(out, 0);
    put32(out, 0);
    put32(out, host);
  }
  put16(out, src_port);
  put16(out, dst_port);
  put16(out, static_cast<uint32_t>(8 + payload.size()));
  put16(out, 0);
  putBytes(out, payload);
  return out;
}

TcpConversation::TcpConversation(uint32_t client, uint16_t client_port, uint32_t server, uint16_t server_port)
    : client_(client), client_port_(client_port), server_(server), server_port_(server_port) {}

Bytes TcpConversation::syn() {
  const Bytes out = ipv4Tcp({client_, server_, client_port_, server_port_, kTcpSyn, client_seq_, 0}, {});
  ++client_seq_;
  return out;
}

Bytes TcpConversation::synAck() {
  const Bytes out =
      ipv4Tcp({server_, client_, server_port_, client_port_, kTcpSyn | kTcpAck, server_seq_, client_seq_}, {});
  ++server_seq_;
  return out;
}

Bytes TcpConversation::ack() {
  return ipv4Tcp({client_, server_, client_port_, server_port_, kTcpAck, client_seq_, server_seq_}, {});
}

Bytes TcpConversation::fromClient(const Bytes& payload) {
  const Bytes out =
      ipv4Tcp({client_, server_, client_port_, server_port_, kTcpAck | kTcpPsh, client_seq_, server_seq_}, payload);
  client_seq_ += static_cast<uint32_t>(payload.size());
  return out;
}

Bytes TcpConversation::fromServer(const Bytes& payload) {
  const Bytes out =
      ipv4Tcp({server_, client_, server_port_, client_port_, kTcpAck | kTcpPsh, server_seq_, client_seq_}, payload);
  server_seq_ += static_cast<uint32_t>(payload.size());
  return out;
}

uint32_t payloadLength(const Bytes& datagram) {
  if (datagram.empty()) return 0;
  size_t l3 = 0;
  uint8_t proto = 0;
  if (datagram[0] >> 4 == 4) {
    l3 = static_cast<size_t>(datagram[0] & 0x0f) * 4;
    proto = datagram[9];
  } else {
    l3 = 40;
    proto = datagram[6];
  }
  size_t l4 = 8;
  if (proto == 6) l4 = static_cast<size_t>(datagram[l3 + 12] >> 4) * 4;
  return static_cast<uint32_t>(datagram.size() - l3 - l4);
}

Bytes clientHelloMessage(std::string_view sni, bool quic, bool post_quantum, size_t message_size) {
  Bytes out;
  put8(out, 0x01);  // ClientHello
  const size_t hello_len = out.size();
  put24(out, 0);
  put16(out, 0x0303);
  for (uint32_t i = 0; i < 32; ++i) put8(out, 0x40 + i);  // random
  if (quic) {
    put8(out, 0);  // QUIC: empty legacy session id
  } else {
    put8(out, 32);
    for (uint32_t i = 0; i < 32; ++i) put8(out, 0x80 + i);
  }
  const uint16_t tls12_suites[] = {0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8,
                                   0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035};
  const size_t suites_len = out.size();
  put16(out, 0);
  put16(out, 0x1301);
  put16(out, 0x1302);
  put16(out, 0x1303);
  if (!quic) {
    for (uint16_t s : tls12_suites) put16(out, s);
  }
  patchLength(out, suites_len, 2);
  put8(out, 1);  // compression methods: null
  put8(out, 0);
  const size_t ext_len = out.size();
  put16(out, 0);
  // server_name
  put16(out, 0x0000);
  put16(out, static_cast<uint32_t>(sni.size() + 5));
  put16(out, static_cast<uint32_t>(sni.size() + 3));
  put8(out, 0);  // host_name
  put16(out, static_cast<uint32_t>(sni.size()));
  putText(out, sni);
  if (!quic) {
    // extended_master_secret
    put16(out, 0x0017);
    put16(out, 0);
    // renegotiation_info
    put16(out, 0xff01);
    put16(out, 1);
    put8(out, 0);
  }
  // supported_groups: (X25519MLKEM768,) x25519, secp256r1, secp384r1
  put16(out, 0x000a);
  put16(out, post_quantum ? 10 : 8);
  put16(out, post_quantum ? 8 : 6);
  if (post_quantum) put16(out, 0x11ec);
  put16(out, 0x001d);
  put16(out, 0x0017);
  put16(out, 0x0018);
  if (!quic) {
    // ec_point_formats: uncompressed
    put16(out, 0x000b);
    put16(out, 2);
    put8(out, 1);
    put8(out, 0);
    // session_ticket
    put16(out, 0x0023);
    put16(out, 0);
  }
  // application_layer_protocol_negotiation: h3 over QUIC; h2, http/1.1 over TCP
  put16(out, 0x0010);
  if (quic) {
    put16(out, 5);
    put16(out, 3);
    put8(out, 2);
    putText(out, "h3");
  } else {
    put16(out, 14);
    put16(out, 12);
    put8(out, 2);
    putText(out, "h2");
    put8(out, 8);
    putText(out, "http/1.1");
    // status_request (OCSP)
    put16(out, 0x0005);
    put16(out, 5);
    put8(out, 1);
    put16(out, 0);
    put16(out, 0);
  }
  // signature_algorithms
  const uint16_t sigs[] = {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601};
  put16(out, 0x000d);
  put16(out, static_cast<uint32_t>(sizeof(sigs) + 2));
  put16(out, static_cast<uint32_t>(sizeof(sigs)));
  for (uint16_t s : sigs) put16(out, s);
  // supported_versions: TLS 1.3 (and TLS 1.2 over TCP)
  put16(out, 0x002b);
  if (quic) {
    put16(out, 3);
    put8(out, 2);
    put16(out, 0x0304);
  } else {
    put16(out, 5);
    put8(out, 4);
    put16(out, 0x0304);
    put16(out, 0x0303);
  }
  // psk_key_exchange_modes: psk_dhe_ke
  put16(out, 0x002d);
  put16(out, 2);
  put8(out, 1);
  put8(out, 1);
  // key_share: one x25519 share, after an X25519MLKEM768 one (1216 bytes:
  // the ML-KEM-768 encapsulation key, then the x25519 key)
  constexpr uint32_t kMlkemShare = 1216;
  put16(out, 0x0033);
  put16(out, post_quantum ? 38 + 4 + kMlkemShare : 38);
  put16(out, post_quantum ? 36 + 4 + kMlkemShare : 36);
  if (post_quantum) {
    put16(out, 0x11ec);
    put16(out, kMlkemShare);
    putBytes(out, randomBytes(0x11ec, kMlkemShare));
  }
  put16(out, 0x001d);
  put16(out, 32);
  for (uint32_t i = 0; i < 32; ++i) put8(out, 0xc0 + i);
  if (quic) {
    // quic_transport_parameters (RFC 9000 section 18): initial_max_data,
    // initial_max_streams_bidi, initial_source_connection_id (empty)
    put16(out, 0x0039);
    const size_t params_len = out.size();
    put16(out, 0);
    put8(out, 0x04);
    put8(out, 4);
    put32(out, 0x80100000);  // 4-byte varint: 1 MiB
    put8(out, 0x08);
    put8(out, 1);
    put8(out, 16);
    put8(out, 0x0f);
    put8(out, 0);
    patchLength(out, params_len, 2);
  }
  // padding (RFC 7685) up to message_size
  if (message_size >= out.size() + 4) {
    const size_t pad = message_size - out.size() - 4;
    put16(out, 0x0015);
    put16(out, static_cast<uint32_t>(pad));
    out.resize(out.size() + pad, 0);
  }
  patchLength(out, ext_len, 2);
  patchLength(out, hello_len, 3);
  return out;
}

Bytes tlsClientHello(std::string_view sni, bool post_quantum, size_t record_size) {
  Bytes out;
  put8(out, 0x16);  // handshake record
  put16(out, 0x0301);
  const Bytes hello = clientHelloMessage(sni, false, post_quantum, record_size > 5 ? record_size - 5 : 0);
  put16(out, static_cast<uint32_t>(hello.size()));
  putBytes(out, hello);
  return out;
}

Bytes tlsApplicationData(uint32_t seed, size_t size) {
  Bytes out;
  put8(out, 0x17);  // application data
  put16(out, 0x0303);
  put16(out, static_cast<uint32_t>(size - 5));
  putBytes(out, randomBytes(seed, size - 5));
  return out;
}

Bytes httpGet(std::string_view host, std::string_view path) {
  Bytes out;
  putText(out, "GET ");
  putText(out, path);
  putText(out, " HTTP/1.1\r\nHost: ");
  putText(out, host);
  putText(out,
          "\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0\r\n"
          "Accept: text/html,application/xhtml+xml\r\nAccept-Language: en-US,en;q=0.5\r\n"
          "Connection: keep-alive\r\n\r\n");
  return out;
}

Bytes httpResponse() {
  return bytesOf(
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: 5\r\n"
      "Server: nginx\r\n\r\nhello");
}

Bytes dnsQuery(std::string_view name, uint16_t id) {
  Bytes out;
  put16(out, id);
  put16(out, 0x0100);  // standard query, recursion desired
  put16(out, 1);       // questions
  put16(out, 0);
  put16(out, 0);
  put16(out, 0);
  size_t start = 0;
  while (start <= name.size()) {
    size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    put8(out, static_cast<uint32_t>(dot - start));
    putText(out, name.substr(start, dot - start));
    start = dot + 1;
  }
  put8(out, 0);
  put16(out, 1);  // A
  put16(out, 1);  // IN
  return out;
}

Bytes bytesOf(std::string_view text) { return Bytes(text.begin(), text.end()); }

Bytes bittorrentHandshake() {
  Bytes out;
  put8(out, 19);
  putText(out, "BitTorrent protocol");
  const uint8_t reserved[8] = {0, 0, 0, 0, 0, 0x10, 0, 0x05};  // extension protocol, DHT, fast
  out.insert(out.end(), reserved, reserved + 8);
  for (uint32_t i = 0; i < 20; ++i) put8(out, 0x31 * i + 7);  // info_hash
  putText(out, "-qB4500-k3Xz9QmW2pLd");                       // peer_id
  return out;
}

Bytes randomBytes(uint32_t seed, size_t size) {
  Bytes out;
  out.reserve(size);
  uint32_t x = seed * 2654435761u + 1;
  for (size_t i = 0; i < size; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    out.push_back(static_cast<uint8_t>(x >> 7));
  }
  return out;
}

void feed(Classifier& classifier, FlowLabels& labels, const Bytes& datagram, TimestampUs ts) {
  classifier.inspect(labels, datagram.data(), static_cast<uint32_t>(datagram.size()), payloadLength(datagram), true,
                     ts);
}

Outcome classify(Classifier& classifier, const std::vector<Bytes>& packets) {
  FlowLabels labels;
  labels.app = kAppUndecided;
  Outcome out;
  int fed = 0;
  for (const Bytes& packet : packets) {
    feed(classifier, labels, packet);
    if (payloadLength(packet) > 0) ++fed;
    if (labels.app != kAppUndecided) {
      out.decided_at = fed;
      break;
    }
  }
  if (labels.app == kAppUndecided) classifier.giveUp(labels);
  out.slot_freed = labels.dpi_slot == kNoDpiSlot;
  out.app = std::string(classifier.appName(labels.app));
  out.category = std::string(classifier.appCategory(labels.app));
  return out;
}

}  // namespace edgeflow::enrich::testing
