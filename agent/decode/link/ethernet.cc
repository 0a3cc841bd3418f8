// Ethernet II: destination MAC, source MAC, EtherType.
#include "agent/decode/ethertype_table.h"
#include "agent/decode/link/link_decoders.h"
#include "agent/decode/net/net_decoders.h"

namespace edgeflow::decode::link {

namespace {
constexpr size_t kEthernetHeader = 14;
}  // namespace

DecodeStatus decodeEthernet(ByteReader& r, DecodeContext& ctx) {
  ByteReader h;
  if (!r.sub(kEthernetHeader, h)) return DecodeStatus::EthernetTruncated;
  DecodedPacket& out = ctx.out;
  readMac(h, out.dst_mac);
  readMac(h, out.src_mac);
  out.has_dst_mac = true;
  out.has_src_mac = true;
  uint16_t ethertype = 0;
  h.u16be(ethertype);
  // Untagged IPv4 is most of the traffic: go straight to it.
  if (ethertype == kEthertypeIpv4) return net::decodeIpv4(r, ctx);
  return decodeEthertype(ethertype, r, ctx);
}

}  // namespace edgeflow::decode::link
