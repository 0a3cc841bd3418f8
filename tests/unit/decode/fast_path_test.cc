// The fast path must agree with the layered decoders on every frame it
// takes, and must leave every other frame to them.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "agent/decode/fast_path.h"
#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

namespace {

void checkSame(const DecodedPacket& a, const DecodedPacket& b, const char* what) {
  STRCMP_EQUAL_TEXT(name(a.status).c_str(), name(b.status).c_str(), what);
  CHECK_TEXT(a.has_src_mac == b.has_src_mac && a.has_dst_mac == b.has_dst_mac, what);
  if (a.has_src_mac) CHECK_TEXT(a.src_mac == b.src_mac, what);
  if (a.has_dst_mac) CHECK_TEXT(a.dst_mac == b.dst_mac, what);
  CHECK_TEXT(a.vlan_count == b.vlan_count && a.mpls_count == b.mpls_count, what);
  for (int i = 0; i < a.vlan_count && i < kMaxVlanTags; ++i) CHECK_TEXT(a.vlan_ids[i] == b.vlan_ids[i], what);
  CHECK_TEXT(a.mpls_top_label == b.mpls_top_label, what);
  CHECK_TEXT(a.pppoe == b.pppoe && a.pppoe_session == b.pppoe_session, what);
  CHECK_TEXT(a.has_ip == b.has_ip, what);
  if (a.has_ip) CHECK_TEXT(a.src == b.src && a.dst == b.dst, what);
  CHECK_TEXT(a.ip_bytes == b.ip_bytes && a.ip_proto == b.ip_proto && a.ttl == b.ttl, what);
  CHECK_TEXT(a.l3_offset == b.l3_offset, what);
  CHECK_TEXT(a.is_fragment == b.is_fragment && a.more_fragments == b.more_fragments, what);
  CHECK_TEXT(a.frag_offset == b.frag_offset && a.frag_id == b.frag_id, what);
  CHECK_TEXT(a.has_ports == b.has_ports && a.src_port == b.src_port && a.dst_port == b.dst_port, what);
  CHECK_TEXT(a.tcp_flags == b.tcp_flags, what);
  CHECK_TEXT(a.l4_offset == b.l4_offset && a.payload_offset == b.payload_offset, what);
  CHECK_TEXT(a.payload_captured == b.payload_captured, what);
}

// Decodes both ways from an exactly-sized copy; returns whether the fast
// path took the frame.
bool compareBothWays(const uint8_t* bytes, size_t n, uint32_t wire_len, const char* what) {
  std::unique_ptr<uint8_t[]> copy(new uint8_t[n]);
  if (n > 0) std::memcpy(copy.get(), bytes, n);
  DecodedPacket layered;
  DecodedPacket full;
  DecodedPacket fast;
  decodeLayered(LinkType::Ethernet, copy.get(), n, wire_len, layered);
  decodePacket(LinkType::Ethernet, copy.get(), n, wire_len, full);
  checkSame(layered, full, what);
  const bool taken = decodeFastPath(copy.get(), n, wire_len, fast);
  if (taken) checkSame(layered, fast, what);
  return taken;
}

// Fast-path frames with no sample of their own: IPv6 behind a VLAN tag,
// IPv6 padded to the Ethernet minimum, IPv6 TCP with options.
Bytes vlanIpv6Tcp() {
  Bytes tag(kEthIpv6.begin(), kEthIpv6.begin() + 12);
  return tag + Bytes{0x81, 0x00, 0x20, 0x66, 0x86, 0xdd} + kIpv6Tcp;
}

Bytes paddedIpv6Udp() {
  Bytes f = kEthIpv6 + kIpv6Udp;
  f.resize(80, 0);
  return f;
}

Bytes ipv6TcpOptions() {
  Bytes f = kEthIpv6 + kIpv6Tcp;
  const size_t l4 = kEthIpv6.size() + 40;
  f[l4 + 12] = 0x60;  // data offset 6: the first 4 payload bytes are options
  f.push_back('w');
  f[kEthIpv6.size() + 5] = static_cast<uint8_t>(kIpv6Tcp.size() - 40 + 1);  // payload length
  return f;
}

struct ExtraFrame {
  const char* name;
  Bytes frame;
  size_t header_end;  // end of the transport header
};

// Built per test: the leak detector would count a static copy.
std::vector<ExtraFrame> extraFrames() {
  return {
      {"eth/vlan/ipv6/tcp", vlanIpv6Tcp(), 78},
      {"eth/ipv6/udp/padded", paddedIpv6Udp(), 62},
      {"eth/ipv6/tcp-options", ipv6TcpOptions(), 78},
  };
}

}  // namespace

TEST_GROUP(FastPath){};

