#include "tests/gen/frame_builder.h"

#include <cstring>

namespace edgeflow::gen {

size_t writeLink(uint8_t* frame, const LinkPath& path, const Mac& router, bool from_outside,
                 bool v6, uint32_t ip_len, FrameFacts& facts) {
  facts.src_mac = from_outside ? path.outside_mac : router;
  facts.dst_mac = from_outside ? router : path.outside_mac;
  std::memcpy(frame, facts.dst_mac.b.data(), 6);
  std::memcpy(frame + 6, facts.src_mac.b.data(), 6);
  size_t off = 12;
  facts.vlan_count = 0;
  if (path.outer_tpid != 0) {
    put16(frame + off, path.outer_tpid);
    put16(frame + off + 2, path.outer_vid);
    off += 4;
    facts.vlans[facts.vlan_count++] = path.outer_vid;
  }
  if (path.vlan != 0) {
    put16(frame + off, 0x8100);
    put16(frame + off + 2, path.vlan);
    off += 4;
    facts.vlans[facts.vlan_count++] = path.vlan;
  }
  if (path.mpls_count != 0) {
    put16(frame + off, 0x8847);
    off += 2;
    for (uint8_t i = 0; i < path.mpls_count; ++i) {
      const uint32_t bottom = i + 1 == path.mpls_count ? 1 : 0;
      put32(frame + off, (path.mpls[i] << 12) | (bottom << 8) | 254);  // TC 0, TTL 254
      off += 4;
    }
    return off;
  }
  if (path.pppoe_session != 0) {
    put16(frame + off, 0x8864);
    frame[off + 2] = 0x11;  // version 1, type 1
    frame[off + 3] = 0x00;  // code: session data
    put16(frame + off + 4, path.pppoe_session);
    put16(frame + off + 6, ip_len + 2);  // PPP protocol field + IP packet
    put16(frame + off + 8, v6 ? 0x0057 : 0x0021);
    return off + 10;
  }
  put16(frame + off, v6 ? 0x86dd : 0x0800);
  return off + 2;
}

size_t writeIpHeader(uint8_t* p, const IpFields& ip, uint32_t l4_len, FrameFacts& facts) {
  facts.src = *ip.src;
  facts.dst = *ip.dst;
  facts.proto = ip.proto;
  facts.fragment = ip.fragment;
  facts.first_fragment = ip.fragment && ip.frag_offset == 0;
  if (!ip.src->v6) {
    const uint32_t total = 20 + l4_len;
    p[0] = 0x45;
    p[1] = 0x00;
    put16(p + 2, total);
    put16(p + 4, ip.id);
    uint32_t flags = ip.df ? 0x4000 : 0;
    if (ip.fragment) flags |= (ip.more_fragments ? 0x2000 : 0) | (ip.frag_offset / 8);
    put16(p + 6, flags);
    p[8] = ip.ttl;
    p[9] = ip.proto;
    put16(p + 10, 0);
    std::memcpy(p + 12, ip.src->b.data(), 4);
    std::memcpy(p + 16, ip.dst->b.data(), 4);
    put16(p + 10, foldChecksum(sumBytes(p, 20)));
    facts.ip_bytes = total;
    facts.frag_id = ip.id;
    return 20;
  }
  const uint32_t ext = ip.fragment ? 8 : 0;
  put32(p, (6u << 28) | (ip.flow_label & 0xfffff));
  put16(p + 4, ext + l4_len);
  p[6] = ip.fragment ? 44 : ip.proto;
  p[7] = ip.ttl;
  std::memcpy(p + 8, ip.src->b.data(), 16);
  std::memcpy(p + 24, ip.dst->b.data(), 16);
  facts.ip_bytes = 40 + ext + l4_len;
  if (ip.fragment) {
    p[40] = ip.proto;
    p[41] = 0;
    put16(p + 42, ip.frag_offset | (ip.more_fragments ? 1 : 0));
    put32(p + 44, ip.frag_id);
    facts.frag_id = ip.frag_id;
  }
  return 40 + ext;
}

uint16_t transportChecksum(const Ip& src, const Ip& dst, uint8_t proto, const uint8_t* l4,
                           uint32_t len, bool pseudo) {
  const uint64_t sum = pseudo ? pseudoHeaderSum(src, dst, proto, len) : 0;
  return foldChecksum(sumBytes(l4, len, sum));
}

uint32_t padFrame(uint8_t* frame, size_t len) {
  if (len < kMinFrame) {
    std::memset(frame + len, 0, kMinFrame - len);
    len = kMinFrame;
  }
  return static_cast<uint32_t>(len);
}

}  // namespace edgeflow::gen
