// Conservation under hostile input: whatever the frames, every frame and
// wire byte lands in exactly one bucket, with a table far too small.
#include <vector>

#include "agent/pipeline/pipeline.h"
#include "tests/fakes/frames.h"

// Last: CppUTest's leak detector redefines `new` for what follows.
#include <CppUTest/TestHarness.h>

using namespace edgeflow;

namespace {

struct Rng {
  uint64_t s = 0x9e3779b97f4a7c15ull;
  uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(next() % n); }
};

config::Config smallTableConfig() {
  config::Config cfg;
  cfg.agent.local = {*IpPrefix::parse("175.45.176.0/22"), *IpPrefix::parse("2001:db8:4500::/48")};
  cfg.agent.max_flows = 16;
  cfg.agent.idle_timeout = 2;
  cfg.agent.active_timeout = 5;
  config::Upstream u;
  u.id = "ttk";
  config::MatchRule r;
  r.vlan = 101;
  u.match = {r};
  cfg.upstreams.push_back(u);
  return cfg;
}

// A valid frame, then a few bytes flipped and maybe a cut.
std::vector<uint8_t> mutatedFrame(Rng& rng) {
  fakes::FrameSpec s;
  if (rng.below(2)) s.vlans = {static_cast<uint16_t>(rng.below(2) ? 101 : rng.below(4096))};
  const bool v6 = rng.below(3) == 0;
  s.src = v6 ? *IpAddr::parse(rng.below(2) ? "2001:db8:4500::1" : "2a00::7") : IpAddr::v4(0xaf2db000u + rng.below(2048));
  s.dst = v6 ? *IpAddr::parse(rng.below(2) ? "2001:db8:4500::2" : "2a00::9") : IpAddr::v4(0x08080000u + rng.below(4));
  s.proto = rng.below(2) ? 6 : 17;
  s.src_port = static_cast<uint16_t>(rng.below(8));
  s.payload = static_cast<uint16_t>(rng.below(200));
  if (!v6 && rng.below(4) == 0) {
    s.ip_id = static_cast<uint16_t>(rng.below(4));
    s.more_fragments = rng.below(2);
    s.frag_offset = static_cast<uint16_t>(rng.below(3) * 8);
  }
  std::vector<uint8_t> f = fakes::buildFrame(s);
  for (uint32_t flips = rng.below(4); flips > 0; --flips) f[rng.below(static_cast<uint32_t>(f.size()))] ^= static_cast<uint8_t>(1u << rng.below(8));
  if (rng.below(4) == 0) f.resize(rng.below(static_cast<uint32_t>(f.size()) + 1));
  return f;
}

}  // namespace

TEST_GROUP(Conservation){};

TEST(Conservation, MutatedFramesOnEveryLinkTypeAllLandInABucket) {
  const decode::LinkType links[] = {decode::LinkType::Ethernet, decode::LinkType::Raw, decode::LinkType::LinuxSll,
                                    decode::LinkType::Null, decode::LinkType::Ppp,
                                    static_cast<decode::LinkType>(147)};
  Rng rng;
  for (decode::LinkType link : links) {
    pipeline::Pipeline p(smallTableConfig(), rng.next());
    p.setSource(link, "");
    uint64_t packets = 0, bytes = 0;
    TimestampUs t = 1767225600ull * kUsPerSecond;
    for (int i = 0; i < 20000; ++i) {
      const std::vector<uint8_t> f = mutatedFrame(rng);
      const uint32_t wire = static_cast<uint32_t>(f.size()) + rng.below(3) * 100;  // some snap-length cuts
      t += rng.below(300000);
      p.onPacket(t, f.data(), static_cast<uint32_t>(f.size()), wire);
      packets += 1;
      bytes += wire;
      if (i % 1000 == 0) p.tick(t);
    }
    const share::Report r = p.report();
    const share::Counter total = r.bucketTotal();
    UNSIGNED_LONGS_EQUAL(packets, total.packets);
    UNSIGNED_LONGS_EQUAL(bytes, total.frame_bytes);
    CHECK(r.health.flows_active <= 16);
    uint64_t decode_frames = 0;
    for (const auto& [name, count] : r.health.decode) decode_frames += count;
    UNSIGNED_LONGS_EQUAL(r.non_ip.packets + r.undecodable.packets, decode_frames);
  }
}
