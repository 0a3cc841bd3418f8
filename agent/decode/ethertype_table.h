// The EtherType table: which decoder takes the bytes after an EtherType.
//
// Ethernet, VLAN tags and Linux cooked headers all end in a 16-bit protocol
// number; they hand it here. Adding an encapsulation is one decoder file and
// one row in ethertype_table.cc.
#pragma once

#include <cstdint>

#include "agent/decode/decode_context.h"

namespace edgeflow::decode {

constexpr uint16_t kEthertypeIpv4 = 0x0800;
constexpr uint16_t kEthertypeIpv6 = 0x86dd;
constexpr uint16_t kEthertypeVlan = 0x8100;        // IEEE 802.1Q C-tag
constexpr uint16_t kEthertypeQinQ = 0x88a8;        // IEEE 802.1ad S-tag
constexpr uint16_t kEthertypeQinQLegacy = 0x9100;  // pre-standard QinQ
constexpr uint16_t kEthertypeMplsUnicast = 0x8847;
constexpr uint16_t kEthertypeMplsMulticast = 0x8848;
constexpr uint16_t kEthertypePppoeDiscovery = 0x8863;
constexpr uint16_t kEthertypePppoeSession = 0x8864;
// Values below this are IEEE 802.3 lengths, not EtherTypes.
constexpr uint16_t kEthertypeMin = 0x0600;

// Decodes what follows `ethertype`; r is positioned just after the field.
// Unknown EtherTypes are non-IP frames; 802.3 lengths are LLC frames.
DecodeStatus decodeEthertype(uint16_t ethertype, ByteReader& r, DecodeContext& ctx);

}  // namespace edgeflow::decode
