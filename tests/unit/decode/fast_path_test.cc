// The fast path must agree with the layered decoders on every frame it
// takes, and must leave every other frame to them.
#include <cstring>
#include <memory>

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

}  // namespace

TEST_GROUP(FastPath){};

TEST(FastPath, TakesPlainIpv4TcpAndUdp) {
  DecodedPacket p;
  for (const char* s :
       {"eth/ipv4/tcp", "eth/ipv4/udp", "eth/ipv4/udp/padded", "eth/ipv4/tcp-options", "eth/vlan/ipv4/tcp"}) {
    const Bytes& f = sample(s).frame;
    CHECK_TEXT(decodeFastPath(f.data(), f.size(), f.size(), p), s);
  }
  for (const char* s : {"eth/ipv4-options/udp", "eth/ipv4-frag-first/udp", "eth/ipv4/icmp",
                        "eth/qinq-88a8/ipv4/tcp", "eth/ipv6/tcp", "eth/arp"}) {
    const Bytes& f = sample(s).frame;
    CHECK_FALSE_TEXT(decodeFastPath(f.data(), f.size(), f.size(), p), s);
  }
}

TEST(FastPath, AgreesOnEveryEthernetSampleAndTruncation) {
  for (const SampleFrame& s : kSamples) {
    if (s.link != LinkType::Ethernet) continue;
    for (size_t i = 0; i <= s.frame.size(); ++i) {
      const std::string what = std::string(s.name) + " cut at " + std::to_string(i);
      compareBothWays(s.frame.data(), i, static_cast<uint32_t>(s.frame.size()), what.c_str());
    }
  }
}

TEST(FastPath, AgreesOnMutatedFrames) {
  // Mutations of the fast-path samples hit each of its bail-outs.
  const SampleFrame* bases[] = {&sample("eth/ipv4/tcp"), &sample("eth/ipv4/udp"),
                                &sample("eth/ipv4/tcp-options"), &sample("eth/ipv4/udp/padded"),
                                &sample("eth/vlan/ipv4/tcp")};
  uint64_t state = 0x5eed0003;
  auto next = [&state]() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  };
  int taken = 0;
  uint8_t buf[128];
  for (int f = 0; f < 100000; ++f) {
    const Bytes& frame = bases[next() % 5]->frame;
    std::memcpy(buf, frame.data(), frame.size());
    const size_t at = 12 + next() % (frame.size() - 12);
    buf[at] = static_cast<uint8_t>(next());
    const size_t n = next() % 3 == 0 ? next() % (frame.size() + 1) : frame.size();
    const uint32_t wire = static_cast<uint32_t>(frame.size() + (next() % 4 == 0 ? next() % 100 : 0));
    if (compareBothWays(buf, n, wire, "mutated")) ++taken;
  }
  CHECK(taken > 1000);
}
