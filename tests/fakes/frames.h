// Hand-built frames for unit tests: Ethernet + VLAN tags + IPv4/IPv6 + TCP/UDP,
// with lengths right and checksums left zero (the decoder does not check them).
#pragma once

#include <cstdint>
#include <vector>

#include "agent/common/ip_addr.h"

namespace edgeflow::fakes {

struct FrameSpec {
  std::vector<uint16_t> vlans;
  MacAddr src_mac{{2, 0, 0, 0, 1, 1}};
  MacAddr dst_mac{{2, 0, 0, 0, 0, 1}};
  IpAddr src;
  IpAddr dst;
  uint8_t proto = 6;  // 6 TCP, 17 UDP
  uint16_t src_port = 1000;
  uint16_t dst_port = 80;
  uint16_t payload = 0;  // payload bytes after the transport header
  // IPv4 fragment fields (offset in bytes, a multiple of 8).
  uint16_t frag_offset = 0;
  bool more_fragments = false;
  uint16_t ip_id = 0;
};

// The frame, padded to the 60-byte Ethernet minimum.
std::vector<uint8_t> buildFrame(const FrameSpec& spec);

// The IP bytes of the frame `spec` builds (what ip_bytes must count).
uint32_t ipBytesOf(const FrameSpec& spec);

}  // namespace edgeflow::fakes
