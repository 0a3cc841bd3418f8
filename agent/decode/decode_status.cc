#include "agent/decode/decode_status.h"

namespace edgeflow::decode {

namespace {
constexpr std::string_view kNames[] = {
#define EDGEFLOW_X(name, text, kind) text,
    EDGEFLOW_DECODE_STATUS_LIST(EDGEFLOW_X)
#undef EDGEFLOW_X
};
}  // namespace

std::string_view decodeStatusName(DecodeStatus s) {
  const auto i = static_cast<unsigned>(s);
  return i < static_cast<unsigned>(kDecodeStatusCount) ? kNames[i] : std::string_view("decode.invalid");
}

}  // namespace edgeflow::decode
