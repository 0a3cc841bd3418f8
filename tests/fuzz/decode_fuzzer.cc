// Fuzz target for decodePacket.
//
// Input: byte 0 picks the link type (low bits) and whether the snap length
// cut the frame (bit 7: the wire carried 1500 bytes more than captured); the
// rest is the frame, read in place so any read past it is caught.
// Besides not crashing, the result must be self-consistent; a violation
// aborts, which the fuzzer reports like a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "agent/decode/decoder.h"

namespace {

using edgeflow::decode::DecodedPacket;
using edgeflow::decode::DecodeStatus;
using edgeflow::decode::LinkType;

constexpr LinkType kLinkTypes[] = {
    LinkType::Ethernet, LinkType::LinuxSll, LinkType::LinuxSll2, LinkType::Raw,  LinkType::Ipv4,
    LinkType::Ipv6,     LinkType::Ppp,      LinkType::PppHdlc,   LinkType::Null, LinkType::Loop};
constexpr size_t kLinkTypeCount = sizeof kLinkTypes / sizeof kLinkTypes[0];

void require(bool ok) {
  if (!ok) std::abort();
}

void checkConsistent(const DecodedPacket& p, size_t captured, uint32_t wire_len) {
  using edgeflow::decode::isError;
  using edgeflow::decode::isNonIp;
  require(static_cast<int>(p.status) < edgeflow::decode::kDecodeStatusCount);
  require(p.vlan_count <= edgeflow::decode::kMaxVlanTags);
  require(p.mpls_count <= edgeflow::decode::kMaxMplsLabels);
  require(p.status != DecodeStatus::Ok || p.has_ip);
  require(!isNonIp(p.status) || !p.has_ip);
  require(!p.has_ports || p.status == DecodeStatus::Ok);
  if (p.has_ip) require(p.ip_bytes >= 20 && p.l3_offset + p.ip_bytes <= wire_len);
  if (p.status == DecodeStatus::Ok) {
    require(p.l4_offset <= p.payload_offset);
    require(p.payload_offset + p.payload_captured <= captured);
    require(p.payload_offset + p.payload_captured <= p.l3_offset + p.ip_bytes);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const LinkType link = kLinkTypes[(data[0] & 0x7f) % kLinkTypeCount];
  const uint8_t* frame = data + 1;
  const size_t captured = size - 1;
  const uint32_t wire_len = static_cast<uint32_t>(captured + ((data[0] & 0x80) ? 1500 : 0));
  DecodedPacket p;
  edgeflow::decode::decodePacket(link, frame, captured, wire_len, p);
  checkConsistent(p, captured, wire_len);
  return 0;
}
