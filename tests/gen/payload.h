// Application payloads that dissectors accept: TLS records on TCP, DNS
// messages, QUIC-like short-header packets, ping data. The agent counts
// none of it, but a capture that Wireshark reads without complaint is a
// capture other tools will read too.
#pragma once

#include <cstdint>

#include "tests/gen/flow_spec.h"
#include "tests/gen/rng.h"

namespace edgeflow::gen {

// Bytes [pos, pos + len) of a TLS application-data stream of `total` bytes:
// back-to-back records of kTlsRecord bytes, the last one absorbing the
// remainder, random bytes as ciphertext.
void fillTlsStream(uint8_t* p, uint32_t len, uint64_t pos, uint64_t total, Rng& rng);
// The same record headers written over bytes already in p.
void overlayTlsHeaders(uint8_t* p, uint32_t len, uint64_t pos, uint64_t total);

// A DNS query (or a response with `answers` A records) of exactly
// dnsQuerySize/dnsResponseSize bytes for the flow's query name.
void writeDnsMessage(uint8_t* p, const FlowSpec& flow, uint16_t id, bool response, uint32_t answers,
                     Rng& rng);

// A QUIC short-header packet of `len` bytes for connection id `dcid`.
void writeQuicShort(uint8_t* p, uint32_t len, uint64_t dcid, Rng& rng);

// A QUIC version 1 Initial packet (long header) of `len` >= 64 bytes, as
// each endpoint's first packet: it tells dissectors both connection ids, so
// the short-header packets after it are recognised as QUIC.
void writeQuicInitial(uint8_t* p, uint32_t len, uint64_t dcid, uint64_t scid, Rng& rng);

// An ESP packet (RFC 4303) as carried over UDP port 4500 (RFC 3948):
// SPI, sequence number, ciphertext.
void writeEsp(uint8_t* p, uint32_t len, uint32_t spi, uint32_t seq, Rng& rng);

// Echo data as ping(8) sends it; identical in request and reply.
void writeEchoData(uint8_t* p, uint32_t len, uint16_t id, uint16_t seq);

}  // namespace edgeflow::gen
