// decodePacket: the fast path for plain Ethernet/IPv4-or-IPv6/TCP-UDP-ICMP, else the
// layered path: reset the result, then hand the frame to the decoder of its
// link type. Each layer passes the rest on (EtherType table, IP protocol
// table) until the transport header or a rejection.
#include "agent/decode/decoder.h"

#include "agent/decode/decode_context.h"
#include "agent/decode/fast_path.h"
#include "agent/decode/link/link_decoders.h"
#include "agent/decode/net/net_decoders.h"

namespace edgeflow::decode {

namespace {

struct LinkRoute {
  LinkType link;
  LayerDecoder decode;
};

// clang-format off
constexpr LinkRoute kLinkRoutes[] = {
    {LinkType::Ethernet, link::decodeEthernet},
    {LinkType::LinuxSll, link::decodeSll},
    {LinkType::LinuxSll2, link::decodeSll2},
    {LinkType::Raw, link::decodeRaw},
    {LinkType::Ipv4, net::decodeIpv4},
    {LinkType::Ipv6, net::decodeIpv6},
    {LinkType::Ppp, link::decodePpp},
    {LinkType::PppHdlc, link::decodePpp},
    {LinkType::Null, link::decodeNull},
    {LinkType::Loop, link::decodeLoop},
};
// clang-format on

// Resets what every decode must overwrite; the fields guarded by a flag or
// a count (see packet.h) are left alone.
void reset(DecodedPacket& p) {
  p.status = DecodeStatus::Ok;
  p.has_src_mac = false;
  p.has_dst_mac = false;
  p.vlan_count = 0;
  p.mpls_count = 0;
  p.mpls_top_label = 0;
  p.pppoe = false;
  p.pppoe_session = 0;
  p.has_ip = false;
  p.ip_bytes = 0;
  p.ip_proto = 0;
  p.ttl = 0;
  p.l3_offset = 0;
  p.is_fragment = false;
  p.more_fragments = false;
  p.frag_offset = 0;
  p.frag_id = 0;
  p.has_ports = false;
  p.src_port = 0;
  p.dst_port = 0;
  p.tcp_flags = 0;
  p.l4_offset = 0;
  p.payload_offset = 0;
  p.payload_captured = 0;
}

DecodeStatus dispatchLink(LinkType link, ByteReader& r, DecodeContext& ctx) {
  if (link == LinkType::Ethernet) return link::decodeEthernet(r, ctx);
  for (const LinkRoute& route : kLinkRoutes) {
    if (route.link == link) return route.decode(r, ctx);
  }
  return DecodeStatus::UnsupportedLinkType;
}

}  // namespace

DecodeStatus decodeLayered(LinkType link, const uint8_t* data, size_t captured, size_t wire_len,
                           DecodedPacket& out) {
  reset(out);
  DecodeContext ctx{wire_len, out};
  ByteReader r(data, captured);
  out.status = dispatchLink(link, r, ctx);
  return out.status;
}

}  // namespace edgeflow::decode
