#include "tests/gen/special_frames.h"

#include <cstring>

#include "tests/gen/addresses.h"
#include "tests/gen/frame_builder.h"

namespace edgeflow::gen {
namespace {

const Mac kBroadcast{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
const Mac kLldpMulticast{{0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e}};

// One of the VLAN upstreams, the link these frames appear on.
const UpstreamDef& vlanUpstream(const Scenario& s, Rng& rng) {
  for (;;) {
    const UpstreamDef& u = s.upstreams[rng.index(s.upstreams.size())];
    if (u.vlan != 0) return u;
  }
}

// Ethernet header with one 802.1Q tag (vlan != 0) and `ethertype`; returns
// the offset after it.
size_t ethernet(uint8_t* f, const Mac& dst, const Mac& src, uint16_t vlan, uint16_t ethertype,
                FrameFacts& facts) {
  std::memcpy(f, dst.b.data(), 6);
  std::memcpy(f + 6, src.b.data(), 6);
  facts.dst_mac = dst;
  facts.src_mac = src;
  size_t off = 12;
  if (vlan != 0) {
    put16(f + off, 0x8100);
    put16(f + off + 2, vlan);
    off += 4;
    facts.vlans[facts.vlan_count++] = vlan;
  }
  put16(f + off, ethertype);
  return off + 2;
}

size_t arp(uint8_t* p, const Mac& sender, uint32_t sender_ip, const Mac& target, uint32_t target_ip,
           uint16_t op) {
  put16(p, 1);
  put16(p + 2, 0x0800);
  p[4] = 6;
  p[5] = 4;
  put16(p + 6, op);
  std::memcpy(p + 8, sender.b.data(), 6);
  put32(p + 14, sender_ip);
  std::memcpy(p + 18, target.b.data(), 6);
  put32(p + 24, target_ip);
  return 28;
}

size_t lldpTlv(uint8_t* p, uint8_t type, const uint8_t* value, size_t len) {
  put16(p, (uint32_t{type} << 9) | static_cast<uint32_t>(len));
  if (len != 0) std::memcpy(p + 2, value, len);
  return 2 + len;
}

Ip localV4(Rng& rng) {
  const uint8_t c = static_cast<uint8_t>(176 + rng.below(4));  // one draw per statement, in order
  return ipv4(175, 45, c, static_cast<uint8_t>(rng.range(1, 254)));
}

Ip remoteV4(Rng& rng) {
  for (;;) {
    const uint32_t a = rng.next32();
    if (isPublicIpv4(a) && (a >> 10) != (0xaf2db000u >> 10)) {
      return ipv4(static_cast<uint8_t>(a >> 24), static_cast<uint8_t>(a >> 16),
                  static_cast<uint8_t>(a >> 8), static_cast<uint8_t>(a | 1));
    }
  }
}

// An inbound TCP/UDP packet on an upstream VLAN, for the malformed kinds
// that are damaged IP packets. Returns the frame length before padding.
size_t damagedPacket(UnitKind kind, uint8_t* f, const Scenario& s, Rng& rng, FrameFacts& facts) {
  const UpstreamDef& u = vlanUpstream(s, rng);
  const bool v6 = kind == UnitKind::BadTcpOffset && rng.chance(300000);
  const uint64_t high = 0x2a02000000000000ull | (rng.next() >> 16);
  const Ip src = v6 ? ipv6(high, rng.next()) : remoteV4(rng);
  const Ip dst = v6 ? ipv6(0x20010db845000001ull, rng.next()) : localV4(rng);
  const bool tcp = kind != UnitKind::BadTotalLength;
  const uint32_t l4_len = tcp ? 20 : 8 + static_cast<uint32_t>(rng.range(20, 200));
  size_t off = ethernet(f, s.router_mac, u.peer_mac, u.vlan, v6 ? 0x86dd : 0x0800, facts);
  uint8_t* l4 = f + off + (v6 ? 40 : 20);
  std::memset(l4, 0, l4_len);
  put16(l4, static_cast<uint32_t>(rng.range(1024, 65535)));
  put16(l4 + 2, tcp ? 443 : 53);
  if (tcp) {
    put32(l4 + 4, rng.next32());
    put32(l4 + 8, rng.next32());
    l4[12] = kind == UnitKind::BadTcpOffset ? 0x30
                                            : 0x50;  // data offset 3: shorter than the fixed header
    l4[13] = 0x10;
    put16(l4 + 14, 1024);
  } else {
    put16(l4 + 4, l4_len);
    rng.fill(l4 + 8, l4_len - 8);
  }
  put16(l4 + (tcp ? 16 : 6), transportChecksum(src, dst, tcp ? 6 : 17, l4, l4_len, true));
  IpFields ip;
  ip.src = &src;
  ip.dst = &dst;
  ip.proto = tcp ? 6 : 17;
  ip.ttl = static_cast<uint8_t>(rng.range(40, 60));
  ip.id = static_cast<uint16_t>(rng.next32());
  ip.df = tcp;
  uint8_t* l3 = f + off;
  writeIpHeader(l3, ip, l4_len, facts);
  if (kind == UnitKind::BadIhl) {
    l3[0] = 0x44;  // IHL 4: a header shorter than its fixed 20 bytes
  } else if (kind == UnitKind::BadTotalLength) {
    // Claims more bytes than the frame holds, even counting padding.
    put16(l3 + 2, 20 + l4_len + static_cast<uint32_t>(rng.range(1, 400)));
    put16(l3 + 10, 0);
    put16(l3 + 10, foldChecksum(sumBytes(l3, 20)));
  }
  return off + (v6 ? 40 : 20) + l4_len;
}

}  // namespace

uint32_t buildSpecialFrame(UnitKind kind, uint8_t* f, const Scenario& s, Rng& rng,
                           FrameFacts& facts) {
  facts = FrameFacts{};
  facts.kind = FrameKind::NonIp;
  size_t len = 0;
  switch (kind) {
    case UnitKind::Arp: {
      const UpstreamDef& u = vlanUpstream(s, rng);
      const uint32_t router_ip = 0xaf2db3f8u + (u.vlan & 3);   // 175.45.179.248/30 links
      const uint32_t peer_ip = 0x3e21bf00u + (u.vlan & 0xff);  // 62.33.191.x
      const size_t off = rng.chance(500000)
                             ? ethernet(f, kBroadcast, s.router_mac, u.vlan, 0x0806, facts)
                             : ethernet(f, s.router_mac, u.peer_mac, u.vlan, 0x0806, facts);
      const bool request = facts.src_mac == s.router_mac;
      len = off + (request ? arp(f + off, s.router_mac, router_ip, Mac{}, peer_ip, 1)
                           : arp(f + off, u.peer_mac, peer_ip, s.router_mac, router_ip, 2));
      facts.header_end = static_cast<uint32_t>(off);
      break;
    }
    case UnitKind::Lldp: {
      const UpstreamDef& u = s.upstreams[rng.index(s.upstreams.size())];
      size_t off = ethernet(f, kLldpMulticast, u.peer_mac, 0, 0x88cc, facts);
      facts.header_end = static_cast<uint32_t>(off);
      uint8_t chassis[7] = {4};  // subtype: MAC address
      std::memcpy(chassis + 1, u.peer_mac.b.data(), 6);
      const uint8_t port[] = {5,   'x', 'e', '-', '0',
                              '/', '0', '/', '1'};  // subtype: interface name
      const uint8_t ttl[] = {0, 120};
      const uint8_t name[] = {'b', 'o', 'r', 'd', 'e', 'r', '-', 'g', 'w'};
      off += lldpTlv(f + off, 1, chassis, sizeof(chassis));
      off += lldpTlv(f + off, 2, port, sizeof(port));
      off += lldpTlv(f + off, 3, ttl, sizeof(ttl));
      off += lldpTlv(f + off, 5, name, sizeof(name));
      off += lldpTlv(f + off, 0, nullptr, 0);
      len = off;
      break;
    }
    case UnitKind::PppoeDiscovery: {
      // PADI from a subscriber's CPE: Service-Name (any) and a Host-Uniq.
      const UpstreamDef& u = vlanUpstream(s, rng);
      Mac cpe = macFromLow(static_cast<uint16_t>(rng.next32()));
      cpe.b[2] = 0x5e;
      size_t off = ethernet(f, kBroadcast, cpe, u.vlan, 0x8863, facts);
      facts.header_end = static_cast<uint32_t>(off);
      const uint8_t padi[] = {0x11, 0x09, 0x00, 0x00, 0x00, 12,   0x01,
                              0x01, 0x00, 0x00, 0x01, 0x03, 0x00, 0x04};
      std::memcpy(f + off, padi, sizeof(padi));
      put32(f + off + sizeof(padi), rng.next32());
      len = off + sizeof(padi) + 4;
      break;
    }
    case UnitKind::PppoeLcp: {
      // LCP Echo-Request keeping a PPPoE session alive.
      const UpstreamDef& u = vlanUpstream(s, rng);
      size_t off = ethernet(f, s.router_mac, u.peer_mac, u.vlan, 0x8864, facts);
      f[off] = 0x11;
      f[off + 1] = 0x00;
      put16(f + off + 2, static_cast<uint32_t>(rng.range(1, 0xfffe)));
      put16(f + off + 4, 10);
      put16(f + off + 6, 0xc021);
      facts.header_end = static_cast<uint32_t>(off + 8);
      f[off + 8] = 9;
      f[off + 9] = static_cast<uint8_t>(rng.next32());
      put16(f + off + 10, 8);
      put32(f + off + 12, rng.next32());
      len = off + 16;
      break;
    }
    case UnitKind::MplsPseudowire: {
      // An Ethernet pseudowire (RFC 4448) with a control word, whose first
      // nibble 0 says "neither IPv4 nor IPv6"; it carries an ARP request.
      const UpstreamDef& u = vlanUpstream(s, rng);
      size_t off = ethernet(f, s.router_mac, u.peer_mac, u.vlan, 0x8847, facts);
      put32(f + off, (static_cast<uint32_t>(rng.range(16, 0xfffff)) << 12) | 0x100 | 254);
      facts.header_end = static_cast<uint32_t>(off + 5);
      put32(f + off + 4, 0);  // control word: flags 0, sequence number unused
      off += 8;
      const Mac inner_src = macFromLow(static_cast<uint16_t>(0x0300 + rng.below(256)));
      std::memcpy(f + off, kBroadcast.b.data(), 6);
      std::memcpy(f + off + 6, inner_src.b.data(), 6);
      put16(f + off + 12, 0x0806);
      off += 14;
      const uint32_t sender_ip = 0xc6336400u | inner_src.b[5];  // 198.51.100.x, one per MAC
      off += arp(f + off, inner_src, sender_ip, Mac{}, 0xc6336401u, 1);
      len = padFrame(f + off - 42, 42) + off - 42;  // the customer's frame, padded as on its wire
      break;
    }
    case UnitKind::ShortFrame:
      facts.kind = FrameKind::Malformed;
      len = static_cast<size_t>(rng.range(1, 13));
      rng.fill(f, len);
      return static_cast<uint32_t>(len);
    case UnitKind::CutVlan: {
      facts.kind = FrameKind::Malformed;
      const UpstreamDef& u = vlanUpstream(s, rng);
      ethernet(f, s.router_mac, u.peer_mac, 0, 0x8100, facts);
      put16(f + 14, u.vlan);  // TCI, then the inner ethertype is missing
      return static_cast<uint32_t>(14 + rng.range(1, 3));
    }
    case UnitKind::CutIpv6: {
      facts.kind = FrameKind::Malformed;
      const UpstreamDef& u = vlanUpstream(s, rng);
      const size_t off = ethernet(f, s.router_mac, u.peer_mac, u.vlan, 0x86dd, facts);
      rng.fill(f + off, 40);
      f[off] = static_cast<uint8_t>(0x60 | (f[off] & 0x0f));
      return static_cast<uint32_t>(off + rng.range(8, 39));
    }
    default:  // BadIhl, BadTcpOffset, BadTotalLength
      len = damagedPacket(kind, f, s, rng, facts);
      facts.kind = FrameKind::Malformed;
      break;
  }
  return padFrame(f, len);
}

}  // namespace edgeflow::gen
