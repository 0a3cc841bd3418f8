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
#define EDGEFLOW_DECODE_STATUS_LIST(X)                                 \
  X(Ok, "decode.ok", 0)                                                \
  X(NonIpEthertype, "decode.non_ip.ethertype", 1)                      \
  X(TooDeep, "decode.too_deep", 2)                                     \
  X(UnsupportedLinkType, "decode.link.unsupported", 2)                 \
  X(EthernetTruncated, "decode.ethernet.truncated", 2)                 \
  X(Ipv4Truncated, "decode.ipv4.truncated", 2)                         \
  X(Ipv4BadIhl, "decode.ipv4.bad_ihl", 2)

enum class DecodeStatus : uint8_t {
#define EDGEFLOW_X(name, text, kind) name,
  EDGEFLOW_DECODE_STATUS_LIST(EDGEFLOW_X)
#undef EDGEFLOW_X
  Count_
};

constexpr int kDecodeStatusCount = static_cast<int>(DecodeStatus::Count_);

std::string_view decodeStatusName(DecodeStatus s);
bool isNonIp(DecodeStatus s);
bool isError(DecodeStatus s);

}  // namespace edgeflow::decode
