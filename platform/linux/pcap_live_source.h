// PcapLiveSource: a PacketSource capturing on a network interface with
// libpcap (TPACKET_V3 ring on Linux), non-blocking, with a selectable fd for
// the event loop. Sampling (`option sample` N) keeps 1 frame in N here,
// before the pipeline: deterministic (every Nth frame), so counters scaled
// by N estimate the link's traffic.
#pragma once

#include <cstdint>
#include <string>

#include "agent/pipeline/packet_source.h"

struct pcap;

namespace edgeflow::platform {

struct LiveCaptureOptions {
  uint32_t snaplen = 512;        // bytes kept per frame: headers and enough payload for DPI
  uint32_t sample = 1;           // keep 1 frame in `sample`
  uint32_t buffer_bytes = 4u << 20;  // kernel ring size
  bool promiscuous = true;
};

class PcapLiveSource final : public pipeline::PacketSource {
 public:
  // Opens and activates the capture on `interface`. On failure ok() is
  // false and error() says why (no such device, no permission...).
  PcapLiveSource(const std::string& interface, const LiveCaptureOptions& options);
  ~PcapLiveSource() override;
  PcapLiveSource(const PcapLiveSource&) = delete;
  PcapLiveSource& operator=(const PcapLiveSource&) = delete;

  bool ok() const { return pcap_ != nullptr && fd_ >= 0 && link_supported_; }
  // Readable when frames may be waiting.
  int selectableFd() const { return fd_; }

  // A sampled frame, Again when the ring holds no more now, Error when the
  // interface went away.
  pipeline::SourceStatus next(pipeline::CapturedPacket& out) override;
  decode::LinkType linkType() const override { return link_; }
  std::string_view interfaceName() const override { return interface_; }
  std::string error() const override { return error_; }

  // Frames the kernel dropped (ring full) plus the interface's drops, as
  // pcap_stats counts them since the capture started.
  uint64_t dropped();
  uint32_t sample() const { return sample_; }

 private:
  struct pcap* pcap_ = nullptr;
  int fd_ = -1;
  decode::LinkType link_ = decode::LinkType::Ethernet;
  bool link_supported_ = false;
  std::string interface_;
  std::string error_;
  uint32_t sample_ = 1;
  uint32_t skip_ = 0;  // frames to skip before the next kept one
};

}  // namespace edgeflow::platform