TEST(FastPath, TakesPlainIpv4AndIpv6TcpUdpAndIcmp) {
  DecodedPacket p;
  for (const char* s : {"eth/ipv4/tcp", "eth/ipv4/udp", "eth/ipv4/udp/padded", "eth/ipv4/tcp-options",
                        "eth/vlan/ipv4/tcp", "eth/ipv4/icmp", "eth/ipv6/tcp", "eth/ipv6/udp", "eth/ipv6/icmpv6"}) {
    const Bytes& f = sample(s).frame;
    CHECK_TEXT(decodeFastPath(f.data(), f.size(), f.size(), p), s);
  }
  const std::vector<ExtraFrame> extras = extraFrames();
  for (const ExtraFrame& e : extras) {
    CHECK_TEXT(decodeFastPath(e.frame.data(), e.frame.size(), e.frame.size(), p), e.name);
  }
  for (const char* s : {"eth/ipv4-options/udp", "eth/ipv4-frag-first/udp", "eth/ipv4/sctp", "eth/qinq-88a8/ipv4/tcp",
                        "eth/ipv6-ext/udp", "eth/ipv6-frag-first/udp", "eth/ipv6-ah/tcp", "eth/ipv6/esp",
                        "eth/qinq-9100/ipv6/tcp", "eth/pppoe/ipv6/tcp", "eth/arp"}) {
    const Bytes& f = sample(s).frame;
    CHECK_FALSE_TEXT(decodeFastPath(f.data(), f.size(), f.size(), p), s);
  }
}

TEST(FastPath, Ipv6Fields) {
  const Bytes f = vlanIpv6Tcp();
  DecodedPacket p;
  CHECK_TRUE(decodeFastPath(f.data(), f.size(), f.size(), p));
  UNSIGNED_LONGS_EQUAL(1, p.vlan_count);
  UNSIGNED_LONGS_EQUAL(0x066, p.vlan_ids[0]);
  STRCMP_EQUAL("2001:db8::1", addr(p.src).c_str());
  STRCMP_EQUAL("2001:db8::2", addr(p.dst).c_str());
  UNSIGNED_LONGS_EQUAL(63, p.ip_bytes);
  UNSIGNED_LONGS_EQUAL(6, p.ip_proto);
  UNSIGNED_LONGS_EQUAL(64, p.ttl);
  UNSIGNED_LONGS_EQUAL(18, p.l3_offset);
  UNSIGNED_LONGS_EQUAL(58, p.l4_offset);
  UNSIGNED_LONGS_EQUAL(78, p.payload_offset);
  UNSIGNED_LONGS_EQUAL(3, p.payload_captured);
  UNSIGNED_LONGS_EQUAL(40001, p.src_port);
  UNSIGNED_LONGS_EQUAL(80, p.dst_port);
  UNSIGNED_LONGS_EQUAL(0x18, p.tcp_flags);
}

TEST(FastPath, AgreesOnEveryEthernetSampleAndTruncation) {
  for (const SampleFrame& s : kSamples) {
    if (s.link != LinkType::Ethernet) continue;
    for (size_t i = 0; i <= s.frame.size(); ++i) {
      const std::string what = std::string(s.name) + " cut at " + std::to_string(i);
      compareBothWays(s.frame.data(), i, static_cast<uint32_t>(s.frame.size()), what.c_str());
    }
  }
  const std::vector<ExtraFrame> extras = extraFrames();
  for (const ExtraFrame& e : extras) {
    for (size_t i = 0; i <= e.frame.size(); ++i) {
      const std::string what = std::string(e.name) + " cut at " + std::to_string(i);
      const bool taken = compareBothWays(e.frame.data(), i, static_cast<uint32_t>(e.frame.size()), what.c_str());
      CHECK_TEXT(taken == (i >= e.header_end), what.c_str());
    }
  }
}

TEST(FastPath, AgreesOnMutatedFrames) {
  // Mutations of the fast-path samples hit each of its bail-outs.
  std::vector<const Bytes*> bases;
  for (const char* s : {"eth/ipv4/tcp", "eth/ipv4/udp", "eth/ipv4/tcp-options", "eth/ipv4/udp/padded",
                        "eth/vlan/ipv4/tcp", "eth/ipv4/icmp", "eth/ipv6/tcp", "eth/ipv6/udp", "eth/ipv6/icmpv6"}) {
    bases.push_back(&sample(s).frame);
  }
  const std::vector<ExtraFrame> extras = extraFrames();
  for (const ExtraFrame& e : extras) bases.push_back(&e.frame);
  uint64_t state = 0x5eed0003;
  auto next = [&state]() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  };
  int taken = 0;
  uint8_t buf[128];
  for (int f = 0; f < 100000; ++f) {
    const Bytes& frame = *bases[next() % bases.size()];
    std::memcpy(buf, frame.data(), frame.size());
    const size_t at = 12 + next() % (frame.size() - 12);
    buf[at] = static_cast<uint8_t>(next());
    const size_t n = next() % 3 == 0 ? next() % (frame.size() + 1) : frame.size();
    const uint32_t wire = static_cast<uint32_t>(frame.size() + (next() % 4 == 0 ? next() % 100 : 0));
    if (compareBothWays(buf, n, wire, "mutated")) ++taken;
  }
  CHECK(taken > 1000);
}
