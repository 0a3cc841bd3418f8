#include "tests/gen/app_kinds.h"

#include <cstdlib>
#include <cstring>

namespace edgeflow::gen {
namespace {

// Every label a generated flow can have, as nDPI 4.2 names the protocol
// (ndpiReader prints them the same way). Index 0 is the agent's own
// "unknown": no payload, or nothing nDPI recognised.
//
//   TLS, IMAPS, SMTPS  tls.c: a ClientHello; nDPI 4.2 calls TLS on port 993
//                      IMAPS and on 465 SMTPS
//   HTTP               http.c: a request line and headers
//   DNS                dns.c (and the agent's rule: DNS whatever the name)
//   QUIC               quic.c: a v1 long-header Initial is QUIC even when
//                      its protected payload does not decrypt
//   SSH                ssh.c: "SSH-" banners of under 100 bytes both ways
//   BitTorrent         bittorrent.c: the 68-byte handshake
//   ICMP, ICMPV6       by IP protocol
//   YouTube, Google, Facebook, NetFlix
//                      a known TLS server name (host_match in
//                      ndpi_content_match.c.inc)
//   Google, Facebook, NetFlix, Cloudflare
//                      nDPI's IP lists: TLS without a known name (except on
//                      the mail ports), HTTP and QUIC to these IPv4 networks
//                      take the network's name; SSH, BitTorrent, ICMP and
//                      the DNS rule do not
const char* const kLabels[] = {
    "unknown",    "TLS",  "IMAPS",  "SMTPS",   "HTTP",   "DNS",      "QUIC",    "SSH",
    "BitTorrent", "ICMP", "ICMPV6", "YouTube", "Google", "Facebook", "NetFlix", "Cloudflare",
};
constexpr LabelId kLabelCount = sizeof(kLabels) / sizeof(kLabels[0]);

}  // namespace

const TlsHost kTlsHosts[] = {
    {"www.youtube.com", "YouTube", "Google"},
    {"i.ytimg.com", "YouTube", "Google"},
    {"www.google.com", "Google", "Google"},
    {"www.facebook.com", "Facebook", "Facebook"},
    {"www.netflix.com", "NetFlix", "NetFlix"},
    {"www.gartenbau-kiefer.de", nullptr, nullptr},
    {"cdn.ostsee-fotografie.de", nullptr, nullptr},
    {"shop.tulpenfeld.nl", nullptr, nullptr},
    {"static.hanami-tours.jp", nullptr, nullptr},
    {"mail.vinogradov-studio.ru", nullptr, nullptr},
    {"www.edgeflow-demo.example", nullptr, nullptr},
};
static_assert(sizeof(kTlsHosts) / sizeof(kTlsHosts[0]) == kTlsHostCount);

const char* labelName(LabelId id) { return id < kLabelCount ? kLabels[id] : "?"; }

LabelId labelCount() { return kLabelCount; }

LabelId labelId(const char* name) {
  for (LabelId i = 0; i < kLabelCount; ++i) {
    if (std::strcmp(kLabels[i], name) == 0) return i;
  }
  std::abort();  // a name missing from kLabels
}

LabelId appLabel(AppKind kind, int host, uint16_t server_port, const char* owner, bool v6) {
  switch (kind) {
    case AppKind::None:
    case AppKind::Esp:  // nDPI 4.2 has no dissector for ESP in UDP
    case AppKind::Opaque:
      return kUnknownLabel;
    case AppKind::Tls: {
      if (host >= 0 && host < kTlsHostCount && kTlsHosts[host].app != nullptr)
        return labelId(kTlsHosts[host].app);
      // nDPI 4.2 names TLS on the mail ports before it looks at its IP lists.
      if (server_port == 993) return labelId("IMAPS");
      if (server_port == 465 || server_port == 587) return labelId("SMTPS");
      return labelId(owner != nullptr ? owner : "TLS");
    }
    case AppKind::Http:
      return labelId(owner != nullptr ? owner : "HTTP");
    case AppKind::Quic:
      return labelId(owner != nullptr ? owner : "QUIC");
    case AppKind::Ssh:
      return labelId("SSH");
    case AppKind::BitTorrent:
      return labelId("BitTorrent");
    case AppKind::Dns:
      return labelId("DNS");
    case AppKind::Icmp:
      return labelId(v6 ? "ICMPV6" : "ICMP");
  }
  return kUnknownLabel;
}

const char* appKindName(AppKind kind) {
  switch (kind) {
    case AppKind::None:
      return "none";
    case AppKind::Tls:
      return "tls";
    case AppKind::Http:
      return "http";
    case AppKind::Ssh:
      return "ssh";
    case AppKind::BitTorrent:
      return "bittorrent";
    case AppKind::Dns:
      return "dns";
    case AppKind::Quic:
      return "quic";
    case AppKind::Icmp:
      return "icmp";
    case AppKind::Esp:
      return "esp";
    case AppKind::Opaque:
      return "opaque";
  }
  return "?";
}

}  // namespace edgeflow::gen
