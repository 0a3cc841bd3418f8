// Robustness: deterministic pseudo-random frames through every link type.
// Nothing may crash or read out of bounds (this suite runs under
// AddressSanitizer in CI), and the result must be self-consistent.
#include <cstring>
#include <memory>

#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

namespace {

// splitmix64: small, fast, and the same sequence on every platform.
class Prng {
 public:
  explicit Prng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }

 private:
  uint64_t state_;
};

constexpr LinkType kLinkTypes[] = {LinkType::Ethernet,
                                   LinkType::LinuxSll,
                                   LinkType::LinuxSll2,
                                   LinkType::Raw,
                                   LinkType::Ipv4,
                                   LinkType::Ipv6,
                                   LinkType::Ppp,
                                   LinkType::PppHdlc,
                                   LinkType::Null,
                                   LinkType::Loop,
                                   static_cast<LinkType>(0xffff)};

// Checks what any result must satisfy, whatever the input.
void checkConsistent(const DecodedPacket& p, size_t captured, uint32_t wire_len) {
  CHECK(static_cast<int>(p.status) < kDecodeStatusCount);
  CHECK(p.vlan_count <= kMaxVlanTags);
  CHECK(p.mpls_count <= kMaxMplsLabels);
  if (p.status == DecodeStatus::Ok) CHECK(p.has_ip);
  if (isNonIp(p.status)) CHECK_FALSE(p.has_ip);
  if (p.has_ports) CHECK(p.status == DecodeStatus::Ok);
  if (p.has_ip) {
    CHECK(p.ip_bytes >= 20);
    CHECK(p.l3_offset + p.ip_bytes <= wire_len);
  }
  if (p.status == DecodeStatus::Ok) {
    CHECK(p.l4_offset <= p.payload_offset);
    CHECK(p.payload_offset + p.payload_captured <= captured);
    CHECK(p.payload_offset + p.payload_captured <= p.l3_offset + p.ip_bytes);
  }
}

void decodeEverywhere(const uint8_t* bytes, size_t n, uint32_t wire_len) {
  std::unique_ptr<uint8_t[]> copy(new uint8_t[n]);
  if (n > 0) std::memcpy(copy.get(), bytes, n);
  DecodedPacket p;
  for (LinkType link : kLinkTypes) {
    decodePacket(link, copy.get(), n, wire_len, p);
    checkConsistent(p, n, wire_len);
  }
}

constexpr int kFrames = 100000;

}  // namespace

TEST_GROUP(Random){};

TEST(Random, RandomBytesOfRandomLength) {
  Prng rng(0x5eed0001);
  uint8_t buf[256];
  for (int f = 0; f < kFrames; ++f) {
    const size_t n = rng.below(sizeof buf + 1);
    for (size_t i = 0; i < n; ++i) buf[i] = static_cast<uint8_t>(rng.next());
    const uint32_t wire_len = static_cast<uint32_t>(n + (rng.below(4) == 0 ? rng.below(2000) : 0));
    decodeEverywhere(buf, n, wire_len);
  }
}

TEST(Random, MutatedSamples) {
  // Random bytes rarely get past the first header; flipping a few bytes of
  // a valid frame reaches every layer.
  Prng rng(0x5eed0002);
  uint8_t buf[512];
  for (int f = 0; f < kFrames; ++f) {
    const SampleFrame& s = kSamples[rng.below(kSamples.size())];
    const size_t size = s.frame.size() < sizeof buf ? s.frame.size() : sizeof buf;
    std::memcpy(buf, s.frame.data(), size);
    const size_t flips = 1 + rng.below(4);
    for (size_t k = 0; k < flips; ++k) buf[rng.below(size)] = static_cast<uint8_t>(rng.next());
    const size_t n = rng.below(2) == 0 ? size : rng.below(size + 1);
    const uint32_t wire_len = static_cast<uint32_t>(rng.below(4) == 0 ? n + rng.below(70000) : size);
    decodeEverywhere(buf, n, wire_len < n ? static_cast<uint32_t>(n) : wire_len);
  }
}

TEST(Random, WireShorterThanCapture) {
  // A broken capture record (caplen > len) must still be safe.
  const SampleFrame& s = sample("eth/ipv4/tcp");
  DecodedPacket p;
  decodePacket(s.link, s.frame.data(), s.frame.size(), 10, p);
  EDGEFLOW_CHECK_STATUS(DecodeStatus::Ok, p.status);
  checkConsistent(p, s.frame.size(), static_cast<uint32_t>(s.frame.size()));
}
