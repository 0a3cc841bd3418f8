// Truth: docs/counting.md applied to the facts of every frame written.
//
// Independent of the agent by construction: it sees no bytes, only what the
// generator put into each frame (MACs, tags, addresses, ports, lengths), and
// implements the counting rules itself: upstream matching, direction,
// buckets, bidirectional flow keys, per-direction flow records, fragments.
// Besides the counters it measures the conditions under which the flow
// counts hold exactly: the largest gap inside a flow, the capture's
// duration, and the least-recently-seen table size that never evicts a live
// flow.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "tests/gen/frame_facts.h"
#include "tests/gen/lru_distance.h"
#include "tests/gen/remote_networks.h"
#include "tests/gen/scenario.h"

namespace edgeflow::gen {

struct Counter {
  uint64_t packets = 0;
  uint64_t ip_bytes = 0;
  uint64_t frame_bytes = 0;
  uint64_t flows = 0;
};

enum Direction : int { kIn = 0, kOut = 1 };

struct Buckets {
  std::vector<std::array<Counter, 2>> upstreams;  // config order, [kIn], [kOut]
  std::array<Counter, 2> unknown;
  Counter internal;
  Counter transit;
  Counter non_ip;
  Counter undecodable;
};

// The rows of one (upstream or unknown-upstream, direction): per remote
// country, remote AS and application ("breakdowns" in the truth JSON).
struct Breakdown {
  std::map<std::string, Counter> country;  // ISO code, or "unknown"
  std::map<uint32_t, Counter> asn;         // 0: unknown
  std::map<uint16_t, Counter> app;         // LabelId
};

struct Breakdowns {
  std::vector<std::array<Breakdown, 2>> upstreams;  // config order, [kIn], [kOut]
  std::array<Breakdown, 2> unknown;
};

struct FileTotals {
  uint64_t packets = 0;
  uint64_t frame_bytes = 0;
  uint64_t captured_bytes = 0;
};

// Where one frame landed: a bucket (upstream index, then the fixed buckets
// below), a direction for upstream and unknown-upstream, and its flow key.
struct Verdict {
  static constexpr int kUnknown = -1, kInternal = -2, kTransit = -3, kNonIp = -4, kUndecodable = -5;
  int bucket = kUndecodable;  // >= 0: upstream index
  int dir = -1;               // kIn, kOut, or -1
  int64_t flow = -1;          // dense flow key id, -1 for non-IP frames
};

class Truth {
 public:
  // `max_frames` bounds the frames that will be added. `nets` gives the
  // remote end's country and AS for the breakdowns.
  Truth(const Scenario& s, const RemoteNetworks& nets, uint64_t max_frames);

  // One frame at `t_us` (non-decreasing) of which `cap_len` bytes were
  // captured.
  Verdict add(uint64_t t_us, uint32_t cap_len, const FrameFacts& f);

  const Buckets& buckets() const { return buckets_; }
  const Breakdowns& breakdowns() const { return breakdowns_; }
  const FileTotals& file() const { return file_; }
  uint64_t maxGapUs() const { return max_gap_us_; }
  uint64_t durationUs() const { return file_.packets == 0 ? 0 : last_us_ - first_us_; }
  uint64_t minTableForExactFlows() const { return lru_.maxDistance(); }
  uint64_t flowKeys() const { return keys_.size(); }
  uint64_t cutBySnaplen() const { return cut_by_snaplen_; }

 private:
  struct FlowKey {
    uint8_t bucket = 0;  // upstream index, then unknown, internal, transit
    uint8_t proto = 0;
    bool v6 = false;
    uint16_t local_port = 0;
    uint16_t remote_port = 0;
    std::array<uint8_t, 16> local{};
    std::array<uint8_t, 16> remote{};
    bool operator==(const FlowKey&) const = default;
  };
  struct FragmentKey {
    std::array<uint8_t, 16> src{};
    std::array<uint8_t, 16> dst{};
    uint32_t id = 0;
    uint8_t proto = 0;
    bool v6 = false;
    bool operator==(const FragmentKey&) const = default;
  };
  struct Hash {
    size_t operator()(const FlowKey& k) const;
    size_t operator()(const FragmentKey& k) const;
  };
  struct KeyState {
    uint64_t last_us = 0;
    uint8_t directions = 0;  // bit per direction that already counted a flow
    bool remote_known = false;
    RemoteFacts remote;  // the remote end's facts, looked up once per key
  };

  int matchUpstream(const FrameFacts& f) const;
  Verdict addIp(uint64_t t_us, const FrameFacts& f);
  uint32_t keyId(const FrameFacts& f, uint8_t bucket, int dir);

  const Scenario& s_;
  const RemoteNetworks& nets_;
  Buckets buckets_;
  Breakdowns breakdowns_;
  FileTotals file_;
  std::unordered_map<FlowKey, uint32_t, Hash> keys_;
  std::vector<KeyState> states_;
  // First fragments seen, so later fragments join their flow. A newer first
  // fragment with the same (src, dst, proto, id) replaces the entry.
  std::unordered_map<FragmentKey, uint32_t, Hash> fragments_;
  LruDistance lru_;
  uint64_t first_us_ = 0;
  uint64_t last_us_ = 0;
  uint64_t max_gap_us_ = 0;
  uint64_t cut_by_snaplen_ = 0;
};

}  // namespace edgeflow::gen
