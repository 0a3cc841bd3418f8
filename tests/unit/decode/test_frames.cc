#include "tests/unit/decode/test_frames.h"

#include <cstring>
#include <memory>

#include <CppUTest/TestHarness.h>

namespace edgeflow::decode::test {

Bytes operator+(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

DecodedPacket decode(LinkType link, const Bytes& frame, size_t captured, uint32_t wire_len) {
  if (captured > frame.size()) captured = frame.size();
  if (wire_len == 0) wire_len = static_cast<uint32_t>(frame.size());
  std::unique_ptr<uint8_t[]> copy(new uint8_t[captured]);
  if (captured > 0) std::memcpy(copy.get(), frame.data(), captured);
  DecodedPacket p;
  decodePacket(link, copy.get(), captured, wire_len, p);
  return p;
}

std::string addr(const IpAddr& a) { return a.toString(); }
std::string name(DecodeStatus s) { return std::string(decodeStatusName(s)); }

// clang-format off
const Bytes kIpv4Tcp = {
    0x45, 0x00, 0x00, 0x2c,  0x12, 0x34, 0x40, 0x00,  // v4 IHL 5, total 44, id 0x1234, DF
    0x40, 0x06, 0x00, 0x00,                           // TTL 64, TCP, checksum
    192, 0, 2, 1,            198, 51, 100, 7,         // src, dst
    0x9c, 0x40, 0x01, 0xbb,                           // TCP 40000 -> 443
    0x00, 0x00, 0x00, 0x01,  0x00, 0x00, 0x00, 0x00,  // seq, ack
    0x50, 0x02, 0xff, 0xff,  0x00, 0x00, 0x00, 0x00,  // data offset 5, SYN, window, csum, urg
    'a', 'b', 'c', 'd'};

const Bytes kIpv4Udp = {
    0x45, 0x00, 0x00, 0x20,  0x00, 0x07, 0x00, 0x00,  // total 32, id 7
    0x40, 0x11, 0x00, 0x00,                           // TTL 64, UDP
    192, 0, 2, 1,            198, 51, 100, 7,
    0x14, 0xe9, 0x00, 0x35,  0x00, 0x0c, 0x00, 0x00,  // UDP 5353 -> 53, length 12
    0xde, 0xad, 0xbe, 0xef};

const Bytes kIpv6Tcp = {
    0x60, 0x00, 0x00, 0x00,  0x00, 0x17, 0x06, 0x40,  // payload 23, TCP, hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
    0x9c, 0x41, 0x00, 0x50,                           // TCP 40001 -> 80
    0x00, 0x00, 0x00, 0x01,  0x00, 0x00, 0x00, 0x01,
    0x50, 0x18, 0xff, 0xff,  0x00, 0x00, 0x00, 0x00,  // PSH|ACK
    'x', 'y', 'z'};

const Bytes kIpv6Udp = {
    0x60, 0x00, 0x00, 0x00,  0x00, 0x0a, 0x11, 0x40,  // payload 10, UDP
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
    0x02, 0x22, 0x02, 0x23,  0x00, 0x0a, 0x00, 0x00,  // UDP 546 -> 547
    0x01, 0x02};

const Bytes kEthIpv4 = {0x02, 0, 0, 0, 0, 0x02,  0x02, 0, 0, 0, 0, 0x01,  0x08, 0x00};
const Bytes kEthIpv6 = {0x02, 0, 0, 0, 0, 0x02,  0x02, 0, 0, 0, 0, 0x01,  0x86, 0xdd};

namespace {

const Bytes kMacs = {0x02, 0, 0, 0, 0, 0x02,  0x02, 0, 0, 0, 0, 0x01};

// Datagrams used by one sample each.
const Bytes kIpv4Options = {
    0x46, 0x00, 0x00, 0x24,  0x00, 0x08, 0x00, 0x00,  // IHL 6, total 36
    0x40, 0x11, 0x00, 0x00,  192, 0, 2, 1,  198, 51, 100, 7,
    0x01, 0x01, 0x01, 0x00,                           // NOP NOP NOP EOL
    0x14, 0xe9, 0x00, 0x35,  0x00, 0x0c, 0x00, 0x00,  0xde, 0xad, 0xbe, 0xef};

const Bytes kIpv4FragFirst = {
    0x45, 0x00, 0x00, 0x24,  0xab, 0xcd, 0x20, 0x00,  // total 36, id 0xabcd, MF, offset 0
    0x40, 0x11, 0x00, 0x00,  192, 0, 2, 1,  198, 51, 100, 7,
    0x14, 0xe9, 0x00, 0x35,  0x00, 0x28, 0x00, 0x00,  // UDP header (length 40)
    1, 2, 3, 4, 5, 6, 7, 8};
const Bytes kIpv4FragMiddle = {
    0x45, 0x00, 0x00, 0x24,  0xab, 0xcd, 0x20, 0x02,  // MF, offset 2 (16 bytes)
    0x40, 0x11, 0x00, 0x00,  192, 0, 2, 1,  198, 51, 100, 7,
    9, 10, 11, 12, 13, 14, 15, 16,  17, 18, 19, 20, 21, 22, 23, 24};
const Bytes kIpv4FragLast = {
    0x45, 0x00, 0x00, 0x1c,  0xab, 0xcd, 0x00, 0x04,  // total 28, offset 4 (32 bytes)
    0x40, 0x11, 0x00, 0x00,  192, 0, 2, 1,  198, 51, 100, 7,
    25, 26, 27, 28, 29, 30, 31, 32};

const Bytes kIpv4TcpOptions = {
    0x45, 0x00, 0x00, 0x34,  0x00, 0x01, 0x40, 0x00,  // total 52
    0x40, 0x06, 0x00, 0x00,  192, 0, 2, 1,  198, 51, 100, 7,
    0x9c, 0x40, 0x01, 0xbb,  0, 0, 0, 1,  0, 0, 0, 0,
    0x80, 0x02, 0xff, 0xff,  0, 0, 0, 0,              // data offset 8
    0x02, 0x04, 0x05, 0xb4,  0x01, 0x03, 0x03, 0x07,  0x01, 0x01, 0x04, 0x02};

const Bytes kIpv4Sctp = {
    0x45, 0x00, 0x00, 0x24,  0x00, 0x02, 0x00, 0x00,  // total 36
    0x40, 0x84, 0x00, 0x00,  192, 0, 2, 1,  198, 51, 100, 7,
    0x0b, 0x59, 0x0b, 0x5a,  0x00, 0x00, 0x00, 0x01,  0, 0, 0, 0,  // 2905 -> 2906
    0x01, 0x00, 0x00, 0x04};                          // INIT chunk header

const Bytes kIpv4Icmp = {
    0x45, 0x00, 0x00, 0x1c,  0x00, 0x03, 0x00, 0x00,  // total 28
    0x40, 0x01, 0x00, 0x00,  192, 0, 2, 1,  198, 51, 100, 7,
    0x08, 0x00, 0xf7, 0xff,  0x00, 0x00, 0x00, 0x00}; // echo request

const Bytes kIpv6Icmpv6 = {
    0x60, 0x00, 0x00, 0x00,  0x00, 0x08, 0x3a, 0xff,  // payload 8, ICMPv6
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
    0x80, 0x00, 0x00, 0x00,  0x00, 0x01, 0x00, 0x01}; // echo request

const Bytes kIpv6ExtChain = {
    0x60, 0x00, 0x00, 0x00,  0x00, 0x32, 0x00, 0x40,  // payload 50, hop-by-hop
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
    0x2b, 0x00, 0x01, 0x04,  0x00, 0x00, 0x00, 0x00,  // hop-by-hop -> routing, PadN
    0x3c, 0x02, 0x00, 0x01,  0x00, 0x00, 0x00, 0x00,  // routing (24 bytes) -> dest opts
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x99,
    0x11, 0x00, 0x01, 0x04,  0x00, 0x00, 0x00, 0x00,  // destination options -> UDP
    0x14, 0xe9, 0x00, 0x35,  0x00, 0x0a, 0x00, 0x00,  // UDP 5353 -> 53
    0x01, 0x02};

const Bytes kIpv6FragFirst = {
    0x60, 0x00, 0x00, 0x00,  0x00, 0x18, 0x2c, 0x40,  // payload 24, fragment
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
    0x11, 0x00, 0x00, 0x01,  0x12, 0x34, 0x56, 0x78,  // -> UDP, offset 0, M, id
    0x14, 0xe9, 0x00, 0x35,  0x00, 0x18, 0x00, 0x00,
    1, 2, 3, 4, 5, 6, 7, 8};
const Bytes kIpv6FragLater = {
    0x60, 0x00, 0x00, 0x00,  0x00, 0x10, 0x2c, 0x40,  // payload 16
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
    0x11, 0x00, 0x00, 0x10,  0x12, 0x34, 0x56, 0x78,  // offset 16, last
    9, 10, 11, 12, 13, 14, 15, 16};

const Bytes kIpv6Esp = {
    0x60, 0x00, 0x00, 0x00,  0x00, 0x10, 0x32, 0x40,  // payload 16, ESP
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
    0x00, 0x00, 0x10, 0x01,  0x00, 0x00, 0x00, 0x01,  // SPI, sequence
    0xa1, 0xa2, 0xa3, 0xa4,  0xa5, 0xa6, 0xa7, 0xa8};

const Bytes kIpv6AhTcp = {
    0x60, 0x00, 0x00, 0x00,  0x00, 0x2c, 0x33, 0x40,  // payload 44, AH
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
    0x06, 0x04, 0x00, 0x00,                           // AH -> TCP, (4 + 2) * 4 = 24 bytes
    0x00, 0x00, 0x20, 0x02,  0x00, 0x00, 0x00, 0x05,  // SPI, sequence
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,               // ICV
    0x00, 0x16, 0xc0, 0x00,  0, 0, 0, 1,  0, 0, 0, 0, // TCP 22 -> 49152
    0x50, 0x10, 0xff, 0xff,  0, 0, 0, 0};

const Bytes kArp = {
    0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01,   // Ethernet/IPv4, request
    0x02, 0, 0, 0, 0, 0x01,  192, 0, 2, 1,
    0x00, 0, 0, 0, 0, 0x00,  192, 0, 2, 2};

const Bytes kLldp = {
    0x02, 0x07, 0x04, 0x02, 0, 0, 0, 0, 0x01,         // chassis id
    0x04, 0x03, 0x05, 'e', '1',                       // port id
    0x06, 0x02, 0x00, 0x78,                           // TTL 120
    0x00, 0x00};                                      // end

const Bytes kStp = {0x42, 0x42, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x02, 0x00};

const Bytes kLcp = {0xc0, 0x21,  0x01, 0x01, 0x00, 0x08,  0x01, 0x04, 0x05, 0xd4};  // Configure-Request, MRU

// Ethernet with VLAN tags. TCI 0x2065: priority 1, VLAN 101.
const Bytes kVlanHdr = kMacs + Bytes{0x81, 0x00,  0x20, 0x65, 0x08, 0x00};
const Bytes kQinQHdr = kMacs + Bytes{0x88, 0xa8,  0x05, 0xf5, 0x81, 0x00,  0x00, 0x1e, 0x08, 0x00};
const Bytes kQinQ9100Hdr = kMacs + Bytes{0x91, 0x00,  0x00, 0xc8, 0x81, 0x00,  0x00, 0x64, 0x86, 0xdd};

// MPLS: label 29 bottom of stack; labels 16, 1000, 100000 (bottom).
const Bytes kMpls1Hdr = kMacs + Bytes{0x88, 0x47,  0x00, 0x01, 0xd1, 0xff};
const Bytes kMpls3Hdr = kMacs + Bytes{0x88, 0x47,  0x00, 0x01, 0x00, 0x40,  0x00, 0x3e, 0x80, 0x40,
                                      0x18, 0x6a, 0x01, 0x40};
const Bytes kMplsPwHdr = kMacs + Bytes{0x88, 0x47,  0x00, 0x01, 0xd1, 0xff,  0x00, 0x00, 0x00, 0x00};

// PPPoE session 0x069d, lengths = PPP protocol field + payload.
const Bytes kPppoeIpv4Hdr = kMacs + Bytes{0x88, 0x64,  0x11, 0x00, 0x06, 0x9d, 0x00, 0x2e,  0x00, 0x21};
const Bytes kPppoeIpv6Hdr = kMacs + Bytes{0x88, 0x64,  0x11, 0x00, 0x00, 0x01, 0x00, 0x41,  0x00, 0x57};
const Bytes kPppoeLcpHdr = kMacs + Bytes{0x88, 0x64,  0x11, 0x00, 0x00, 0x01, 0x00, 0x0a};
const Bytes kPppoePadi = kMacs + Bytes{0x88, 0x63,  0x11, 0x09, 0x00, 0x00, 0x00, 0x04,  0x01, 0x01, 0x00, 0x00};

// Linux cooked: incoming, ARPHRD_ETHER, 6-byte sender 02:00:00:00:00:01.
const Bytes kSllIpv4Hdr = {0x00, 0x00,  0x00, 0x01,  0x00, 0x06,  0x02, 0, 0, 0, 0, 0x01, 0, 0,  0x08, 0x00};
const Bytes kSllVlanHdr = {0x00, 0x00,  0x00, 0x01,  0x00, 0x06,  0x02, 0, 0, 0, 0, 0x01, 0, 0,  0x81, 0x00,
                           0x00, 0x65, 0x08, 0x00};
// SLL2: IPv6, ifindex 3, ARPHRD_ETHER, outgoing, sender 02:00:00:00:00:09.
const Bytes kSll2Ipv6Hdr = {0x86, 0xdd,  0x00, 0x00,  0x00, 0x00, 0x00, 0x03,  0x00, 0x01,  0x04,  0x06,
                            0x02, 0, 0, 0, 0, 0x09, 0, 0};

Bytes padTo(Bytes frame, size_t size) {
  frame.resize(size < frame.size() ? frame.size() : size, 0);
  return frame;
}

}  // namespace

const std::vector<SampleFrame> kSamples = {
    {"eth/ipv4/tcp", LinkType::Ethernet, kEthIpv4 + kIpv4Tcp, 54, DecodeStatus::Ok},
    {"eth/ipv4/udp", LinkType::Ethernet, kEthIpv4 + kIpv4Udp, 42, DecodeStatus::Ok},
    {"eth/ipv6/tcp", LinkType::Ethernet, kEthIpv6 + kIpv6Tcp, 74, DecodeStatus::Ok},
    {"eth/ipv6/udp", LinkType::Ethernet, kEthIpv6 + kIpv6Udp, 62, DecodeStatus::Ok},
    {"eth/ipv4/udp/padded", LinkType::Ethernet, padTo(kEthIpv4 + kIpv4Udp, 60), 42, DecodeStatus::Ok},
    {"eth/ipv4-options/udp", LinkType::Ethernet, kEthIpv4 + kIpv4Options, 46, DecodeStatus::Ok},
    {"eth/ipv4/tcp-options", LinkType::Ethernet, kEthIpv4 + kIpv4TcpOptions, 66, DecodeStatus::Ok},
    {"eth/ipv4/sctp", LinkType::Ethernet, kEthIpv4 + kIpv4Sctp, 46, DecodeStatus::Ok},
    {"eth/ipv4/icmp", LinkType::Ethernet, kEthIpv4 + kIpv4Icmp, 36, DecodeStatus::Ok},
    {"eth/ipv6/icmpv6", LinkType::Ethernet, kEthIpv6 + kIpv6Icmpv6, 56, DecodeStatus::Ok},
    {"eth/ipv4-frag-first/udp", LinkType::Ethernet, kEthIpv4 + kIpv4FragFirst, 42, DecodeStatus::Ok},
    {"eth/ipv4-frag-middle", LinkType::Ethernet, padTo(kEthIpv4 + kIpv4FragMiddle, 60), 34, DecodeStatus::Ok},
    {"eth/ipv4-frag-last", LinkType::Ethernet, padTo(kEthIpv4 + kIpv4FragLast, 60), 34, DecodeStatus::Ok},
    {"eth/ipv6-ext/udp", LinkType::Ethernet, kEthIpv6 + kIpv6ExtChain, 102, DecodeStatus::Ok},
    {"eth/ipv6-frag-first/udp", LinkType::Ethernet, kEthIpv6 + kIpv6FragFirst, 70, DecodeStatus::Ok},
    {"eth/ipv6-frag-later", LinkType::Ethernet, kEthIpv6 + kIpv6FragLater, 62, DecodeStatus::Ok},
    {"eth/ipv6/esp", LinkType::Ethernet, kEthIpv6 + kIpv6Esp, 54, DecodeStatus::Ok},
    {"eth/ipv6-ah/tcp", LinkType::Ethernet, kEthIpv6 + kIpv6AhTcp, 98, DecodeStatus::Ok},
    {"eth/vlan/ipv4/tcp", LinkType::Ethernet, kVlanHdr + kIpv4Tcp, 58, DecodeStatus::Ok},
    {"eth/qinq-88a8/ipv4/tcp", LinkType::Ethernet, kQinQHdr + kIpv4Tcp, 62, DecodeStatus::Ok},
    {"eth/qinq-9100/ipv6/tcp", LinkType::Ethernet, kQinQ9100Hdr + kIpv6Tcp, 82, DecodeStatus::Ok},
    {"eth/mpls1/ipv4/tcp", LinkType::Ethernet, kMpls1Hdr + kIpv4Tcp, 58, DecodeStatus::Ok},
    {"eth/mpls3/ipv6/tcp", LinkType::Ethernet, kMpls3Hdr + kIpv6Tcp, 86, DecodeStatus::Ok},
    {"eth/mpls-multicast/ipv4/udp", LinkType::Ethernet,
     kMacs + Bytes{0x88, 0x48, 0x00, 0x01, 0xd1, 0xff} + kIpv4Udp, 46, DecodeStatus::Ok},
    {"eth/mpls/pseudowire", LinkType::Ethernet, kMplsPwHdr + kEthIpv4 + kIpv4Tcp, 19,
     DecodeStatus::NonIpMplsPayload},
    {"eth/pppoe/ipv4/tcp", LinkType::Ethernet, kPppoeIpv4Hdr + kIpv4Tcp, 62, DecodeStatus::Ok},
    {"eth/pppoe/ipv6/tcp", LinkType::Ethernet, kPppoeIpv6Hdr + kIpv6Tcp, 82, DecodeStatus::Ok},
    {"eth/pppoe/lcp", LinkType::Ethernet, padTo(kPppoeLcpHdr + kLcp, 60), 22, DecodeStatus::NonIpPppProtocol},
    {"eth/pppoe-discovery", LinkType::Ethernet, padTo(kPppoePadi, 60), 14, DecodeStatus::NonIpPppoeDiscovery},
    {"eth/arp", LinkType::Ethernet, padTo(kMacs + Bytes{0x08, 0x06} + kArp, 60), 14, DecodeStatus::NonIpEthertype},
    {"eth/lldp", LinkType::Ethernet, padTo(kMacs + Bytes{0x88, 0xcc} + kLldp, 60), 14, DecodeStatus::NonIpEthertype},
    {"eth/802.3-stp", LinkType::Ethernet, padTo(kMacs + Bytes{0x00, 0x26} + kStp, 60), 14, DecodeStatus::NonIpLlc},
    {"sll/ipv4/tcp", LinkType::LinuxSll, kSllIpv4Hdr + kIpv4Tcp, 56, DecodeStatus::Ok},
    {"sll/vlan/ipv4/udp", LinkType::LinuxSll, kSllVlanHdr + kIpv4Udp, 48, DecodeStatus::Ok},
    {"sll2/ipv6/tcp", LinkType::LinuxSll2, kSll2Ipv6Hdr + kIpv6Tcp, 80, DecodeStatus::Ok},
    {"raw/ipv4/tcp", LinkType::Raw, kIpv4Tcp, 40, DecodeStatus::Ok},
    {"raw/ipv6/udp", LinkType::Raw, kIpv6Udp, 48, DecodeStatus::Ok},
    {"ipv4/udp", LinkType::Ipv4, kIpv4Udp, 28, DecodeStatus::Ok},
    {"ipv6/tcp", LinkType::Ipv6, kIpv6Tcp, 60, DecodeStatus::Ok},
    {"ppp-ff03/ipv4/tcp", LinkType::Ppp, Bytes{0xff, 0x03, 0x00, 0x21} + kIpv4Tcp, 44, DecodeStatus::Ok},
    {"ppp/ipv6/udp", LinkType::Ppp, Bytes{0x00, 0x57} + kIpv6Udp, 50, DecodeStatus::Ok},
    {"ppp-pfc/ipv4/udp", LinkType::Ppp, Bytes{0x21} + kIpv4Udp, 29, DecodeStatus::Ok},
    {"ppp-hdlc/ipv4/udp", LinkType::PppHdlc, Bytes{0xff, 0x03, 0x00, 0x21} + kIpv4Udp, 32, DecodeStatus::Ok},
    {"ppp/lcp", LinkType::Ppp, Bytes{0xff, 0x03} + kLcp, 4, DecodeStatus::NonIpPppProtocol},
    {"null-le/ipv4/tcp", LinkType::Null, Bytes{0x02, 0x00, 0x00, 0x00} + kIpv4Tcp, 44, DecodeStatus::Ok},
    {"null-be/ipv6/tcp", LinkType::Null, Bytes{0x00, 0x00, 0x00, 0x18} + kIpv6Tcp, 64, DecodeStatus::Ok},
    {"null-le-30/ipv6/udp", LinkType::Null, Bytes{0x1e, 0x00, 0x00, 0x00} + kIpv6Udp, 52, DecodeStatus::Ok},
    {"null/unknown-family", LinkType::Null, Bytes{0x07, 0x00, 0x00, 0x00, 0xaa, 0xbb}, 4,
     DecodeStatus::NonIpAddressFamily},
    {"loop/ipv4/udp", LinkType::Loop, Bytes{0x00, 0x00, 0x00, 0x02} + kIpv4Udp, 32, DecodeStatus::Ok},
};
// clang-format on

const SampleFrame& sample(const char* wanted) {
  for (const SampleFrame& s : kSamples) {
    if (std::strcmp(s.name, wanted) == 0) return s;
  }
  FAIL(wanted);
  return kSamples.front();
}

}  // namespace edgeflow::decode::test
