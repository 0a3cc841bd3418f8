// PcapFileSource: a PacketSource over a capture file (pcap or pcapng) read
// with libpcap's offline API.
#pragma once

#include <memory>
#include <string>

#include "agent/pipeline/packet_source.h"

struct pcap;

namespace edgeflow::platform {

class PcapFileSource final : public pipeline::PacketSource {
 public:
  // Opens `path` ("-" for standard input). On failure, ok() is false and
  // error() says why.
  PcapFileSource(const std::string& path, std::string interface_name);
  ~PcapFileSource() override;

  bool ok() const { return pcap_ != nullptr && link_supported_; }

  pipeline::SourceStatus next(pipeline::CapturedPacket& out) override;
  // pcap_dispatch(): the frames go to `sink` from inside libpcap's read loop.
  pipeline::SourceStatus dispatch(size_t max, pipeline::FrameSink& sink, size_t& handed) override;
  decode::LinkType linkType() const override { return link_; }
  std::string_view interfaceName() const override { return interface_; }
  std::string error() const override { return error_; }

 private:
  static constexpr size_t kReadBuffer = 256 * 1024;

  std::unique_ptr<char[]> read_buffer_;  // the file's stdio buffer; outlives pcap_
  struct pcap* pcap_ = nullptr;
  decode::LinkType link_ = decode::LinkType::Ethernet;
  bool link_supported_ = false;
  std::string interface_;
  std::string error_;
};

// libpcap's DLT_* value to the LINKTYPE_* value the decoder takes; false for
// link types the decoder does not handle.
bool linkTypeFromDlt(int dlt, decode::LinkType& out);

}  // namespace edgeflow::platform
