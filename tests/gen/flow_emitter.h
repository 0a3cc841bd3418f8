// Emitter: turns scheduled units into frames, keeping each flow's protocol
// state (TCP sequence numbers, IP ids, DNS ids, ping sequence numbers).
#pragma once

#include <cstdint>

#include "tests/gen/app_payload.h"
#include "tests/gen/frame_builder.h"
#include "tests/gen/frame_facts.h"
#include "tests/gen/rng.h"
#include "tests/gen/scenario.h"
#include "tests/gen/schedule.h"
#include "tests/gen/traffic_plan.h"

namespace edgeflow::gen {

class FrameSink {
 public:
  virtual ~FrameSink() = default;
  // One whole frame of `wire_len` bytes, `t_us` from the capture's start.
  virtual void frame(uint64_t t_us, const uint8_t* data, uint32_t wire_len,
                     const FrameFacts& facts) = 0;
};

class Emitter {
 public:
  Emitter(const Scenario& s, Plan& plan, FrameSink& sink, uint64_t seed);

  // Writes the frames of one unit; units of a flow must come in order.
  void emit(const Event& e);

  // First payloads written so far: TLS ClientHellos, HTTP requests, SSH
  // banners, BitTorrent handshakes (each one segment).
  uint64_t written(Written w) const { return written_[static_cast<size_t>(w)]; }

 private:
  void tcp(FlowSpec& f, uint32_t unit, uint64_t t);
  void udp(FlowSpec& f, const Unit& u, uint64_t t);
  void icmp(FlowSpec& f, const Unit& u, uint64_t t);
  // Sends the transport segment of `l4_len` bytes already written at the
  // frame's transport offset.
  void sendIp(FlowSpec& f, int side, uint8_t proto, uint32_t l4_len, uint32_t l4_header, bool df,
              uint64_t t, FrameFacts& facts);
  // Sends the UDP datagram in datagram_ as IP fragments.
  void sendFragments(FlowSpec& f, int side, uint32_t len, uint32_t frames, uint64_t t);
  uint8_t* transportStart(const FlowSpec& f) {
    return frame_ + f.path.overhead() + ipHeaderLen(f.v6);
  }

  const Scenario& s_;
  Plan& plan_;
  FrameSink& sink_;
  Rng rng_;
  Rng app_rng_;  // applications' own random fields (app_payload.h)
  uint64_t written_[5] = {};
  uint8_t frame_[kFrameBufSize];
  uint8_t datagram_[65536];
};

}  // namespace edgeflow::gen
