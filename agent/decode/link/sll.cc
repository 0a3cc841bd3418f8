// Linux cooked captures ("any" device): LINKTYPE_LINUX_SLL (113) and
// LINKTYPE_LINUX_SLL2 (276).
//
//   SLL:  packet type(2) ARPHRD type(2) address length(2) address(8) protocol(2)
//   SLL2: protocol(2) reserved(2) ifindex(4) ARPHRD type(2) packet type(1)
//         address length(1) address(8)
//
// The address is the link-layer address of the sender; when the device is
// Ethernet (ARPHRD_ETHER) with a 6-byte address it is the source MAC. The
// protocol is an EtherType (VLAN, MPLS and PPPoE included) except for a few
// Linux-specific values below 0x0600 (ETH_P_802_2, ETH_P_CAN, ...), and for
// netlink captures, where it is a netlink family: those are non-IP.
#include "agent/decode/ethertype_table.h"
#include "agent/decode/link/link_decoders.h"

namespace edgeflow::decode::link {

namespace {

constexpr size_t kSllHeader = 16;
constexpr size_t kSll2Header = 20;
constexpr uint16_t kArphrdEther = 1;
constexpr uint16_t kArphrdNetlink = 824;

DecodeStatus decodeCooked(uint16_t hatype, size_t addr_len, ByteReader& addr, uint16_t protocol,
                          ByteReader& r, DecodeContext& ctx) {
  if (hatype == kArphrdEther && addr_len == 6) {
    readMac(addr, ctx.out.src_mac);
    ctx.out.has_src_mac = true;
  }
  if (hatype == kArphrdNetlink || protocol < kEthertypeMin) return DecodeStatus::NonIpEthertype;
  return decodeEthertype(protocol, r, ctx);
}

}  // namespace

DecodeStatus decodeSll(ByteReader& r, DecodeContext& ctx) {
  ByteReader h;
  if (!r.sub(kSllHeader, h)) return DecodeStatus::SllTruncated;
  uint16_t hatype = 0;
  uint16_t addr_len = 0;
  uint16_t protocol = 0;
  ByteReader addr;
  h.skip(2);  // packet type
  h.u16be(hatype);
  h.u16be(addr_len);
  h.sub(8, addr);
  h.u16be(protocol);
  return decodeCooked(hatype, addr_len, addr, protocol, r, ctx);
}

DecodeStatus decodeSll2(ByteReader& r, DecodeContext& ctx) {
  ByteReader h;
  if (!r.sub(kSll2Header, h)) return DecodeStatus::Sll2Truncated;
  uint16_t protocol = 0;
  uint16_t hatype = 0;
  uint8_t addr_len = 0;
  ByteReader addr;
  h.u16be(protocol);
  h.skip(6);  // reserved, interface index
  h.u16be(hatype);
  h.skip(1);  // packet type
  h.u8(addr_len);
  h.sub(8, addr);
  return decodeCooked(hatype, addr_len, addr, protocol, r, ctx);
}

}  // namespace edgeflow::decode::link
