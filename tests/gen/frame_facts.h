// FrameFacts: what the generator knows about each frame it wrote, as input
// to the truth. The truth applies docs/counting.md to these facts; it never
// looks at the agent's code.
#pragma once

#include <cstdint>

#include "tests/gen/net.h"

namespace edgeflow::gen {

enum class FrameKind : uint8_t {
  Ip,         // a decodable IP frame
  NonIp,      // well-formed, carries no IP
  Malformed,  // the decoder must reject it
};

struct FrameFacts {
  FrameKind kind = FrameKind::Ip;
  uint32_t wire_len = 0;
  // Bytes a decoder needs to read to classify the frame: through the
  // transport header of an IP frame (or the IP headers of a later
  // fragment), through the field that says "not IP" of a non-IP frame.
  // A capture cut shorter than this makes the frame undecodable.
  uint32_t header_end = 0;

  // Link layer.
  Mac src_mac;
  Mac dst_mac;
  uint8_t vlan_count = 0;
  uint16_t vlans[2] = {};  // outermost first

  // IP (kind == Ip).
  Ip src;
  Ip dst;
  uint8_t proto = 0;
  uint32_t ip_bytes = 0;
  bool has_ports = false;  // an unfragmented packet or a first fragment
  uint16_t sport = 0;      // ICMP: 0
  uint16_t dport = 0;      // ICMP: type << 8 | code
  bool fragment = false;
  bool first_fragment = false;
  uint32_t frag_id = 0;
  uint16_t app = 0;  // the flow's application label (LabelId, app_kinds.h)
};

}  // namespace edgeflow::gen
