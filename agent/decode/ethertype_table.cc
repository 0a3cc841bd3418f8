#include "agent/decode/ethertype_table.h"

#include "agent/decode/link/link_decoders.h"
#include "agent/decode/net/net_decoders.h"

namespace edgeflow::decode {

namespace {

struct EthertypeRoute {
  uint16_t ethertype;
  LayerDecoder decode;
};

// Most frequent first: the lookup is a short linear scan.
// clang-format off
constexpr EthertypeRoute kRoutes[] = {
    {kEthertypeIpv4, net::decodeIpv4},
    {kEthertypeIpv6, net::decodeIpv6},
    {kEthertypeVlan, link::decodeVlan},
    {kEthertypeQinQ, link::decodeVlan},
    {kEthertypeQinQLegacy, link::decodeVlan},
    {kEthertypeMplsUnicast, link::decodeMpls},
    {kEthertypeMplsMulticast, link::decodeMpls},
    {kEthertypePppoeSession, link::decodePppoeSession},
    {kEthertypePppoeDiscovery, link::decodePppoeDiscovery},
};
// clang-format on

}  // namespace

DecodeStatus decodeEthertype(uint16_t ethertype, ByteReader& r, DecodeContext& ctx) {
  for (const EthertypeRoute& route : kRoutes) {
    if (route.ethertype == ethertype) return route.decode(r, ctx);
  }
  // An 802.3 frame: the field is a length and LLC follows (STP, CDP, ...).
  if (ethertype < kEthertypeMin) return DecodeStatus::NonIpLlc;
  return DecodeStatus::NonIpEthertype;  // ARP, LLDP, ...
}

}  // namespace edgeflow::decode
