// A QUIC version 1 client Initial packet, protected as RFC 9001 section 5
// says: keys derived from the destination connection id with HKDF-SHA256,
// the payload sealed with AES-128-GCM, the first byte and packet number
// masked with AES-128-ECB over a sample of the ciphertext. libgcrypt is
// already a dependency of nDPI's pkg-config file.
#include <gcrypt.h>

#include <array>
#include <cstring>
#include <string>

#include "tests/unit/enrich/ndpi_packets.h"

namespace edgeflow::enrich::testing {
namespace {

using Secret = std::array<uint8_t, 32>;

Bytes hmacSha256(const uint8_t* key, size_t key_len, const Bytes& data) {
  gcry_mac_hd_t mac = nullptr;
  gcry_mac_open(&mac, GCRY_MAC_HMAC_SHA256, 0, nullptr);
  gcry_mac_setkey(mac, key, key_len);
  gcry_mac_write(mac, data.data(), data.size());
  Bytes out(32);
  size_t len = out.size();
  gcry_mac_read(mac, out.data(), &len);
  gcry_mac_close(mac);
  return out;
}

// HKDF-Expand-Label (RFC 8446 section 7.1) with an empty context, for
// outputs of at most one hash length.
Bytes expandLabel(const Bytes& secret, std::string_view label, size_t length) {
  Bytes info;
  info.push_back(static_cast<uint8_t>(length >> 8));
  info.push_back(static_cast<uint8_t>(length));
  const std::string full = std::string("tls13 ") + std::string(label);
  info.push_back(static_cast<uint8_t>(full.size()));
  info.insert(info.end(), full.begin(), full.end());
  info.push_back(0);  // context length
  info.push_back(1);  // HKDF-Expand counter T(1)
  Bytes out = hmacSha256(secret.data(), secret.size(), info);
  out.resize(length);
  return out;
}

void putVarint2(Bytes& out, size_t v) {
  out.push_back(static_cast<uint8_t>(0x40 | (v >> 8)));
  out.push_back(static_cast<uint8_t>(v));
}

}  // namespace

Bytes quicInitial(std::string_view sni) {
  gcry_check_version(nullptr);
  const uint8_t salt[] = {0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17,
                          0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a};
  const Bytes dcid = {0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51, 0x57, 0x08};
  const Bytes initial_secret = hmacSha256(salt, sizeof(salt), dcid);
  const Bytes client_secret = expandLabel(initial_secret, "client in", 32);
  const Bytes key = expandLabel(client_secret, "quic key", 16);
  const Bytes iv = expandLabel(client_secret, "quic iv", 12);
  const Bytes hp = expandLabel(client_secret, "quic hp", 16);

  // Plaintext: one CRYPTO frame with the ClientHello, PADDING up to a
  // 1200-byte datagram.
  constexpr size_t kDatagram = 1200;
  constexpr size_t kPnLen = 4;
  const uint32_t packet_number = 0;
  const Bytes hello = clientHelloMessage(sni, true);
  // Long header, type Initial, packet number length; version 1.
  Bytes header = {static_cast<uint8_t>(0xc0 | (kPnLen - 1)), 0x00, 0x00, 0x00, 0x01};
  header.push_back(static_cast<uint8_t>(dcid.size()));
  header.insert(header.end(), dcid.begin(), dcid.end());
  header.push_back(0);  // source connection id length
  header.push_back(0);  // token length
  const size_t length_field = header.size() + 2;
  const size_t payload_len = kDatagram - length_field - kPnLen - 16;
  putVarint2(header, kPnLen + payload_len + 16);
  const size_t pn_offset = header.size();
  for (size_t i = 0; i < kPnLen; ++i) header.push_back(static_cast<uint8_t>(packet_number >> (8 * (kPnLen - 1 - i))));

  Bytes plain;
  plain.push_back(0x06);  // CRYPTO
  plain.push_back(0);     // offset
  putVarint2(plain, hello.size());
  plain.insert(plain.end(), hello.begin(), hello.end());
  plain.resize(payload_len, 0x00);  // PADDING frames

  std::array<uint8_t, 12> nonce{};
  std::memcpy(nonce.data(), iv.data(), nonce.size());
  for (size_t i = 0; i < 4; ++i) nonce[11 - i] ^= static_cast<uint8_t>(packet_number >> (8 * i));
  gcry_cipher_hd_t aead = nullptr;
  gcry_cipher_open(&aead, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_GCM, 0);
  gcry_cipher_setkey(aead, key.data(), key.size());
  gcry_cipher_setiv(aead, nonce.data(), nonce.size());
  gcry_cipher_authenticate(aead, header.data(), header.size());
  Bytes sealed(plain.size() + 16);
  gcry_cipher_encrypt(aead, sealed.data(), plain.size(), plain.data(), plain.size());
  gcry_cipher_gettag(aead, sealed.data() + plain.size(), 16);
  gcry_cipher_close(aead);

  // Header protection: the sample starts 4 bytes past the packet number.
  std::array<uint8_t, 16> mask{};
  gcry_cipher_hd_t ecb = nullptr;
  gcry_cipher_open(&ecb, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_ECB, 0);
  gcry_cipher_setkey(ecb, hp.data(), hp.size());
  gcry_cipher_encrypt(ecb, mask.data(), mask.size(), sealed.data() + (4 - kPnLen), 16);
  gcry_cipher_close(ecb);
  header[0] = static_cast<uint8_t>(header[0] ^ (mask[0] & 0x0f));
  for (size_t i = 0; i < kPnLen; ++i) header[pn_offset + i] = static_cast<uint8_t>(header[pn_offset + i] ^ mask[1 + i]);

  Bytes out = header;
  out.insert(out.end(), sealed.begin(), sealed.end());
  return out;
}

}  // namespace edgeflow::enrich::testing
