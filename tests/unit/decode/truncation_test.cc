// Every sample frame cut at every byte offset. The cut copy lives in an
// exactly-sized heap buffer, so a read past the captured bytes is an
// AddressSanitizer error. Before the end of the headers the decoder must
// report a *.truncated error; from there on, the frame's own status.
#include "tests/unit/decode/test_frames.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow::decode;
using namespace edgeflow::decode::test;

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

TEST_GROUP(Truncation){};

TEST(Truncation, EverySampleAtEveryOffset) {
  for (const SampleFrame& s : kSamples) {
    const DecodedPacket full = decode(s.link, s.frame);
    STRCMP_EQUAL_TEXT(name(s.status).c_str(), name(full.status).c_str(), s.name);
    if (full.has_ports) {
      // ICMP needs type and code; its checksum is skipped when present.
      const bool icmp = full.ip_proto == 1 || full.ip_proto == 58;
      UNSIGNED_LONGS_EQUAL_TEXT(s.header_end + (icmp ? 2 : 0), full.payload_offset, s.name);
    }
    for (size_t i = 0; i <= s.frame.size(); ++i) {
      const DecodedPacket p = decode(s.link, s.frame, i);
      const std::string what = std::string(s.name) + " cut at " + std::to_string(i);
      if (i < s.header_end) {
        CHECK_TEXT(isError(p.status), what.c_str());
        CHECK_TEXT(endsWith(name(p.status), "truncated"), (what + ": " + name(p.status)).c_str());
        CHECK_FALSE_TEXT(p.has_ports, what.c_str());
      } else {
        STRCMP_EQUAL_TEXT(name(s.status).c_str(), name(p.status).c_str(), what.c_str());
        // What the header says does not change with the snap length.
        CHECK_TEXT(p.has_ip == full.has_ip, what.c_str());
        UNSIGNED_LONGS_EQUAL_TEXT(full.ip_bytes, p.ip_bytes, what.c_str());
        UNSIGNED_LONGS_EQUAL_TEXT(full.src_port, p.src_port, what.c_str());
        UNSIGNED_LONGS_EQUAL_TEXT(full.dst_port, p.dst_port, what.c_str());
        UNSIGNED_LONGS_EQUAL_TEXT(full.vlan_count, p.vlan_count, what.c_str());
        if (p.has_ip) {
          CHECK_TEXT(p.src == full.src && p.dst == full.dst, what.c_str());
          CHECK_TEXT(p.payload_offset + p.payload_captured <= i, what.c_str());
        }
      }
    }
  }
}

TEST(Truncation, HasIpOnceTheIpHeaderIsRead) {
  // eth/ipv4/tcp: the IPv4 header ends at 34, TCP at 54.
  const SampleFrame& s = sample("eth/ipv4/tcp");
  for (size_t i = 0; i < s.header_end; ++i) {
    const DecodedPacket p = decode(s.link, s.frame, i);
    CHECK_EQUAL(i >= 34, p.has_ip);
    EDGEFLOW_CHECK_STATUS(i < 14   ? DecodeStatus::EthernetTruncated
                          : i < 34 ? DecodeStatus::Ipv4Truncated
                                   : DecodeStatus::TcpTruncated,
                          p.status);
    if (p.has_ip) UNSIGNED_LONGS_EQUAL(44, p.ip_bytes);
  }
}

TEST(Truncation, NamedStatusPerLayer) {
  struct Cut {
    const char* sample;
    size_t at;
    DecodeStatus expected;
  };
  const Cut cuts[] = {
      {"eth/vlan/ipv4/tcp", 17, DecodeStatus::VlanTruncated},
      {"eth/mpls3/ipv6/tcp", 21, DecodeStatus::MplsTruncated},
      {"eth/pppoe/ipv4/tcp", 18, DecodeStatus::PppoeTruncated},
      {"eth/ipv6/tcp", 53, DecodeStatus::Ipv6Truncated},
      {"eth/ipv6-ext/udp", 70, DecodeStatus::Ipv6ExtTruncated},
      {"eth/ipv6/udp", 61, DecodeStatus::UdpTruncated},
      {"sll/ipv4/tcp", 10, DecodeStatus::SllTruncated},
      {"sll2/ipv6/tcp", 10, DecodeStatus::Sll2Truncated},
      {"null-le/ipv4/tcp", 3, DecodeStatus::NullTruncated},
      {"loop/ipv4/udp", 1, DecodeStatus::LoopTruncated},
      {"raw/ipv6/udp", 0, DecodeStatus::RawTruncated},
      {"ppp-ff03/ipv4/tcp", 3, DecodeStatus::PppTruncated},
      {"eth/ipv4/sctp", 40, DecodeStatus::SctpTruncated},
  };
  for (const Cut& c : cuts) {
    const SampleFrame& s = sample(c.sample);
    STRCMP_EQUAL_TEXT(name(c.expected).c_str(), name(decode(s.link, s.frame, c.at).status).c_str(), c.sample);
  }
}
