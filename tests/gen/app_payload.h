// First payloads of TCP applications, written to an exact size: the
// planner fixed every segment's length before the application was chosen,
// so each writer fills exactly the bytes it is given, padding inside the
// protocol (a TLS padding extension, a longer URL path, a banner comment).
#pragma once

#include <cstdint>

#include "tests/gen/flow_spec.h"
#include "tests/gen/rng.h"

namespace edgeflow::gen {

// TLS 1.3-style ClientHello (record, handshake, SNI, groups, ALPN, key
// share ...) of exactly `len` bytes for host kTlsHosts[host].
bool clientHelloFits(int host, uint32_t len);
void writeClientHello(uint8_t* p, uint32_t len, int host, Rng& rng);

// "GET /path HTTP/1.1" with Host, User-Agent and Accept, `len` bytes.
bool httpRequestFits(int host, uint32_t len);
void writeHttpRequest(uint8_t* p, uint32_t len, int host, Rng& rng);

// A response stream of `total` bytes: status line and headers with the
// Content-Length of the body that fills the rest. Fits when the headers do.
bool httpResponseFits(uint64_t total);

// SSH identification string (RFC 4253 4.2) with CR LF, 25..99 bytes.
bool sshBannerFits(uint32_t len);

// BitTorrent handshake (BEP 3), then a keep-alive or a bitfield message to
// fill `len`: 68 bytes, or 72 and more.
bool btHandshakeFits(uint32_t len);

// Payload of one TCP data segment of flow `f` sent by `side` (0 inside,
// 1 outside): the application's first payload for the sender's first
// segment, then what follows it (TLS records, the HTTP body, ciphertext).
// Reads and updates f.st.first_len; the caller advances stream_pos.
// Takes exactly as many draws from `rng` as filling `planned` random bytes
// (the segment's size as planned, before app_plan.cc swapped sizes), so
// the capture's other random choices do not move; the applications' own
// random fields come from `app_rng`.
// Returns what began in the segment (for the generator's stats).
enum class Written : uint8_t { Data, ClientHello, HttpRequest, SshBanner, BtHandshake };
Written writeTcpPayload(uint8_t* p, uint32_t len, uint32_t planned, FlowSpec& f, int side, Rng& rng,
                        Rng& app_rng);

}  // namespace edgeflow::gen
