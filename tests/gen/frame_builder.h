// Frame building blocks: link headers, IP headers, checksums, padding.
//
// Every multi-byte field is stored big-endian byte by byte, so frames are
// identical on any host.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tests/gen/flow_spec.h"
#include "tests/gen/frame_facts.h"
#include "tests/gen/net.h"

namespace edgeflow::gen {

constexpr uint32_t kMinFrame = 60;      // Ethernet minimum without FCS
constexpr size_t kFrameBufSize = 2048;  // above the largest frame (1500 + 34 link bytes)

// Writes the Ethernet header, the S-tag, the C-tag, MPLS labels and the
// PPPoE session header of `path` for a frame sent by the outside endpoint
// (peer MAC as source) or the inside one (router MAC as source), ahead of an
// IP packet of `ip_len` bytes. Records MACs and tags in `facts`. Returns
// path.overhead(), the IP header's offset.
size_t writeLink(uint8_t* frame, const LinkPath& path, const Mac& router, bool from_outside,
                 bool v6, uint32_t ip_len, FrameFacts& facts);

struct IpFields {
  const Ip* src = nullptr;
  const Ip* dst = nullptr;
  uint8_t proto = 0;
  uint8_t ttl = 64;
  uint16_t id = 0;           // IPv4 identification
  bool df = false;           // IPv4 don't-fragment
  uint32_t flow_label = 0;   // IPv6
  bool fragment = false;     // write fragment fields (IPv6: a fragment header)
  uint32_t frag_offset = 0;  // bytes, a multiple of 8
  bool more_fragments = false;
  uint32_t frag_id = 0;  // IPv6 fragment identification
};

// IP header length including an IPv6 fragment header when present.
inline size_t ipHeaderBytes(bool v6, bool fragment) { return v6 ? (fragment ? 48 : 40) : 20; }

// Writes the IPv4 header (with its checksum) or the IPv6 header (plus a
// fragment header) for `l4_len` bytes after it. Fills src, dst, proto and
// ip_bytes in `facts`. Returns the header length.
size_t writeIpHeader(uint8_t* p, const IpFields& ip, uint32_t l4_len, FrameFacts& facts);

// Checksum of a TCP/UDP/ICMPv6 segment with its pseudo-header, or of an
// ICMPv4 message (no pseudo-header) when `pseudo` is false. The checksum
// field must be zero in `l4`.
uint16_t transportChecksum(const Ip& src, const Ip& dst, uint8_t proto, const uint8_t* l4,
                           uint32_t len, bool pseudo);

// Pads a frame shorter than 60 bytes with zeros; returns the wire length.
uint32_t padFrame(uint8_t* frame, size_t len);

}  // namespace edgeflow::gen
