// IEEE 802.1Q / 802.1ad VLAN tags (EtherTypes 0x8100, 0x88a8 and the
// pre-standard 0x9100): TCI (priority, DEI, 12-bit VLAN id), then the next
// EtherType. Stacked tags are recorded outermost first, up to kMaxVlanTags.
#include "agent/decode/ethertype_table.h"
#include "agent/decode/link/link_decoders.h"

namespace edgeflow::decode::link {

namespace {
constexpr size_t kVlanTag = 4;
constexpr uint16_t kVlanIdMask = 0x0fff;
}  // namespace

DecodeStatus decodeVlan(ByteReader& r, DecodeContext& ctx) {
  DecodedPacket& out = ctx.out;
  if (out.vlan_count >= kMaxVlanTags) return DecodeStatus::TooDeep;
  ByteReader h;
  if (!r.sub(kVlanTag, h)) return DecodeStatus::VlanTruncated;
  uint16_t tci = 0;
  uint16_t ethertype = 0;
  h.u16be(tci);
  h.u16be(ethertype);
  out.vlan_ids[out.vlan_count] = static_cast<uint16_t>(tci & kVlanIdMask);
  ++out.vlan_count;
  return decodeEthertype(ethertype, r, ctx);
}

}  // namespace edgeflow::decode::link
