// TlsProgress: what NdpiModule remembers about a TCP flow besides nDPI's own
// state, to tell when a TLS handshake is over.
//
// nDPI 4.2 keeps a TLS flow open for "extra dissection" until it has read
// the server's certificate, which can still name the application (its
// subject and alternative names are matched like an SNI). A certificate in
// clear text comes before any application-data record in either direction:
// TLS 1.2 sends it in the server's first flight, before either side's
// Finished, and everything after ChangeCipherSpec (renegotiation included)
// is encrypted; TLS 1.3 encrypts it, and 0-RTT early data is sent before
// the ServerHello. So once a hello was read and application data began —
// or, without a hello, application data began in both directions — no
// certificate can follow, and nDPI 4.2 would only hold the flow (and its
// reassembly buffer) until the packet budget runs out. Newer nDPI releases
// stop at application data in both directions, or in the direction
// opposite a hello; the direction does not matter for the certificate.
//
// This file knows nothing of nDPI: the module feeds it the segments and
// tells it where nDPI read a hello.
#pragma once

#include <cstdint>

namespace edgeflow::enrich::ndpi {

// One TCP segment of a flow.
struct TcpSegment {
  // 0: sent from the lower (address, port) end of the flow, 1: from the
  // higher; the same for every segment of a direction.
  uint8_t direction = 0;
  const uint8_t* payload = nullptr;
  uint32_t payload_len = 0;
};

// Reads the segment whose TCP header starts at `l4` (`l4_len` bytes to the
// end of the datagram) inside the IPv4 or IPv6 datagram `ip` (`ip_len`
// bytes captured). False when the header or the addresses are cut off or
// the IP version is neither.
bool tcpSegmentOf(const uint8_t* ip, uint32_t ip_len, const uint8_t* l4, uint32_t l4_len, TcpSegment& out);

struct TlsProgress {
  uint8_t payload_seen = 0;  // bit d: a segment with payload was seen in direction d
  uint8_t app_data = 0;      // bit d: a segment of direction d began with an application-data record header
  uint8_t hello = 0;         // 0: no hello read yet; else 1 + the direction of the segment it was read in

  // A segment of the flow. `reassembly_empty`: nDPI held no partial record
  // before it, so it starts a record (as does the first segment with payload
  // in a direction). Only a segment that starts a record counts as
  // application data: its first bytes are a record header, not ciphertext.
  void onSegment(const TcpSegment& segment, bool reassembly_empty);
  // nDPI read a ClientHello or ServerHello in the segment of `direction`.
  void onHello(uint8_t direction);
  // True when no certificate in clear text can follow (see above).
  bool handshakeOver() const;
};

}  // namespace edgeflow::enrich::ndpi
