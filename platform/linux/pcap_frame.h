// A libpcap record header and its bytes as the pipeline's CapturedPacket,
// shared by the file and the live source.
#pragma once

#include <pcap/pcap.h>

#include "agent/common/time.h"
#include "agent/pipeline/packet_source.h"

namespace edgeflow::platform {

inline void toCaptured(const struct pcap_pkthdr& hdr, const u_char* data, pipeline::CapturedPacket& out) {
  out.ts = static_cast<TimestampUs>(hdr.ts.tv_sec) * kUsPerSecond + static_cast<TimestampUs>(hdr.ts.tv_usec);
  out.data = data;
  out.captured = hdr.caplen;
  // A record may claim len < caplen; the wire carried at least what we hold.
  out.wire_len = hdr.len < hdr.caplen ? hdr.caplen : hdr.len;
}

}  // namespace edgeflow::platform
