#include "platform/linux/pcap_file_source.h"

#include <pcap/pcap.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>

#include "platform/linux/pcap_frame.h"

namespace edgeflow::platform {

bool linkTypeFromDlt(int dlt, decode::LinkType& out) {
  using decode::LinkType;
  // DLT_RAW differs between systems (12 or 14); libpcap maps a file's
  // LINKTYPE_RAW (101) to the local DLT_RAW, so match the macro.
  switch (dlt) {
    case DLT_NULL: out = LinkType::Null; return true;
    case DLT_EN10MB: out = LinkType::Ethernet; return true;
    case DLT_PPP: out = LinkType::Ppp; return true;
    case DLT_PPP_SERIAL: out = LinkType::PppHdlc; return true;
    case DLT_RAW: out = LinkType::Raw; return true;
    case DLT_LOOP: out = LinkType::Loop; return true;
    case DLT_LINUX_SLL: out = LinkType::LinuxSll; return true;
    case DLT_IPV4: out = LinkType::Ipv4; return true;
    case DLT_IPV6: out = LinkType::Ipv6; return true;
    case DLT_LINUX_SLL2: out = LinkType::LinuxSll2; return true;
    default: return false;
  }
}

PcapFileSource::PcapFileSource(const std::string& path, std::string interface_name)
    : interface_(std::move(interface_name)) {
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  if (path == "-") {
    pcap_ = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_MICRO, errbuf);
  } else {
    // libpcap reads a record as two freads; a large stdio buffer makes the
    // read() calls behind them rare (one per kReadBuffer bytes, not per 4 KiB).
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
      error_ = path + ": " + std::strerror(errno);
      return;
    }
    // glibc ignores the size unless it is given the buffer.
    read_buffer_ = std::make_unique<char[]>(kReadBuffer);
    std::setvbuf(file, read_buffer_.get(), _IOFBF, kReadBuffer);
    pcap_ = pcap_fopen_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (pcap_ == nullptr) std::fclose(file);  // pcap_close closes it otherwise
  }
  if (pcap_ == nullptr) {
    error_ = std::string(path) + ": " + errbuf;
    return;
  }
  const int dlt = pcap_datalink(pcap_);
  link_supported_ = linkTypeFromDlt(dlt, link_);
  if (!link_supported_) {
    const char* name = pcap_datalink_val_to_name(dlt);
    error_ = path + ": link type " + std::to_string(dlt) + " (" + (name ? name : "unknown") + ") is not supported";
  }
}

PcapFileSource::~PcapFileSource() {
  if (pcap_ != nullptr) pcap_close(pcap_);
}

namespace {

struct Dispatch {
  pipeline::FrameSink* sink;
  size_t handed;
};

void onPcapFrame(u_char* user, const struct pcap_pkthdr* hdr, const u_char* data) {
  auto* d = reinterpret_cast<Dispatch*>(user);
  pipeline::CapturedPacket pkt;
  toCaptured(*hdr, data, pkt);
  d->sink->onFrame(pkt);
  ++d->handed;
}

}  // namespace

pipeline::SourceStatus PcapFileSource::dispatch(size_t max, pipeline::FrameSink& sink, size_t& handed) {
  handed = 0;
  if (max == 0) return pipeline::SourceStatus::Packet;
  const int count = max > size_t{INT_MAX} ? INT_MAX : static_cast<int>(max);
  Dispatch d{&sink, 0};
  const int rc = pcap_dispatch(pcap_, count, onPcapFrame, reinterpret_cast<u_char*>(&d));
  handed = d.handed;
  if (rc == PCAP_ERROR) {
    error_ = pcap_geterr(pcap_);
    return pipeline::SourceStatus::Error;
  }
  // On a file, libpcap returns `count` when it handed that many and 0 at
  // the end of the file (however many it handed before).
  return rc == count ? pipeline::SourceStatus::Packet : pipeline::SourceStatus::End;
}

pipeline::SourceStatus PcapFileSource::next(pipeline::CapturedPacket& out) {
  struct pcap_pkthdr* hdr = nullptr;
  const u_char* data = nullptr;
  const int rc = pcap_next_ex(pcap_, &hdr, &data);
  if (rc == 1) {
    toCaptured(*hdr, data, out);
    return pipeline::SourceStatus::Packet;
  }
  if (rc == PCAP_ERROR_BREAK) return pipeline::SourceStatus::End;
  error_ = pcap_geterr(pcap_);
  return pipeline::SourceStatus::Error;
}

}  // namespace edgeflow::platform
