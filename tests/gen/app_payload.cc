#include "tests/gen/app_payload.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include "tests/gen/net.h"
#include "tests/gen/payload.h"

namespace edgeflow::gen {
namespace {

const char kAlnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";

uint32_t hostLen(int host) { return static_cast<uint32_t>(std::strlen(kTlsHosts[host].name)); }

// ---- TLS ClientHello -------------------------------------------------------

// Bytes before the extensions: record header 5, handshake header 4,
// version 2, random 32, session id 1 + sid, 9 cipher suites 2 + 18,
// compression 2, extensions length 2.
constexpr uint32_t kHelloFixed = 68;
// Extensions other than server_name and padding: supported_groups 12,
// ec_point_formats 6, signature_algorithms 14, supported_versions 9,
// ALPN 18, psk_key_exchange_modes 6, key_share 42.
constexpr uint32_t kHelloExtensions = 107;

// The hello with a 32-byte session id and no padding extension.
uint32_t fullHello(int host) { return kHelloFixed + 32 + 9 + hostLen(host) + kHelloExtensions; }

uint8_t* extension(uint8_t* q, uint16_t type, const uint8_t* data, uint32_t n) {
  put16(q, type);
  put16(q + 2, n);
  if (n != 0) std::memcpy(q + 4, data, n);
  return q + 4 + n;
}

// ---- HTTP ------------------------------------------------------------------

const char kRequestTail[] = "\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";

std::string requestHead(int host) {
  return std::string(" HTTP/1.1\r\nHost: ") + kTlsHosts[host].name + kRequestTail;
}

const char kResponseHead[] =
    "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: application/octet-stream\r\n"
    "Content-Length:";

uint32_t digits(uint64_t v) {
  uint32_t d = 1;
  while (v >= 10) {
    v /= 10;
    ++d;
  }
  return d;
}

// Status line and headers of a response stream of `total` bytes; the body
// is the rest. Content-Length takes one space, or two (optional white space
// is allowed there) when no length fits with one.
std::string responseHeader(uint64_t total) {
  const uint64_t fixed = sizeof(kResponseHead) - 1 + 4;  // + "\r\n\r\n"
  for (uint32_t spaces = 1; spaces <= 2; ++spaces) {
    for (uint32_t d = 1; d <= 20; ++d) {
      if (total < fixed + spaces + d) break;
      const uint64_t body = total - fixed - spaces - d;
      if (digits(body) == d)
        return kResponseHead + std::string(spaces, ' ') + std::to_string(body) + "\r\n\r\n";
    }
  }
  return std::string();
}

void overlayHttpResponse(uint8_t* p, uint32_t len, uint64_t pos, uint64_t total) {
  const std::string head = responseHeader(total);
  for (uint64_t i = pos; i < pos + len && i < head.size(); ++i)
    p[i - pos] = static_cast<uint8_t>(head[i]);
}

// ---- SSH -------------------------------------------------------------------

constexpr uint32_t kSshMin = 25;  // version (21), a space, a comment of 1+, CR LF
constexpr uint32_t kSshMax = 99;  // nDPI 4.2 takes banners of under 100 bytes

void writeSshBanner(uint8_t* p, uint32_t len, bool server) {
  const char* version = server ? "SSH-2.0-OpenSSH_8.9p1" : "SSH-2.0-OpenSSH_9.2p1";
  const char* comment = server ? "Ubuntu-3ubuntu0.6" : "Debian-2+deb12u3";
  std::string s = std::string(version) + " ";
  const size_t comment_len = len - s.size() - 2;
  for (size_t i = 0; i < comment_len; ++i) {
    const size_t n = std::strlen(comment);
    s.push_back(i < n ? comment[i] : kAlnum[(i - n) % 26]);
  }
  s += "\r\n";
  std::memcpy(p, s.data(), len);
}

// ---- BitTorrent --------------------------------------------------------------

void writeBtHandshake(uint8_t* p, uint32_t len, uint32_t info_seed, bool server, Rng& rng) {
  p[0] = 19;
  std::memcpy(p + 1, "BitTorrent protocol", 19);
  const uint8_t reserved[8] = {0, 0, 0, 0, 0, 0x10, 0, 0x05};  // extension protocol, fast, DHT
  std::memcpy(p + 20, reserved, 8);
  Rng info(info_seed);  // both peers name the same torrent
  info.fill(p + 28, 20);
  std::memcpy(p + 48, server ? "-qB4500-" : "-TR3000-", 8);
  for (int i = 0; i < 12; ++i) p[56 + i] = static_cast<uint8_t>(kAlnum[rng.below(36)]);
  const uint32_t rest = len - 68;
  if (rest == 0) return;
  // A keep-alive (length 0), or a bitfield message (id 5) of every piece.
  put32(p + 68, rest == 4 ? 0 : rest - 4);
  if (rest == 4) return;
  p[72] = 5;
  std::memset(p + 73, 0xff, rest - 5);
}

}  // namespace

bool clientHelloFits(int host, uint32_t len) { return len >= fullHello(host) - 32 && len <= 16384; }

void writeClientHello(uint8_t* p, uint32_t len, int host, Rng& rng) {
  const uint32_t full = fullHello(host);
  // Session id and padding absorb the difference to `len`.
  uint32_t sid = 32;
  int64_t pad = -1;  // bytes of padding-extension data; -1: no padding extension
  if (len <= full) {
    sid = 32 - (full - len);
  } else if (len - full >= 4) {
    pad = len - full - 4;
  } else {
    sid = 32 - (4 - (len - full));
    pad = 0;
  }
  p[0] = 0x16;  // handshake record, legacy version TLS 1.0
  p[1] = 3;
  p[2] = 1;
  put16(p + 3, len - 5);
  p[5] = 1;  // ClientHello
  p[6] = static_cast<uint8_t>((len - 9) >> 16);
  put16(p + 7, len - 9);
  uint8_t* q = p + 9;
  q[0] = 3;  // legacy version TLS 1.2
  q[1] = 3;
  rng.fill(q + 2, 32);
  q[34] = static_cast<uint8_t>(sid);
  rng.fill(q + 35, sid);
  q += 35 + sid;
  const uint8_t suites[] = {0x00, 0x12, 0x13, 0x01, 0x13, 0x02, 0x13, 0x03, 0xc0, 0x2b,
                            0xc0, 0x2f, 0xc0, 0x2c, 0xc0, 0x30, 0xcc, 0xa9, 0xcc, 0xa8};
  std::memcpy(q, suites, sizeof(suites));
  q += sizeof(suites);
  q[0] = 1;  // null compression only
  q[1] = 0;
  q += 2;
  put16(q, static_cast<uint32_t>(p + len - q - 2));
  q += 2;

  const uint32_t n = hostLen(host);
  uint8_t sni[300];
  put16(sni, n + 3);
  sni[2] = 0;  // host_name
  put16(sni + 3, n);
  std::memcpy(sni + 5, kTlsHosts[host].name, n);
  q = extension(q, 0x0000, sni, n + 5);
  const uint8_t groups[] = {0x00, 0x06, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18};
  q = extension(q, 0x000a, groups, sizeof(groups));
  const uint8_t points[] = {0x01, 0x00};
  q = extension(q, 0x000b, points, sizeof(points));
  const uint8_t sigalgs[] = {0x00, 0x08, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01, 0x05, 0x01};
  q = extension(q, 0x000d, sigalgs, sizeof(sigalgs));
  const uint8_t versions[] = {0x04, 0x03, 0x04, 0x03, 0x03};
  q = extension(q, 0x002b, versions, sizeof(versions));
  const uint8_t alpn[] = {0x00, 0x0c, 0x02, 'h', '2', 0x08, 'h', 't', 't', 'p', '/', '1', '.', '1'};
  q = extension(q, 0x0010, alpn, sizeof(alpn));
  const uint8_t psk[] = {0x01, 0x01};
  q = extension(q, 0x002d, psk, sizeof(psk));
  uint8_t share[38] = {0x00, 0x24, 0x00, 0x1d, 0x00, 0x20};
  rng.fill(share + 6, 32);
  q = extension(q, 0x0033, share, sizeof(share));
  if (pad >= 0) {
    put16(q, 0x0015);
    put16(q + 2, static_cast<uint32_t>(pad));
    std::memset(q + 4, 0, static_cast<size_t>(pad));
    q += 4 + pad;
  }
  if (q != p + len) std::abort();  // the sizes above add up to len
}

bool httpRequestFits(int host, uint32_t len) {
  return len >= 4 + 1 + requestHead(host).size() && len <= 16384;
}

void writeHttpRequest(uint8_t* p, uint32_t len, int host, Rng& rng) {
  const std::string tail = requestHead(host);
  std::string s = "GET /";
  const size_t path = len - 5 - tail.size();
  for (size_t i = 0; i < path; ++i) {
    // A path of short segments: /static/k3f9/...
    s.push_back(i % 9 == 8 && i + 1 < path ? '/' : kAlnum[rng.below(36)]);
  }
  s += tail;
  std::memcpy(p, s.data(), len);
}

bool httpResponseFits(uint64_t total) { return total == 0 || !responseHeader(total).empty(); }

bool sshBannerFits(uint32_t len) { return len >= kSshMin && len <= kSshMax; }

bool btHandshakeFits(uint32_t len) { return len == 68 || len >= 72; }

Written writeTcpPayload(uint8_t* p, uint32_t len, uint32_t planned, FlowSpec& f, int side, Rng& rng,
                        Rng& app_rng) {
  // Exactly the draws of `planned` random bytes from rng; bytes beyond
  // them come from app_rng.
  uint8_t drawn[2048];
  if (planned > sizeof(drawn) || len > sizeof(drawn)) std::abort();  // segments fit one frame
  rng.fill(drawn, planned);
  std::memcpy(p, drawn, std::min(len, planned));
  if (len > planned) app_rng.fill(p + planned, len - planned);

  FlowState& st = f.st;
  const bool first = st.stream_pos[side] == 0;
  const bool client = side == (f.initiator_outside ? 1 : 0);
  const uint64_t pos = st.stream_pos[side];
  const uint64_t total = f.stream_len[side];
  if (f.app == AppKind::Tls) {
    const uint32_t hello = client ? st.first_len[side] : 0;
    if (client && first) {
      writeClientHello(p, len, f.app_host, app_rng);
      st.first_len[side] = len;
      return Written::ClientHello;
    }
    overlayTlsHeaders(p, len, pos - hello, total - hello);
    return Written::Data;
  }
  if (f.app == AppKind::Http && !client) {
    overlayHttpResponse(p, len, pos, total);
    return Written::Data;
  }
  if (!first) return Written::Data;  // ciphertext, piece data, opaque bytes
  switch (f.app) {
    case AppKind::Http:
      writeHttpRequest(p, len, f.app_host, app_rng);
      return Written::HttpRequest;
    case AppKind::Ssh:
      writeSshBanner(p, len, !client);
      return Written::SshBanner;
    case AppKind::BitTorrent:
      writeBtHandshake(p, len, f.name_seed, !client, app_rng);
      return Written::BtHandshake;
    default:
      return Written::Data;
  }
}

}  // namespace edgeflow::gen
