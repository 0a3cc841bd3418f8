// Application kinds of generated flows and the label the agent must give
// each one: the one table of expected application labels.
//
// The agent labels a flow with nDPI 4.2 (docs/applications.md): nDPI's
// application protocol when it names one, else its master protocol; DNS
// flows are "DNS" whatever they ask for; a flow without payload, or whose
// payload nDPI does not recognise, is "unknown" (no guesses by port, by IP
// or from nDPI's caches). The labels below are nDPI 4.2's protocol names
// for what each kind sends; gen.ndpi_crosscheck runs Debian's ndpiReader
// on a generated capture and compares every flow with them.
#pragma once

#include <cstdint>

namespace edgeflow::gen {

enum class AppKind : uint8_t {
  None,        // no payload at all (lone SYN, handshake only, refused)
  Tls,         // TLS ClientHello with SNI, then application-data records
  Http,        // HTTP/1.1 GET with Host, and a response
  Ssh,         // SSH identification banners both ways, then ciphertext
  BitTorrent,  // BitTorrent handshakes both ways, then opaque data
  Dns,         // DNS over UDP 53
  Quic,        // QUIC v1 Initial (long header), then short-header packets
  Icmp,        // ICMP / ICMPv6 echo
  Esp,         // IPsec ESP in UDP 4500 (RFC 3948)
  Opaque,      // random bytes on a high port nothing is registered for
};

// TLS server names. The first kFamousHosts are names nDPI 4.2 knows; each
// lives in the network nDPI's IP lists give to `owner`.
struct TlsHost {
  const char* name;
  const char* app;    // nDPI's application for this name; nullptr: none
  const char* owner;  // the network owner it is served from; nullptr: any
};
extern const TlsHost kTlsHosts[];
constexpr int kFamousHosts = 5;
constexpr int kTlsHostCount = 11;

// Label ids: index into the label table (0 = "unknown").
using LabelId = uint16_t;
constexpr LabelId kUnknownLabel = 0;

const char* labelName(LabelId id);
LabelId labelId(const char* name);  // a name from the table; aborts otherwise
LabelId labelCount();

// The label the agent must give a flow of `kind`. `host`: the TLS/HTTP host
// index; `server_port`: the server's TCP/UDP port; `owner`: nDPI's IP-list
// name of the remote address (nullptr: none); v6: the flow's family.
LabelId appLabel(AppKind kind, int host, uint16_t server_port, const char* owner, bool v6);

const char* appKindName(AppKind kind);

}  // namespace edgeflow::gen
