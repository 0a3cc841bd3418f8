#include "platform/linux/pcap_live_source.h"

#include <pcap/pcap.h>

#include "platform/linux/pcap_file_source.h"
#include "platform/linux/pcap_frame.h"

namespace edgeflow::platform {

PcapLiveSource::PcapLiveSource(const std::string& interface, const LiveCaptureOptions& options)
    : interface_(interface), sample_(options.sample == 0 ? 1 : options.sample) {
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_ = pcap_create(interface.c_str(), errbuf);
  if (pcap_ == nullptr) {
    error_ = interface + ": " + errbuf;
    return;
  }
  pcap_set_snaplen(pcap_, static_cast<int>(options.snaplen));
  pcap_set_promisc(pcap_, options.promiscuous ? 1 : 0);
  pcap_set_buffer_size(pcap_, static_cast<int>(options.buffer_bytes));
  // With TPACKET_V3 the timeout is how long the kernel may fill a block
  // before handing it over: the latency of a quiet link, not a busy wait.
  pcap_set_timeout(pcap_, 100);
  pcap_set_tstamp_precision(pcap_, PCAP_TSTAMP_PRECISION_MICRO);
  const int rc = pcap_activate(pcap_);
  if (rc < 0) {
    error_ = interface + ": " + (rc == PCAP_ERROR ? std::string(pcap_geterr(pcap_)) : pcap_statustostr(rc));
    pcap_close(pcap_);
    pcap_ = nullptr;
    return;
  }
  if (pcap_setnonblock(pcap_, 1, errbuf) != 0) {
    error_ = interface + ": " + errbuf;
    return;
  }
  fd_ = pcap_get_selectable_fd(pcap_);
  if (fd_ < 0) {
    error_ = interface + ": no selectable descriptor";
    return;
  }
  const int dlt = pcap_datalink(pcap_);
  link_supported_ = linkTypeFromDlt(dlt, link_);
  if (!link_supported_) error_ = interface + ": link type " + std::to_string(dlt) + " is not supported";
}

PcapLiveSource::~PcapLiveSource() {
  if (pcap_ != nullptr) pcap_close(pcap_);
}

pipeline::SourceStatus PcapLiveSource::next(pipeline::CapturedPacket& out) {
  for (;;) {
    struct pcap_pkthdr* hdr = nullptr;
    const u_char* data = nullptr;
    const int rc = pcap_next_ex(pcap_, &hdr, &data);
    if (rc == 0) return pipeline::SourceStatus::Again;
    if (rc != 1) {
      error_ = interface_ + ": " + pcap_geterr(pcap_);
      return pipeline::SourceStatus::Error;
    }
    if (skip_ > 0) {
      --skip_;
      continue;
    }
    skip_ = sample_ - 1;
    toCaptured(*hdr, data, out);
    return pipeline::SourceStatus::Packet;
  }
}

uint64_t PcapLiveSource::dropped() {
  struct pcap_stat st {};
  if (pcap_ == nullptr || pcap_stats(pcap_, &st) != 0) return 0;
  return uint64_t{st.ps_drop} + uint64_t{st.ps_ifdrop};
}

}  // namespace edgeflow::platform
