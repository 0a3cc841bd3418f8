// Hand-written frames shared by the decoder suites, and a helper that decodes
// a frame from an exactly-sized heap copy (so AddressSanitizer sees any read
// past the captured bytes).
//
// Test files include this (and any standard header) before CppUTest, whose
// leak-detector macros redefine `new`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "agent/decode/decoder.h"

namespace edgeflow::decode::test {

using Bytes = std::vector<uint8_t>;

Bytes operator+(Bytes a, const Bytes& b);

// Decodes the first `captured` bytes of `frame` (all by default) with the
// given wire length (frame.size() by default).
DecodedPacket decode(LinkType link, const Bytes& frame, size_t captured = SIZE_MAX, uint32_t wire_len = 0);

std::string addr(const IpAddr& a);
std::string name(DecodeStatus s);

// --- IP datagrams -----------------------------------------------------------
// 192.0.2.1:40000 -> 198.51.100.7:443, TCP SYN, 4 payload bytes; total 44.
extern const Bytes kIpv4Tcp;
// 192.0.2.1:5353 -> 198.51.100.7:53, UDP, 4 payload bytes; total 32.
extern const Bytes kIpv4Udp;
// [2001:db8::1]:40001 -> [2001:db8::2]:80, TCP PSH|ACK, 3 payload bytes; 63.
extern const Bytes kIpv6Tcp;
// [2001:db8::1]:546 -> [2001:db8::2]:547, UDP, 2 payload bytes; 50.
extern const Bytes kIpv6Udp;

// --- Link headers (up to and including the EtherType / protocol) ----------
extern const Bytes kEthIpv4;  // dst 02:00:00:00:00:02, src 02:00:00:00:00:01
extern const Bytes kEthIpv6;

// --- Sample frames, one per kind, for the truncation and random suites ----
struct SampleFrame {
  const char* name;
  LinkType link;
  Bytes frame;
  // Bytes needed to decide: end of the transport header for IP frames, of
  // the deciding field for non-IP ones.
  size_t header_end;
  DecodeStatus status;  // with the whole frame captured
};

extern const std::vector<SampleFrame> kSamples;

// The sample called `name`; fails the current test if there is none.
const SampleFrame& sample(const char* name);

}  // namespace edgeflow::decode::test

// Compares statuses by dotted name, so a failure says which path was taken.
#define EDGEFLOW_CHECK_STATUS(expected, actual)                  \
  STRCMP_EQUAL(::edgeflow::decode::test::name(expected).c_str(), \
               ::edgeflow::decode::test::name(actual).c_str())
