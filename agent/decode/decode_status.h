// DecodeStatus: the outcome of decoding one frame, one named value per path.
//
// Three kinds: Ok; a valid frame that carries no IP (counted in the non-ip
// bucket); and errors, each with a dotted name that is also the name of the
// health counter exported for it (decode.ipv4.bad_ihl, ...). Tests assert on
// these values, never on log text.
#pragma once

#include <cstdint>
#include <string_view>

namespace edgeflow::decode {

// X(enumerator, dotted name, kind). Kind: 0 ok, 1 non-ip, 2 error.
// Keep Ok first; add new values anywhere after it.
#define EDGEFLOW_DECODE_STATUS_LIST(X)                         \
  X(Ok, "decode.ok", 0)                                        \
  /* Well-formed frames without IP. */                         \
  X(NonIpEthertype, "decode.non_ip.ethertype", 1)              \
  X(NonIpLlc, "decode.non_ip.llc", 1)                          \
  X(NonIpPppoeDiscovery, "decode.non_ip.pppoe_discovery", 1)   \
  X(NonIpPppProtocol, "decode.non_ip.ppp_protocol", 1)         \
  X(NonIpMplsPayload, "decode.non_ip.mpls_payload", 1)         \
  X(NonIpAddressFamily, "decode.non_ip.address_family", 1)     \
  /* Frames the decoder rejects. */                            \
  X(TooDeep, "decode.too_deep", 2)                             \
  X(UnsupportedLinkType, "decode.link.unsupported", 2)         \
  X(EthernetTruncated, "decode.ethernet.truncated", 2)         \
  X(VlanTruncated, "decode.vlan.truncated", 2)                 \
  X(MplsTruncated, "decode.mpls.truncated", 2)                 \
  X(PppoeTruncated, "decode.pppoe.truncated", 2)               \
  X(PppoeBadHeader, "decode.pppoe.bad_header", 2)              \
  X(PppoeBadLength, "decode.pppoe.bad_length", 2)              \
  X(PppTruncated, "decode.ppp.truncated", 2)                   \
  X(SllTruncated, "decode.sll.truncated", 2)                   \
  X(Sll2Truncated, "decode.sll2.truncated", 2)                 \
  X(NullTruncated, "decode.null.truncated", 2)                 \
  X(LoopTruncated, "decode.loop.truncated", 2)                 \
  X(RawTruncated, "decode.raw.truncated", 2)                   \
  X(RawBadVersion, "decode.raw.bad_version", 2)                \
  X(Ipv4Truncated, "decode.ipv4.truncated", 2)                 \
  X(Ipv4BadVersion, "decode.ipv4.bad_version", 2)              \
  X(Ipv4BadIhl, "decode.ipv4.bad_ihl", 2)                      \
  X(Ipv4BadTotalLength, "decode.ipv4.bad_total_length", 2)     \
  X(Ipv6Truncated, "decode.ipv6.truncated", 2)                 \
  X(Ipv6BadVersion, "decode.ipv6.bad_version", 2)              \
  X(Ipv6BadPayloadLength, "decode.ipv6.bad_payload_length", 2) \
  X(Ipv6ExtTruncated, "decode.ipv6.ext_truncated", 2)          \
  X(TcpTruncated, "decode.tcp.truncated", 2)                   \
  X(TcpBadDataOffset, "decode.tcp.bad_data_offset", 2)         \
  X(UdpTruncated, "decode.udp.truncated", 2)                   \
  X(SctpTruncated, "decode.sctp.truncated", 2)                 \
  X(IcmpTruncated, "decode.icmp.truncated", 2)                 \
  X(Icmpv6Truncated, "decode.icmpv6.truncated", 2)

enum class DecodeStatus : uint8_t {
#define EDGEFLOW_X(name, text, kind) name,
  EDGEFLOW_DECODE_STATUS_LIST(EDGEFLOW_X)
#undef EDGEFLOW_X
      Count_
};

constexpr int kDecodeStatusCount = static_cast<int>(DecodeStatus::Count_);

// The dotted name; "decode.invalid" for a value outside the list.
std::string_view decodeStatusName(DecodeStatus s);

namespace detail {
inline constexpr uint8_t kDecodeStatusKind[] = {
#define EDGEFLOW_X(name, text, kind) kind,
    EDGEFLOW_DECODE_STATUS_LIST(EDGEFLOW_X)
#undef EDGEFLOW_X
};
inline constexpr uint8_t kindOf(DecodeStatus s) {
  const auto i = static_cast<unsigned>(s);
  return i < static_cast<unsigned>(kDecodeStatusCount) ? kDecodeStatusKind[i] : uint8_t{2};
}
}  // namespace detail

// Called once per packet by the pipeline, so kept inline.
constexpr bool isNonIp(DecodeStatus s) { return detail::kindOf(s) == 1; }
constexpr bool isError(DecodeStatus s) { return detail::kindOf(s) == 2; }

}  // namespace edgeflow::decode
